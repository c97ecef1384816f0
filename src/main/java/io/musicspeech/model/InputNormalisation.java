package io.musicspeech.model;

import java.util.Arrays;

/**
 * Per-coefficient standardisation of a window's features, (x - mean[c]) / std[c] for
 * coefficient c of every frame, fitted on the training windows. A bundle stores it so that a
 * loaded model applies exactly what training applied; the original Keras model used none.
 */
public final class InputNormalisation {

    /** A standard deviation below this (a constant coefficient) is replaced by 1 rather than divided by. */
    static final double MIN_STD = 1e-6;

    private final float[] mean;
    private final float[] std;

    /** @throws IllegalArgumentException unless both have the same positive length and every std is finite and > 0 */
    public InputNormalisation(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("mean and std need the same positive length, got "
                    + mean.length + " and " + std.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!Float.isFinite(mean[c]) || !Float.isFinite(std[c]) || std[c] <= 0) {
                throw new IllegalArgumentException("coefficient " + c + ": mean " + mean[c] + ", std " + std[c]
                        + " (need finite values and std > 0)");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
    }

    /**
     * Mean and standard deviation of each of {@code nMfcc} coefficients over every frame of
     * {@code count} windows laid out back to back (each a multiple of nMfcc long), in double.
     */
    public static InputNormalisation fit(float[] windows, int count, int windowSize, int nMfcc) {
        if (count < 1 || windowSize % nMfcc != 0 || windows.length < (long) count * windowSize) {
            throw new IllegalArgumentException("need count >= 1 windows of a multiple of " + nMfcc
                    + " values; got count " + count + ", window size " + windowSize + ", " + windows.length + " values");
        }
        double[] sum = new double[nMfcc];
        double[] sumSq = new double[nMfcc];
        long values = (long) count * windowSize;
        for (long i = 0; i < values; i++) {
            double v = windows[(int) i];
            int c = (int) (i % nMfcc);
            sum[c] += v;
            sumSq[c] += v * v;
        }
        double n = (double) values / nMfcc;
        float[] mean = new float[nMfcc];
        float[] std = new float[nMfcc];
        for (int c = 0; c < nMfcc; c++) {
            double m = sum[c] / n;
            double sd = Math.sqrt(Math.max(0, sumSq[c] / n - m * m));
            mean[c] = (float) m;
            std[c] = (float) (sd < MIN_STD ? 1.0 : sd);
        }
        return new InputNormalisation(mean, std);
    }

    /** Coefficients per frame. */
    public int nMfcc() {
        return mean.length;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** Writes the standardised {@code src[srcOffset..+length)} to {@code dst[dstOffset..)}; length is whole frames. */
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
        int n = mean.length;
        for (int i = 0; i < length; i++) {
            int c = i % n;
            dst[dstOffset + i] = (src[srcOffset + i] - mean[c]) / std[c];
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalisation other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "InputNormalisation[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
