package io.musicspeech.live;

import io.musicspeech.audio.Resampler;

import java.util.Arrays;

/**
 * The project's {@link Resampler} for a stream that arrives in pieces, by overlap-save: input is
 * resampled in blocks of {@code L} samples together with {@code R} samples of context on each
 * side (both multiples of the reduced ratio's denominator, so every block starts on the same
 * filter phase), and only the block's own outputs are kept. The result is the whole-signal
 * resampling sample for sample (tested), delayed by {@code R} input samples of look-ahead.
 *
 * <p>Used only when a capture device cannot deliver the configured rate itself; it allocates the
 * block's output on the capture thread, never on the worker.
 */
final class StreamingResampler {
    /** The kernel's half-width is under this many input samples at a lower Nyquist of the input's. */
    private static final int REACH_AT_UNIT_SCALE = 64;
    private static final int TARGET_BLOCK = 2048;

    private final Resampler resampler;
    private final int context;
    private final int block;
    private final int outPerBlock;
    private final int outSkip;
    /** Input from (next block start - context); {@code filled} samples valid. */
    private final float[] input;
    private int filled;
    private float[] output = new float[0];
    private int outStart;
    private int outEnd;

    StreamingResampler(int inRate, int outRate) {
        this.resampler = new Resampler(inRate, outRate);
        int g = Resampler.gcd(inRate, outRate);
        int up = outRate / g;
        int down = inRate / g;
        int reach = (int) Math.ceil(REACH_AT_UNIT_SCALE * Math.max(1.0, (double) inRate / outRate)) + 1;
        this.context = roundUp(reach, down);
        this.block = roundUp(TARGET_BLOCK, down);
        this.outPerBlock = (int) ((long) block * up / down);
        this.outSkip = (int) ((long) context * up / down);
        this.input = new float[2 * context + block];
        this.filled = context; // zeros before the stream starts
    }

    /** Appends input samples. */
    void write(float[] samples, int offset, int length) {
        int done = 0;
        while (done < length) {
            int n = Math.min(length - done, input.length - filled);
            System.arraycopy(samples, offset + done, input, filled, n);
            filled += n;
            done += n;
            if (filled == input.length) {
                processBlock();
            }
        }
    }

    /** Output samples ready to read. */
    int available() {
        return outEnd - outStart;
    }

    /** Moves up to {@code length} ready output samples into {@code out}; returns how many. */
    int read(float[] out, int offset, int length) {
        int n = Math.min(length, available());
        System.arraycopy(output, outStart, out, offset, n);
        outStart += n;
        return n;
    }

    private void processBlock() {
        float[] resampled = resampler.resample(input);
        int kept = available();
        if (output.length < kept + outPerBlock) {
            output = Arrays.copyOf(Arrays.copyOfRange(output, outStart, outEnd), Math.max(kept + outPerBlock, 2 * outPerBlock));
        } else {
            System.arraycopy(output, outStart, output, 0, kept);
        }
        System.arraycopy(resampled, outSkip, output, kept, outPerBlock);
        outStart = 0;
        outEnd = kept + outPerBlock;
        System.arraycopy(input, block, input, 0, 2 * context);
        filled = 2 * context;
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
