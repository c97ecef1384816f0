package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeMaskTest {
    @Test
    void silencesTheSpanWithFadesAndLeavesTheRestUntouched() {
        float[] constant = new float[2 * SR];
        Arrays.fill(constant, 0.5f);
        float[] noise = TestAudio.whiteNoise(2 * SR, 5, 0.5);
        TimeMask mask = new TimeMask(0.25, 0.25, 0.01);
        int fade = (int) Math.round(0.01 * SR);

        for (long seed = 0; seed < 10; seed++) {
            for (float[] in : new float[][] {constant, noise}) {
                TimeMask.Masked m = mask.mask(in, SR, new SplittableRandom(seed));
                float[] out = m.samples();
                int start = m.start(), end = m.start() + m.length();

                assertEquals(Math.round(0.25 * in.length), m.length());
                assertEquals(fade, m.fade());
                for (int i = 0; i < in.length; i++) {
                    if (i < start || i >= end) {
                        assertEquals(in[i], out[i], 0f, "outside the span at " + i);
                    } else if (i >= start + fade && i < end - fade) {
                        assertEquals(0f, out[i], 0f, "inside the span at " + i);
                    }
                }
                if (in == constant) { // the gain itself: ramps down into the span, up out of it
                    for (int i = start; i < start + fade; i++) {
                        float before = i == start ? in[i] : out[i - 1];
                        assertTrue(out[i] < before && out[i] > 0, "fade in at " + i);
                    }
                    for (int i = end - fade; i < end; i++) {
                        float after = i == end - 1 ? in[i] : out[i + 1];
                        assertTrue(out[i] < after && out[i] > 0, "fade out at " + i);
                    }
                }
            }
        }
    }

    @Test
    void fractionOneSilencesEverything() {
        float[] in = TestAudio.whiteNoise(SR, 6, 0.5);
        TimeMask.Masked m = new TimeMask(1, 1, 0).mask(in, SR, new SplittableRandom(1));
        assertEquals(0, m.start());
        assertEquals(0, TestAudio.rms(m.samples()));
    }
}
