package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * A band-limited channel: a 4th-order Butterworth low-pass (two biquads, 24 dB/octave) at a
 * cutoff drawn from the range, as recordings from 8-16 kHz sources, telephone lines and cheap
 * loudspeakers are. Causal, from zero state.
 *
 * @param minCutoffHz lowest cutoff (telephone: 3400)
 * @param maxCutoffHz highest; below half the sample rate
 */
public record BandLimit(double minCutoffHz, double maxCutoffHz) implements Augmentation {
    private static final double BUTTERWORTH_4_Q1 = 0.5411961;
    private static final double BUTTERWORTH_4_Q2 = 1.3065630;

    public BandLimit {
        Ranges.positive("BandLimit minCutoffHz", minCutoffHz);
        Ranges.ordered("BandLimit cutoff", minCutoffHz, maxCutoffHz);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double cutoff = Ranges.uniform(random, minCutoffHz, maxCutoffHz);
        if (cutoff >= sampleRate / 2.0) {
            throw new IllegalArgumentException("BandLimit cutoff " + cutoff + " Hz is not below half the sample rate ("
                    + sampleRate / 2.0 + " Hz); lower maxCutoffHz");
        }
        float[] once = Biquad.lowPass(cutoff, sampleRate, BUTTERWORTH_4_Q1).filter(samples);
        return Biquad.lowPass(cutoff, sampleRate, BUTTERWORTH_4_Q2).filter(once);
    }
}
