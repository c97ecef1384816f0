package io.musicspeech.model.net;

/**
 * Window geometry along one axis of a convolution or pooling: input and output size, kernel,
 * stride and the padding before the first cell (DL4J's Same mode as TF/Keras: the odd padding
 * cell at the end).
 */
public record Axis(int in, int out, int kernel, int stride, int padBefore) {

    /** Truncate/Strict (explicit padding {@code pad}) or Same geometry, as DL4J computes it. */
    public static Axis of(boolean same, int in, int kernel, int stride, int pad) {
        int out;
        int before;
        if (same) {
            out = (in + stride - 1) / stride;
            int total = Math.max(0, (out - 1) * stride + kernel - in);
            before = total / 2;
        } else {
            int span = in + 2 * pad - kernel;
            out = span < 0 ? 0 : span / stride + 1;
            before = pad;
        }
        return new Axis(in, out, kernel, stride, before);
    }

    /** First kernel offset inside the input for output cell {@code o}. */
    public int from(int o) {
        return Math.max(0, padBefore - o * stride);
    }

    /** One past the last kernel offset inside the input for output cell {@code o}. */
    public int to(int o) {
        return Math.min(kernel, in - o * stride + padBefore);
    }

    /** Input cell under kernel offset 0 for output cell {@code o} (may be negative: padding). */
    public int origin(int o) {
        return o * stride - padBefore;
    }
}
