package io.musicspeech.model;

import java.util.Arrays;

/**
 * Per-coefficient standardisation of a window's features, (x - mean[c]) / std[c] for
 * coefficient c of every frame, fitted on the training windows. A bundle stores it so that a
 * loaded model applies exactly what training applied; the original Keras model used none.
 *
 * <p>With a <b>relative level</b> ({@code levelFrames > 0}), coefficient 0 of each window of
 * {@code levelFrames} frames is first centred on its mean over the window. A gain changes the
 * log-mel spectrum by a constant, and the orthonormal DCT puts a constant into coefficient 0
 * alone (the 80 dB floor moves with the window's maximum), so centred features do not change with
 * the level at all: the model cannot learn that loud means music.
 */
public final class InputNormalisation {

    /** A standard deviation below this (a constant coefficient) is replaced by 1 rather than divided by. */
    static final double MIN_STD = 1e-6;

    private final float[] mean;
    private final float[] std;
    private final int levelFrames;

    /** @throws IllegalArgumentException unless both have the same positive length and every std is finite and > 0 */
    public InputNormalisation(float[] mean, float[] std) {
        this(mean, std, 0);
    }

    /**
     * @param levelFrames frames per window whose coefficient 0 is centred before standardising; 0 for none
     */
    public InputNormalisation(float[] mean, float[] std, int levelFrames) {
        if (levelFrames < 0) {
            throw new IllegalArgumentException("level frames must be >= 0, got " + levelFrames);
        }
        this.levelFrames = levelFrames;
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
        return fit(windows, count, windowSize, nMfcc, 0);
    }

    /** As {@link #fit(float[], int, int, int)}, of the features with coefficient 0 centred per {@code levelFrames} frames (0: not). */
    public static InputNormalisation fit(float[] windows, int count, int windowSize, int nMfcc, int levelFrames) {
        if (count < 1 || windowSize % nMfcc != 0 || windows.length < (long) count * windowSize
                || (levelFrames > 0 && windowSize % (levelFrames * nMfcc) != 0)) {
            throw new IllegalArgumentException("need count >= 1 windows of a multiple of " + nMfcc
                    + " values; got count " + count + ", window size " + windowSize + ", " + windows.length + " values");
        }
        float[] values = windows;
        if (levelFrames > 0) {
            values = java.util.Arrays.copyOf(windows, count * windowSize);
            centreLevel(values, 0, values, 0, values.length, nMfcc, levelFrames);
        }
        InputNormalisation plain = fitPlain(values, count, windowSize, nMfcc);
        return new InputNormalisation(plain.mean, plain.std, levelFrames);
    }

    /** Only centres the level of each window (mean 0, std 1 otherwise). */
    public static InputNormalisation levelOnly(int nMfcc, int levelFrames) {
        float[] zeros = new float[nMfcc];
        float[] ones = new float[nMfcc];
        Arrays.fill(ones, 1f);
        return new InputNormalisation(zeros, ones, levelFrames);
    }

    private static InputNormalisation fitPlain(float[] windows, int count, int windowSize, int nMfcc) {
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

    /** Frames per window whose coefficient 0 is centred; 0 when the level is kept. */
    public int levelFrames() {
        return levelFrames;
    }

    /**
     * Writes the standardised {@code src[srcOffset..+length)} to {@code dst[dstOffset..)}; length is
     * whole frames (whole windows with a relative level). {@code src} and {@code dst} may be the same
     * range. Allocates nothing.
     */
    public void apply(float[] src, int srcOffset, float[] dst, int dstOffset, int length) {
        int n = mean.length;
        if (levelFrames > 0) {
            centreLevel(src, srcOffset, dst, dstOffset, length, n, levelFrames);
            src = dst;
            srcOffset = dstOffset;
        }
        for (int i = 0; i < length; i++) {
            int c = i % n;
            dst[dstOffset + i] = (src[srcOffset + i] - mean[c]) / std[c];
        }
    }

    /** Coefficient 0 of each window minus its mean over the window's frames (sum in double); the rest copied. */
    private static void centreLevel(float[] src, int srcOffset, float[] dst, int dstOffset, int length, int nMfcc, int frames) {
        int windowValues = frames * nMfcc;
        if (length % windowValues != 0) {
            throw new IllegalArgumentException(length + " values are not whole windows of " + frames + " x " + nMfcc);
        }
        for (int w = 0; w < length; w += windowValues) {
            double sum = 0;
            for (int f = 0; f < frames; f++) {
                sum += src[srcOffset + w + f * nMfcc];
            }
            float level = (float) (sum / frames);
            if (src != dst || srcOffset != dstOffset) {
                System.arraycopy(src, srcOffset + w, dst, dstOffset + w, windowValues);
            }
            for (int f = 0; f < frames; f++) {
                dst[dstOffset + w + f * nMfcc] -= level;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalisation other && Arrays.equals(mean, other.mean) && Arrays.equals(std, other.std)
                && levelFrames == other.levelFrames;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(std)) + levelFrames;
    }

    @Override
    public String toString() {
        return "InputNormalisation[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std)
                + (levelFrames > 0 ? ", level centred per " + levelFrames + " frames" : "") + "]";
    }
}
