package io.musicspeech.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MelFilterBankTest {

    private static final int SR = 22050;
    private static final int N_FFT = 2048;
    private static final int N_MELS = 128;
    private static final double BIN_HZ = (double) SR / N_FFT;

    private final MelFilterBank bank = new MelFilterBank(SR, N_FFT, N_MELS, 0, SR / 2.0);

    @Test
    void slaneyScaleKnownPoints() {
        assertEquals(0.0, MelFilterBank.hzToMel(0), 1e-12);
        assertEquals(7.5, MelFilterBank.hzToMel(500), 1e-12);       // linear: 200/3 Hz per mel
        assertEquals(15.0, MelFilterBank.hzToMel(1000), 1e-12);     // the break point
        assertEquals(15.0 + 27.0, MelFilterBank.hzToMel(6400), 1e-12); // 27 mels per factor 6.4
        assertEquals(1000.0, MelFilterBank.melToHz(15), 1e-9);
    }

    @Test
    void hzToMelToHzRoundTrips() {
        for (double hz = 0; hz <= 11025; hz += 7.3) {
            double back = MelFilterBank.melToHz(MelFilterBank.hzToMel(hz));
            assertEquals(hz, back, 1e-9 * Math.max(1, hz), "at " + hz + " Hz");
        }
    }

    @Test
    void melFrequenciesAreEvenlySpacedInMelAndSpanTheRange() {
        double[] f = MelFilterBank.melFrequencies(N_MELS + 2, 0, 11025);
        assertEquals(0.0, f[0]);
        assertEquals(11025.0, f[f.length - 1], 1e-9);
        double step = MelFilterBank.hzToMel(f[1]) - MelFilterBank.hzToMel(f[0]);
        for (int i = 1; i < f.length; i++) {
            double d = MelFilterBank.hzToMel(f[i]) - MelFilterBank.hzToMel(f[i - 1]);
            assertEquals(step, d, 1e-9, "mel step " + i);
        }
    }

    @Test
    void weightsAreNonNegativeAndEachFilterPeaksAtItsCentre() {
        double[] centre = MelFilterBank.melFrequencies(N_MELS + 2, 0, 11025);
        for (int i = 0; i < N_MELS; i++) {
            assertTrue(bank.length(i) > 0, "filter " + i + " is empty");
            int peak = -1;
            double best = -1;
            for (int k = 0; k < bank.nBins(); k++) {
                double w = bank.weight(i, k);
                assertTrue(w >= 0, "negative weight in filter " + i + " bin " + k);
                if (w > best) {
                    best = w;
                    peak = k;
                }
            }
            // the triangle's apex is at centre[i+1]; the best bin is one of its two neighbours
            assertEquals(centre[i + 1], peak * BIN_HZ, BIN_HZ, "peak of filter " + i);
            // the non-zero range stays strictly inside the triangle's base
            assertTrue(bank.start(i) * BIN_HZ > centre[i], "filter " + i + " starts below its lower edge");
            assertTrue((bank.start(i) + bank.length(i) - 1) * BIN_HZ < centre[i + 2],
                    "filter " + i + " ends above its upper edge");
        }
    }

    @Test
    void slaneyNormalisationGivesUnitAreaInHz() {
        // Height 2/(f_hi - f_lo) over a base of (f_hi - f_lo): area 1. Sampled at the bins this
        // holds closely once the filter spans many bins.
        double[] edge = MelFilterBank.melFrequencies(N_MELS + 2, 0, 11025);
        int checked = 0;
        for (int i = 0; i < N_MELS; i++) {
            if (edge[i + 2] - edge[i] < 20 * BIN_HZ) {
                continue;
            }
            double area = 0;
            for (int k = 0; k < bank.nBins(); k++) {
                area += bank.weight(i, k) * BIN_HZ;
            }
            assertEquals(1.0, area, 0.01, "area of filter " + i);
            checked++;
        }
        assertTrue(checked > 30, "too few wide filters checked: " + checked);
    }

    @Test
    void applyIsTheWeightedSumOverBins() {
        double[] power = new double[bank.nBins()];
        for (int k = 0; k < power.length; k++) {
            power[k] = 1 + (k % 7);
        }
        double[] out = new double[2 * N_MELS];
        bank.apply(power, out, 1, 2);
        for (int i = 0; i < N_MELS; i++) {
            double expected = 0;
            for (int k = 0; k < power.length; k++) {
                expected += bank.weight(i, k) * power[k];
            }
            assertEquals(expected, out[1 + 2 * i], 1e-12 * expected, "mel " + i);
        }
    }

    @Test
    void rejectsBadRanges() {
        assertThrows(IllegalArgumentException.class, () -> new MelFilterBank(SR, N_FFT, N_MELS, 0, 12000));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterBank(SR, N_FFT, N_MELS, 500, 500));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterBank(SR, N_FFT, 0, 0, 8000));
    }
}
