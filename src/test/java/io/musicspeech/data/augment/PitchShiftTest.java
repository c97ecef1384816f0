package io.musicspeech.data.augment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PitchShiftTest {
    @ParameterizedTest
    @ValueSource(doubles = {3, -5})
    void movesA440SineBySemitonesAndKeepsTheLength(double semitones) {
        float[] in = TestAudio.sine(440, 2, 0.5);

        float[] out = new PitchShift(semitones, semitones).apply(in, SR, new SplittableRandom(1));

        assertEquals(in.length, out.length);
        double expected = 440 * Math.pow(2, semitones / 12);
        assertEquals(expected, TestAudio.dominantFrequency(out), expected * 0.01);
        // level kept in the middle (no gaps or cancellation from the overlap-add)
        int q = in.length / 4;
        assertEquals(0, TestAudio.db(TestAudio.rms(out, q, 3 * q) / TestAudio.rms(in, q, 3 * q)), 1.0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100})
    void shortClipsKeepTheirLength(int length) {
        float[] in = TestAudio.whiteNoise(length, 3, 0.3);
        assertEquals(length, new PitchShift(-4, 4).apply(in, SR, new SplittableRandom(2)).length);
    }
}
