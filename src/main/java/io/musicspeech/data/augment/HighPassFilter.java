package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * audiomentations {@code HighPassFilter}: removes the low end below a random cutoff.
 *
 * <p>A 2nd-order Butterworth biquad of our own (RBJ cookbook, Q = 1/sqrt(2)), i.e. the
 * 12 dB/octave roll-off audiomentations uses by default ({@code min_rolloff=12}), not
 * TarsosDSP's {@code filters.HighPass}: that one is a single pole (6 dB/octave), which leaves a
 * 100 Hz hum only ~20 dB down under a 1 kHz cutoff where the Butterworth takes it ~40 dB down.
 * Causal (audiomentations {@code zero_phase=False}), from zero state.
 *
 * @param minCutoffHz audiomentations {@code min_cutoff_freq} (default 20)
 * @param maxCutoffHz audiomentations {@code max_cutoff_freq} (default 2400); must stay below
 *                    half the sample rate
 */
public record HighPassFilter(double minCutoffHz, double maxCutoffHz) implements Augmentation {
    private static final double BUTTERWORTH_Q = 1 / Math.sqrt(2);

    public HighPassFilter {
        Ranges.positive("HighPassFilter minCutoffHz", minCutoffHz);
        Ranges.ordered("HighPassFilter cutoff", minCutoffHz, maxCutoffHz);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double cutoff = Ranges.uniform(random, minCutoffHz, maxCutoffHz);
        if (cutoff >= sampleRate / 2.0) {
            throw new IllegalArgumentException("HighPassFilter cutoff " + cutoff + " Hz is not below half the sample rate ("
                    + sampleRate / 2.0 + " Hz); lower maxCutoffHz");
        }
        return Biquad.highPass(cutoff, sampleRate, BUTTERWORTH_Q).filter(samples);
    }
}
