package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Arrays;
import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How long a 30 s clip takes through every transform. Off by default (timings on a shared
 * machine are noise); run with {@code -Daugment.timing=true}.
 */
@EnabledIfSystemProperty(named = "augment.timing", matches = "true")
class ChainTimingTest {
    @Test
    void thirtySecondClipThroughTheFullChain() {
        float[] clip = AllTransforms.clip(30);
        Chain chain = AllTransforms.chain();
        for (int i = 0; i < 10; i++) { // JIT warm-up
            chain.apply(clip, SR, new SplittableRandom(i));
        }
        long[] ms = new long[15];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            chain.apply(clip, SR, new SplittableRandom(100 + i));
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("30 s clip, full chain: median %d ms, min %d ms, max %d ms%n", ms[ms.length / 2], ms[0], ms[ms.length - 1]);
        for (Augmentation a : AllTransforms.list()) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                a.apply(clip, SR, new SplittableRandom(i));
                best = Math.min(best, System.nanoTime() - start);
            }
            System.out.printf("  %-12s %5.1f ms%n", a.getClass().getSimpleName(), best / 1e6);
        }
        assertTrue(ms[ms.length / 2] < 100, "median " + ms[ms.length / 2] + " ms");
    }
}
