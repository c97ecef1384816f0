package io.musicspeech.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FftTest {

    /** Every size exercises a different mix of the fused load, paired stages and the odd last stage. */
    @ParameterizedTest(name = "n = {0}")
    @ValueSource(ints = {4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096})
    void powerSpectrumMatchesNaiveDft(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble(-1, 1);
        }
        double[] expected = naivePower(x);
        double[] actual = new double[n / 2 + 1];
        new Fft(n).powerSpectrum(x, actual);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, v);
        }
        for (int k = 0; k <= n / 2; k++) {
            assertEquals(expected[k], actual[k], 1e-10 * scale, "n=" + n + " bin " + k);
        }
    }

    @Test
    void cosineAtABinPutsAllPowerInThatBin() {
        int n = 2048, bin = 37;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.cos(2 * Math.PI * bin * i / n);
        }
        double[] p = new double[n / 2 + 1];
        new Fft(n).powerSpectrum(x, p);
        for (int k = 0; k <= n / 2; k++) {
            // |X_bin| = n/2 for a unit cosine
            assertEquals(k == bin ? (n / 2.0) * (n / 2.0) : 0.0, p[k], 1e-6, "bin " + k);
        }
    }

    @Test
    void reusingAnInstanceGivesTheSameResult() {
        Fft fft = new Fft(64);
        double[] x = new double[64];
        x[3] = 1;
        double[] a = new double[33];
        double[] b = new double[33];
        fft.powerSpectrum(x, a);
        fft.powerSpectrum(new double[64], b); // different input in between
        fft.powerSpectrum(x, b);
        assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    }

    @Test
    void rejectsSizesThatAreNotPowersOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new Fft(1000));
        assertThrows(IllegalArgumentException.class, () -> new Fft(2));
        assertThrows(IllegalArgumentException.class, () -> new Fft(0));
    }

    private static double[] naivePower(double[] x) {
        int n = x.length;
        double[] p = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) {
            double re = 0, im = 0;
            for (int t = 0; t < n; t++) {
                double angle = -2 * Math.PI * ((long) k * t % n) / n;
                re += x[t] * Math.cos(angle);
                im += x[t] * Math.sin(angle);
            }
            p[k] = re * re + im * im;
        }
        return p;
    }
}
