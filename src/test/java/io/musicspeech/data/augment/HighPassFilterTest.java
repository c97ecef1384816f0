package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HighPassFilterTest {
    private static final HighPassFilter AT_1000_HZ = new HighPassFilter(1000, 1000);

    /** Gain in dB of a 2 s sine at hz, measured after the first 0.5 s (the filter's start-up). */
    private static double gainDb(double hz) {
        float[] in = TestAudio.sine(hz, 2, 0.5);
        float[] out = AT_1000_HZ.apply(in, SR, new SplittableRandom(1));
        return TestAudio.db(TestAudio.rms(out, SR / 2, out.length) / TestAudio.rms(in, SR / 2, in.length));
    }

    @Test
    void removesADecadeBelowTheCutoffBy12DbPerOctave() {
        // 2nd-order Butterworth: 40.1 dB down at 100 Hz (a one-pole filter manages 20 dB)
        double gain = gainDb(100);
        assertTrue(gain <= -38, "100 Hz only " + gain + " dB down");
    }

    @Test
    void passesFrequenciesWellAboveTheCutoff() {
        assertEquals(0, gainDb(5000), 1.0);
    }

    @Test
    void isThreeDbDownAtTheCutoff() {
        assertEquals(-3.01, gainDb(1000), 0.2);
    }

    @Test
    void refusesACutoffAtOrAboveNyquist() {
        HighPassFilter tooHigh = new HighPassFilter(12000, 12000);
        assertThrows(IllegalArgumentException.class, () -> tooHigh.apply(new float[10], SR, new SplittableRandom(1)));
    }
}
