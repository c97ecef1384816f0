package io.musicspeech.data.augment;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Applies {@code inner} with probability {@code p} (audiomentations' per-transform {@code p}),
 * otherwise returns a copy of the input.
 *
 * <p>Every call takes exactly two draws from {@code random}, the coin and a seed for the inner
 * transform, whatever the coin says; so what follows in the caller's stream never depends on
 * whether (or how much) the inner transform drew.
 *
 * @param inner the transform
 * @param p     audiomentations {@code p}: 0 never, 1 always
 */
public record Probabilistic(Augmentation inner, double p) implements Augmentation {
    public Probabilistic {
        if (inner == null) {
            throw new IllegalArgumentException("Probabilistic needs an inner augmentation");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Probabilistic p must be between 0 and 1, got " + p);
        }
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        return apply(samples, sampleRate, random, AugmentationContext.NONE);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random, AugmentationContext context) {
        boolean applies = random.nextDouble() < p;
        long innerSeed = random.nextLong();
        return applies ? inner.apply(samples, sampleRate, new SplittableRandom(innerSeed), context) : samples.clone();
    }

    @Override
    public boolean needsMusic() {
        return inner.needsMusic();
    }
}
