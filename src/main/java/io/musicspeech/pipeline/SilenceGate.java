package io.musicspeech.pipeline;

/**
 * Measures the window's RMS and marks it silent below the threshold (the original printed
 * "no noise detected"); later steps skip silent windows.
 */
public final class SilenceGate implements WindowProcessor {
    private final double threshold;

    /** @param threshold RMS on the [-1, 1] scale; 0 lets everything but digital silence through */
    public SilenceGate(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public void process(WindowEvent window) {
        window.rms = rms(window.samples, 0, window.samples.length);
        window.silent = isSilent(window.rms, threshold);
    }

    /** The gate's rule, for figures computed from stored RMS values: below the threshold, or digital silence. */
    public static boolean isSilent(double rms, double threshold) {
        return rms < threshold || rms == 0;
    }

    /** RMS of {@code samples[offset, offset + length)}. */
    public static double rms(float[] samples, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return length == 0 ? 0 : Math.sqrt(sum / length);
    }
}
