package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * One audiomentations-style transform of a mono clip.
 *
 * <p>Contract, relied on by {@link Chain} and by parallel preprocessing:
 * <ul>
 *   <li>returns a new array (its length may differ from the input's) and never modifies {@code samples};</li>
 *   <li>draws every random parameter from {@code random} and nothing else, so the same seed
 *       reproduces the same output on any thread and in any order;</li>
 *   <li>is stateless between calls, so one instance may be shared by threads.</li>
 * </ul>
 */
public interface Augmentation {
    float[] apply(float[] samples, int sampleRate, RandomGenerator random);

    /** As {@link #apply(float[], int, RandomGenerator)}, for transforms that depend on the clip's label or on other clips. */
    default float[] apply(float[] samples, int sampleRate, RandomGenerator random, AugmentationContext context) {
        return apply(samples, sampleRate, random);
    }

    /** Whether this transform lays training music under a clip (and so needs {@link AugmentationContext#musicBeds}). */
    default boolean needsMusic() {
        return false;
    }
}
