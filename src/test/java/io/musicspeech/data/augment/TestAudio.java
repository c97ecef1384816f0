package io.musicspeech.data.augment;

import java.util.SplittableRandom;

/** Synthetic signals and measurements for the augmentation tests. */
final class TestAudio {
    static final int SR = 22050;

    private TestAudio() {
    }

    static float[] sine(double hz, double seconds, double amplitude) {
        float[] x = new float[(int) Math.round(seconds * SR)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / SR));
        }
        return x;
    }

    static float[] whiteNoise(int n, long seed, double amplitude) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * (2 * r.nextDouble() - 1));
        }
        return x;
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    static double rms(float[] x) {
        return rms(x, 0, x.length);
    }

    static float[] minus(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    static double db(double ratio) {
        return 20 * Math.log10(ratio);
    }

    /**
     * Frequency of the strongest spectral peak of the middle of x (the largest power-of-two
     * block inside the middle 80 %, so edge effects are ignored): Hann window, FFT, parabolic
     * interpolation of the log magnitude around the peak bin.
     */
    static double dominantFrequency(float[] x) {
        int n = Integer.highestOneBit((int) (x.length * 0.8));
        int from = (x.length - n) / 2;
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            re[i] = x[from + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        fft(re, im);
        double[] mag = new double[n / 2];
        int peak = 1;
        for (int k = 1; k < n / 2; k++) {
            mag[k] = Math.log(Math.hypot(re[k], im[k]) + 1e-30);
            if (mag[k] > mag[peak]) {
                peak = k;
            }
        }
        double delta = 0;
        if (peak > 1 && peak < n / 2 - 1) {
            double a = mag[peak - 1], b = mag[peak], c = mag[peak + 1];
            delta = 0.5 * (a - c) / (a - 2 * b + c);
        }
        return (peak + delta) * SR / n;
    }

    /** In-place iterative radix-2 complex FFT; n must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double angle = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(angle * k), wi = Math.sin(angle * k);
                    int a = i + k, b = i + k + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }
}
