package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianNoiseTest {
    @Test
    void addedNoiseHasTheDrawnAmplitudeAsRms() {
        float[] in = TestAudio.sine(440, 10, 0.3);
        for (double amplitude : new double[] {0.001, 0.015}) {
            float[] out = new GaussianNoise(amplitude, amplitude).apply(in, SR, new SplittableRandom(7));

            float[] noise = TestAudio.minus(out, in);
            assertEquals(amplitude, TestAudio.rms(noise), 0.05 * amplitude);
            double mean = 0;
            for (float v : noise) {
                mean += v;
            }
            assertEquals(0, mean / noise.length, 0.05 * amplitude);
        }
    }

    @Test
    void drawsTheAmplitudeFromTheRange() {
        float[] in = new float[SR];
        GaussianNoise noise = new GaussianNoise(0.001, 0.1);
        double low = 1, high = 0;
        for (long seed = 0; seed < 30; seed++) {
            double rms = TestAudio.rms(noise.apply(in, SR, new SplittableRandom(seed)));
            low = Math.min(low, rms);
            high = Math.max(high, rms);
        }
        // spread over the range, never outside it (5 % for the noise's own variation)
        assertTrue(low >= 0.001 * 0.95 && high <= 0.1 * 1.05 && high - low > 0.05, low + " .. " + high);
    }
}
