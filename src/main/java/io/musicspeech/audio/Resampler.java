package io.musicspeech.audio;

/**
 * Band-limited sample-rate conversion of a whole signal, by the same libswresample filter as the
 * streams use ({@link StreamingResampler}): output sample j sits at input time j * inRate /
 * outRate, and there are ceil(n * outRate / inRate) output samples, computed in exact integer
 * arithmetic (librosa multiplies by a float ratio, which can add one sample when the product is
 * whole). Not soxr's output bit for bit (librosa's default), but the same length and alignment.
 *
 * <p>Instances only hold the rates; each {@link #resample} call runs its own converter.
 */
public final class Resampler {
    private final int inRate;
    private final int outRate;
    /** The ratio outRate / inRate in lowest terms: up / down. */
    private final int up;
    private final int down;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Output length for {@code inLength} input samples: ceil(inLength * outRate / inRate). */
    public int outputLength(int inLength) {
        return (int) outputLength((long) inLength);
    }

    /** As {@link #outputLength(int)}, for streams longer than an array. */
    public long outputLength(long inLength) {
        return Math.addExact(Math.multiplyExact(inLength, up), down - 1) / down;
    }

    /** The input at the output rate; the input array itself when the rates are equal. */
    public float[] resample(float[] in) {
        if (up == down) {
            return in;
        }
        float[] out = new float[outputLength(in.length)];
        try (StreamingResampler stream = new StreamingResampler(inRate, outRate)) {
            stream.write(in, 0, in.length);
            stream.finish();
            int n = 0;
            while (n < out.length) {
                int got = stream.read(out, n, out.length - n);
                if (got == 0) {
                    break;
                }
                n += got;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
