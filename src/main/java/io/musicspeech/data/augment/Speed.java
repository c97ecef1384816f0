package io.musicspeech.data.augment;

import io.musicspeech.audio.Resampler;

import java.util.random.RandomGenerator;

/**
 * Speed perturbation (Ko et al., "Audio augmentation for speech recognition", 2015; Kaldi's
 * {@code perturb_data_dir_speed}): the clip played at a rate from the range, as a tape run
 * faster or slower, so that pitch, formants and tempo all move together. Rate 1.5 raises every
 * frequency by 7 semitones and makes the clip a third shorter. Unlike {@link PitchShift}, which
 * keeps the duration, it also speeds up the syllables: a cartoon or game character's pitched-up
 * voice. The samples are read as if recorded at {@code rate} times the clip's rate and resampled
 * back to it by the project's {@link Resampler}; the length is not restored (see {@link TimeStretch}).
 *
 * @param minRate the slowest (e.g. 0.8)
 * @param maxRate the fastest (e.g. 1.5)
 */
public record Speed(double minRate, double maxRate) implements Augmentation {
    public Speed {
        Ranges.positive("Speed minRate", minRate);
        Ranges.ordered("Speed rate", minRate, maxRate);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double rate = Ranges.uniform(random, minRate, maxRate);
        int playedAt = (int) Math.round(sampleRate * rate);
        // The resampler hands back its input when the rates are equal; a transform returns a new array.
        return playedAt == sampleRate || samples.length == 0 ? samples.clone() : new Resampler(playedAt, sampleRate).resample(samples);
    }
}
