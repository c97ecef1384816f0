package io.musicspeech.data.augment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * audiomentations {@code Compose}: the steps in order, each fed the previous one's output.
 * Wrap a step in {@link Probabilistic} for Compose's per-transform {@code p}.
 *
 * <p>Each step gets its own generator, seeded by one draw from {@code random}, so a step's
 * parameters do not depend on how many numbers the steps before it drew (a burst count, a
 * coin that came up tails): changing one step's settings leaves the others' draws alone.
 *
 * @param name  identifies the chain in manifests (e.g. which augmented copy a window came from)
 * @param steps the transforms, applied first to last
 */
public record Chain(String name, List<Augmentation> steps) implements Augmentation {
    public Chain {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Chain needs a name");
        }
        steps = List.copyOf(steps);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        return apply(samples, sampleRate, random, AugmentationContext.NONE);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random, AugmentationContext context) {
        float[] out = samples;
        for (Augmentation step : steps) {
            out = step.apply(out, sampleRate, new SplittableRandom(random.nextLong()), context);
        }
        return out == samples ? samples.clone() : out;
    }

    @Override
    public boolean needsMusic() {
        return steps.stream().anyMatch(Augmentation::needsMusic);
    }
}
