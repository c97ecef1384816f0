package io.musicspeech.data.augment;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeStretchTest {
    @ParameterizedTest
    @ValueSource(doubles = {0.8, 1.25})
    void changesDurationByTheRateAndKeepsThePitch(double rate) {
        float[] in = TestAudio.sine(440, 2, 0.5);

        float[] out = new TimeStretch(rate, rate).apply(in, SR, new SplittableRandom(1));

        assertEquals(2 / rate, (double) out.length / SR, 0.02 * 2 / rate);
        assertEquals(440, TestAudio.dominantFrequency(out), 4.4);
        // no dropouts: every 20 ms of the middle keeps the sine's level within 1 dB
        int block = SR / 50;
        double level = TestAudio.rms(in);
        for (int from = out.length / 10; from + block < out.length * 9 / 10; from += block) {
            double d = TestAudio.db(TestAudio.rms(out, from, from + block) / level);
            assertTrue(Math.abs(d) < 1, "block at " + from + " is " + d + " dB off");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100})
    void shortClipsScaleTheirLength(int length) {
        float[] in = TestAudio.whiteNoise(length, 3, 0.3);
        assertEquals(Math.round(length / 1.25), new TimeStretch(1.25, 1.25).apply(in, SR, new SplittableRandom(2)).length);
    }
}
