package io.musicspeech.audio;

/**
 * Band-limited sample-rate conversion by a rational factor: a Kaiser-windowed sinc low-pass
 * evaluated as a polyphase filter bank, one phase per output position modulo the reduced
 * ratio. The pass band ends at {@value #ROLLOFF} of the lower Nyquist frequency and the stop
 * band ({@value #STOPBAND_DB} dB down) starts exactly at it, so nothing aliases into the output.
 *
 * <p>Its output is not soxr's bit for bit (librosa's default, soxr_hq), but it has the same
 * length and time alignment: output sample j sits at input time j * inRate / outRate, and
 * there are ceil(n * outRate / inRate) output samples, computed in exact integer arithmetic
 * (librosa multiplies by a float ratio, which can add one sample when the product is whole).
 * Samples beyond either end of the input count as zero.
 *
 * <p>Instances are immutable and thread-safe; build one per rate pair and reuse it.
 */
public final class Resampler {

    private static final double ROLLOFF = 0.95;
    private static final double STOPBAND_DB = 90;
    /** Kaiser's window shape for a stop-band attenuation above 50 dB. */
    private static final double BETA = 0.1102 * (STOPBAND_DB - 8.7);
    private static final double I0_BETA = besselI0(BETA);
    /**
     * Phase tables above this many coefficients (16 MB) are not stored: exotic rate pairs
     * whose reduced ratio has a huge numerator compute each output's coefficients instead.
     */
    private static final long MAX_TABLE = 1 << 22;

    private final int inRate;
    private final int outRate;
    /** The ratio outRate / inRate in lowest terms: up / down. */
    private final int up;
    private final int down;
    /** Cut-off frequency in cycles per input sample. */
    private final double cutoff;
    /** The kernel's half-length in input samples. */
    private final double halfWidth;
    /** Input samples on each side of an output position that the kernel can reach. */
    private final int reach;
    /** Coefficients per phase: phases[p][i] weighs input sample floor(t) - reach + 1 + i. */
    private final float[][] phases;

    /** Resamplers keyed by (inRate << 32 | outRate): their phase tables are worth keeping. */
    private static final java.util.Map<Long, Resampler> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The shared resampler for a rate pair (instances are immutable, so one serves every stream). */
    public static Resampler of(int inRate, int outRate) {
        return SHARED.computeIfAbsent((long) inRate << 32 | outRate, key -> new Resampler(inRate, outRate));
    }

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        // The lower Nyquist frequency, relative to the input's.
        double scale = Math.min(1.0, (double) up / down);
        this.cutoff = ROLLOFF * 0.5 * scale;
        double transition = (1 - ROLLOFF) * scale;
        // Kaiser's estimate of the filter length for this attenuation and transition width.
        this.halfWidth = (STOPBAND_DB - 7.95) / (2.285 * 2 * Math.PI * transition) / 2;
        this.reach = (int) Math.ceil(halfWidth);
        if (up == down || (long) up * 2 * reach > MAX_TABLE) {
            this.phases = null;
        } else {
            this.phases = new float[up][];
            for (int p = 0; p < up; p++) {
                phases[p] = taps(p, new float[2 * reach]);
            }
        }
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
        int width = 2 * reach;
        float[] scratch = phases == null ? new float[width] : null;
        long position = 0; // output index * down: the output's input time, times up
        for (int j = 0; j < out.length; j++, position += down) {
            int phase = (int) (position % up);
            float[] c = phases != null ? phases[phase] : taps(phase, scratch);
            int first = (int) (position / up) - reach + 1;
            int lo = Math.max(0, -first);
            int hi = Math.min(width, in.length - first);
            double acc = 0;
            for (int i = lo; i < hi; i++) {
                acc += (double) c[i] * in[first + i];
            }
            out[j] = (float) acc;
        }
        return out;
    }

    /** Fills {@code c} with the kernel sampled at the input positions around an output of this phase. */
    private float[] taps(int phase, float[] c) {
        double frac = (double) phase / up;
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) kernel(frac + reach - 1 - i);
        }
        return c;
    }

    /** Windowed sinc with unit DC gain, at {@code x} input samples from the output position. */
    private double kernel(double x) {
        double r = x / halfWidth;
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double arg = 2 * cutoff * x;
        double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        return 2 * cutoff * sinc * besselI0(BETA * Math.sqrt(1 - r * r)) / I0_BETA;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    /** Greatest common divisor, to reduce a rate ratio (shared with the streaming resampler). */
    public static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
