package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * audiomentations {@code Gain}: the clip times a gain drawn in dB. Samples are not clipped (the
 * pipeline is float throughout), so only the level changes: what a model must not depend on.
 *
 * @param minDb audiomentations {@code min_gain_db}
 * @param maxDb audiomentations {@code max_gain_db}
 */
public record Gain(double minDb, double maxDb) implements Augmentation {
    public Gain {
        Ranges.ordered("Gain dB", minDb, maxDb);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        float g = (float) Math.pow(10, Ranges.uniform(random, minDb, maxDb) / 20);
        float[] out = new float[samples.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = samples[i] * g;
        }
        return out;
    }
}
