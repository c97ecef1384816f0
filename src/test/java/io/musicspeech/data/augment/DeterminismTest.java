package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class DeterminismTest {
    private static final float[] CLIP = AllTransforms.clip(2);

    @Test
    void sameSeedSameOutputDifferentSeedDifferentOutput() {
        for (Chain chain : List.of(AllTransforms.chain(), AllTransforms.halfChance())) {
            float[] first = chain.apply(CLIP, SR, new SplittableRandom(42));
            float[] again = chain.apply(CLIP, SR, new SplittableRandom(42));
            float[] other = chain.apply(CLIP, SR, new SplittableRandom(43));

            assertArrayEquals(first, again, chain.name());
            assertFalse(Arrays.equals(first, other), chain.name());
        }
    }

    @Test
    void eachTransformIsReproducibleFromItsSeed() {
        for (Augmentation a : AllTransforms.list()) {
            assertArrayEquals(a.apply(CLIP, SR, new SplittableRandom(5)), a.apply(CLIP, SR, new SplittableRandom(5)), a.toString());
        }
    }

    @Test
    void probabilityZeroNeverAppliesAndOneAlwaysDoes() {
        Augmentation noise = new GaussianNoise(0.01, 0.01);
        for (long seed = 0; seed < 50; seed++) {
            float[] never = new Probabilistic(noise, 0).apply(CLIP, SR, new SplittableRandom(seed));
            float[] always = new Probabilistic(noise, 1).apply(CLIP, SR, new SplittableRandom(seed));

            assertArrayEquals(CLIP, never);
            assertNotSame(CLIP, never);
            assertFalse(Arrays.equals(CLIP, always), "seed " + seed);
        }
    }

    @Test
    void probabilityHalfAppliesAboutHalfTheTime() {
        Augmentation noise = new Probabilistic(new GaussianNoise(0.01, 0.01), 0.5);
        SplittableRandom random = new SplittableRandom(9);
        float[] tiny = new float[10];
        long applied = IntStream.range(0, 1000).filter(i -> !Arrays.equals(tiny, noise.apply(tiny, SR, random))).count();
        assertEquals(500, applied, 60);
    }

    @Test
    void aStepsDrawsDoNotDependOnWhetherAnEarlierStepRan() {
        // The mask's position must be the same whether or not the noise before it was applied.
        TimeMask mask = new TimeMask(0.3, 0.3, 0);
        float[] silentWhereMasked = null;
        for (double p : new double[] {0, 1}) {
            float[] out = new Chain("c", List.of(new Probabilistic(new ShortNoises(AllTransforms.NOISES, 1, 5, 0.1, 0.2, 0, 0, 0), p), mask))
                    .apply(CLIP, SR, new SplittableRandom(77));
            float[] zeros = new float[out.length];
            for (int i = 0; i < out.length; i++) {
                zeros[i] = out[i] == 0f ? 1 : 0;
            }
            if (silentWhereMasked == null) {
                silentWhereMasked = zeros;
            } else {
                assertArrayEquals(silentWhereMasked, zeros);
            }
        }
    }

    @Test
    void parallelProcessingInAnyOrderGivesTheSameOutput() {
        Chain chain = AllTransforms.halfChance();
        List<String> files = IntStream.range(0, 24).mapToObj(i -> "music_wav/clip" + i + ".wav").toList();
        Map<String, float[]> sequential = new ConcurrentHashMap<>();
        for (String f : files) {
            sequential.put(f, chain.apply(CLIP, SR, Seeds.random(Seeds.forClip(1234, 0, f))));
        }
        Map<String, float[]> parallel = new ConcurrentHashMap<>();
        List<String> reversed = new ArrayList<>(files);
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(f -> parallel.put(f, chain.apply(CLIP, SR, Seeds.random(Seeds.forClip(1234, 0, f)))));

        for (String f : files) {
            assertArrayEquals(sequential.get(f), parallel.get(f), f);
        }
    }

    @Test
    void clipSeedsDependOnSeedChainAndPathOnly() {
        long seed = Seeds.forClip(7, 0, "speech_wav/a.wav");
        assertEquals(seed, Seeds.forClip(7, 0, "speech_wav/a.wav"));
        assertEquals(seed, Seeds.forClip(7, 0, Path.of("speech_wav", "a.wav")));
        assertNotEquals(seed, Seeds.forClip(8, 0, "speech_wav/a.wav"));
        assertNotEquals(seed, Seeds.forClip(7, 1, "speech_wav/a.wav"));
        assertNotEquals(seed, Seeds.forClip(7, 0, "speech_wav/b.wav"));
        assertNotEquals(Seeds.forClip(7, 0, "ab"), Seeds.forClip(7, 0, "ba"));
        // the mixer is SplitMix64's (as in the JDK's SplittableRandom) ...
        assertEquals(new SplittableRandom(0).nextLong(), Seeds.mix64(0x9E3779B97F4A7C15L));
        // ... and a pinned value: changing the hash would silently change every augmented dataset
        assertEquals(5688223973682842410L, Seeds.forClip(1234, 1, "music_wav/blues.wav"));
    }
}
