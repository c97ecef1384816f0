package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BackgroundNoiseTest {
    // one clip shorter than the signal (must loop), one longer (must be cropped), different levels
    private static final List<float[]> NOISES = List.of(
            TestAudio.whiteNoise(SR / 3, 11, 0.05), TestAudio.whiteNoise(5 * SR, 12, 0.8));

    @ParameterizedTest
    @ValueSource(doubles = {10, 3})
    void mixesAtTheDrawnSnr(double snrDb) {
        float[] in = TestAudio.sine(440, 2, 0.3);
        BackgroundNoise noise = new BackgroundNoise(NOISES, snrDb, snrDb);
        for (long seed = 0; seed < 6; seed++) { // several seeds: both clips, various offsets
            float[] out = noise.apply(in, SR, new SplittableRandom(seed));

            double measured = TestAudio.db(TestAudio.rms(in) / TestAudio.rms(TestAudio.minus(out, in)));
            assertEquals(snrDb, measured, 0.5, "seed " + seed);
        }
    }

    @Test
    void differentSeedsPickDifferentNoise() {
        float[] in = TestAudio.sine(440, 1, 0.3);
        BackgroundNoise noise = new BackgroundNoise(NOISES, 10, 10);
        assertNotEquals(TestAudio.rms(TestAudio.minus(noise.apply(in, SR, new SplittableRandom(1)), in), 0, 100),
                TestAudio.rms(TestAudio.minus(noise.apply(in, SR, new SplittableRandom(2)), in), 0, 100));
    }

    @Test
    void leavesSilenceSilent() {
        float[] in = new float[SR];
        assertArrayEquals(in, new BackgroundNoise(NOISES, 3, 30).apply(in, SR, new SplittableRandom(1)));
    }
}
