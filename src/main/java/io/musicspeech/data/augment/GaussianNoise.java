package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * audiomentations {@code AddGaussianNoise}: adds white noise N(0, 1) * amplitude, the
 * amplitude drawn once per clip (absolute, not relative to the signal level).
 *
 * @param minAmplitude audiomentations {@code min_amplitude} (default 0.001)
 * @param maxAmplitude audiomentations {@code max_amplitude} (default 0.015)
 */
public record GaussianNoise(double minAmplitude, double maxAmplitude) implements Augmentation {
    public GaussianNoise {
        Ranges.atLeast("GaussianNoise minAmplitude", minAmplitude, 0);
        Ranges.ordered("GaussianNoise amplitude", minAmplitude, maxAmplitude);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double amplitude = Ranges.uniform(random, minAmplitude, maxAmplitude);
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = (float) (samples[i] + random.nextGaussian() * amplitude);
        }
        return out;
    }
}
