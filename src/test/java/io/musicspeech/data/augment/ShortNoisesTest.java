package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShortNoisesTest {
    private static final List<float[]> NOISES = List.of(
            TestAudio.whiteNoise(SR / 5, 21, 0.1), TestAudio.whiteNoise(2 * SR, 22, 0.6));

    /** First and last index where a differs from b, or null. */
    private static int[] changedSpan(float[] a, float[] b) {
        int first = -1, last = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? null : new int[] {first, last};
    }

    @Test
    void oneBurstHasTheDrawnLengthAndSnr() {
        float[] in = TestAudio.sine(440, 3, 0.3);
        ShortNoises bursts = new ShortNoises(NOISES, 1, 1, 0.5, 0.5, 6, 6, 0);
        for (long seed = 0; seed < 6; seed++) {
            float[] out = bursts.apply(in, SR, new SplittableRandom(seed));

            int[] span = changedSpan(out, in);
            assertTrue(span != null, "seed " + seed + ": no burst");
            int length = span[1] - span[0] + 1;
            assertEquals(SR / 2, length, 2, "seed " + seed);
            float[] noise = TestAudio.minus(out, in);
            double snr = TestAudio.db(TestAudio.rms(in) / TestAudio.rms(noise, span[0], span[1] + 1));
            assertEquals(6, snr, 0.5, "seed " + seed);
        }
    }

    @Test
    void burstsFadeInAndOut() {
        float[] in = TestAudio.sine(440, 3, 0.3);
        int fade = (int) Math.round(0.05 * SR);
        float[] out = new ShortNoises(NOISES, 1, 1, 0.5, 0.5, 0, 0, 0.05).apply(in, SR, new SplittableRandom(4));

        float[] noise = TestAudio.minus(out, in);
        int[] span = changedSpan(out, in);
        double body = TestAudio.rms(noise, span[0] + fade, span[1] + 1 - fade);
        // the first and last 10 ms of a 50 ms linear fade average under 20 % of the full level
        assertTrue(TestAudio.rms(noise, span[0], span[0] + SR / 100) < 0.2 * body);
        assertTrue(TestAudio.rms(noise, span[1] + 1 - SR / 100, span[1] + 1) < 0.2 * body);
    }

    @Test
    void addsTheDrawnNumberOfBursts() {
        float[] in = TestAudio.sine(440, 30, 0.3);
        // 10 ms bursts in 30 s rarely touch; count the separate changed stretches
        ShortNoises bursts = new ShortNoises(NOISES, 2, 4, 0.01, 0.01, 0, 0, 0);
        Set<Integer> counts = new TreeSet<>();
        for (long seed = 0; seed < 20; seed++) {
            float[] out = bursts.apply(in, SR, new SplittableRandom(seed));
            int stretches = 0;
            for (int i = 0; i < out.length; i++) {
                if (out[i] != in[i] && (i == 0 || out[i - 1] == in[i - 1])) {
                    stretches++;
                }
            }
            counts.add(stretches);
        }
        assertEquals(Set.of(2, 3, 4), counts);
    }

    @Test
    void leavesSilenceSilent() {
        float[] in = new float[SR];
        assertArrayEquals(in, new ShortNoises(NOISES, 1, 3, 0.1, 0.5, -6, 18, 0.01).apply(in, SR, new SplittableRandom(1)));
    }
}
