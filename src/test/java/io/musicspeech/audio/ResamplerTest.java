package io.musicspeech.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    private static final double AMPLITUDE = 0.5;

    private static float[] sine(double hz, int rate, double seconds) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int n = 0; n < x.length; n++) {
            x[n] = (float) (AMPLITUDE * Math.sin(2 * Math.PI * hz * n / rate));
        }
        return x;
    }

    /** The middle half of a signal, away from the zero-padded edges. */
    private static float[] middle(float[] x) {
        return java.util.Arrays.copyOfRange(x, x.length / 4, 3 * x.length / 4);
    }

    /** Frequency from the first and last rising zero crossing, each located by linear interpolation. */
    private static double frequency(float[] x, int rate) {
        double first = Double.NaN;
        double last = Double.NaN;
        int crossings = 0;
        for (int n = 1; n < x.length; n++) {
            if (x[n - 1] < 0 && x[n] >= 0) {
                double t = n - 1 + x[n - 1] / (double) (x[n - 1] - x[n]);
                if (crossings++ == 0) {
                    first = t;
                }
                last = t;
            }
        }
        assertTrue(crossings > 10, "too few zero crossings: " + crossings);
        return (crossings - 1) * rate / (last - first);
    }

    private static double rmsDb(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return 10 * Math.log10(sum / x.length);
    }

    /** Resamples a sine and checks that its frequency and level survive. */
    private static void assertKeepsSine(double hz, int inRate, int outRate) {
        float[] out = new Resampler(inRate, outRate).resample(sine(hz, inRate, 1.0));
        float[] mid = middle(out);
        assertEquals(hz, frequency(mid, outRate), 1.0, inRate + " -> " + outRate);
        double sineRmsDb = 20 * Math.log10(AMPLITUDE / Math.sqrt(2));
        assertEquals(sineRmsDb, rmsDb(mid), 0.1, inRate + " -> " + outRate + " level");
    }

    @Test
    void downByTwoKeepsOneKilohertz() {
        assertKeepsSine(1000, 44100, 22050);
    }

    @Test
    void downByNonIntegerRatioKeepsThreeKilohertz() {
        assertKeepsSine(3000, 48000, 22050);
    }

    @Test
    void upsamplingKeepsOneKilohertz() {
        assertKeepsSine(1000, 16000, 22050);
    }

    @Test
    void ratioTooFineForAPhaseTableStillWorks() {
        // 44101 and 22050 share no factor: 22050 phases, computed per output instead of stored.
        assertKeepsSine(1000, 44101, 22050);
    }

    @Test
    void nothingAboveTheNewNyquistAliases() {
        float[] out = new Resampler(44100, 22050).resample(sine(15000, 44100, 1.0));
        assertTrue(rmsDb(middle(out)) < -60, "15 kHz leaked at " + rmsDb(middle(out)) + " dBFS");
        float[] out48 = new Resampler(48000, 22050).resample(sine(12000, 48000, 1.0));
        assertTrue(rmsDb(middle(out48)) < -60, "12 kHz leaked at " + rmsDb(middle(out48)) + " dBFS");
    }

    @Test
    void outputLengthIsTheCeilingOfTheScaledLength() {
        Resampler down = new Resampler(44100, 22050);
        assertEquals(22051, down.resample(new float[44101]).length);
        assertEquals(0, down.resample(new float[0]).length);
        assertEquals(22050, new Resampler(48000, 22050).resample(new float[48000]).length);
        assertEquals(2, new Resampler(16000, 22050).resample(new float[1]).length); // 1.378 -> 2
        assertEquals(6891, new Resampler(96000, 22050).outputLength(30000)); // 6890.625 -> 6891
    }

    @Test
    void sameRateReturnsTheInputItself() {
        float[] x = sine(440, 22050, 0.1);
        assertSame(x, new Resampler(22050, 22050).resample(x));
    }

    @Test
    void dcIsKeptAtUnitGain() {
        float[] ones = new float[8000];
        java.util.Arrays.fill(ones, 1f);
        for (float v : middle(new Resampler(8000, 22050).resample(ones))) {
            assertEquals(1f, v, 1e-4f);
        }
    }

    @Test
    void nonPositiveRatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 22050));
    }
}
