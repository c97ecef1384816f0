package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * audiomentations {@code TimeStretch}: changes the tempo and keeps the pitch (WSOLA,
 * {@link Wsola}: TarsosDSP's algorithm and music frame sizes). The output lasts
 * input / rate: rate 1.25 makes it 20 % shorter, 0.8 25 % longer. Unlike the audiomentations
 * default {@code leave_length_unchanged=True} the length is not restored, because the clip is
 * cut into fixed windows afterwards anyway and padding or cropping would only add silence or
 * drop audio.
 *
 * @param minRate audiomentations {@code min_rate} (default 0.8)
 * @param maxRate audiomentations {@code max_rate} (default 1.25)
 */
public record TimeStretch(double minRate, double maxRate) implements Augmentation {
    public TimeStretch {
        Ranges.positive("TimeStretch minRate", minRate);
        Ranges.ordered("TimeStretch rate", minRate, maxRate);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double rate = Ranges.uniform(random, minRate, maxRate);
        return Wsola.stretch(samples, sampleRate, rate);
    }
}
