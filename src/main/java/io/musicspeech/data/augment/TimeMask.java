package io.musicspeech.data.augment;

import java.util.random.RandomGenerator;

/**
 * audiomentations {@code TimeMask} with fading: silences one random span of the clip. As in
 * audiomentations the fades lie inside the span (its length is exactly the drawn fraction and
 * nothing outside it changes): the gain ramps linearly from 1 to 0 over the first
 * {@code fadeSeconds} and back up over the last, so the cut does not click.
 *
 * @param minFraction audiomentations {@code min_band_part} (share of the clip, default 0.01)
 * @param maxFraction audiomentations {@code max_band_part} (default 0.2)
 * @param fadeSeconds audiomentations {@code fade_duration} (default 0.005; older versions
 *                    {@code fade=True}); at most half the span; 0 = hard cut
 */
public record TimeMask(double minFraction, double maxFraction, double fadeSeconds) implements Augmentation {
    public TimeMask {
        Ranges.atLeast("TimeMask minFraction", minFraction, 0);
        Ranges.ordered("TimeMask fraction", minFraction, maxFraction);
        if (maxFraction > 1) {
            throw new IllegalArgumentException("TimeMask maxFraction must be <= 1, got " + maxFraction);
        }
        Ranges.atLeast("TimeMask fadeSeconds", fadeSeconds, 0);
    }

    /** The output and the span it masked: samples [start, start + length), the outer {@code fade} at each end ramped. */
    record Masked(float[] samples, int start, int length, int fade) {
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        return mask(samples, sampleRate, random).samples();
    }

    Masked mask(float[] samples, int sampleRate, RandomGenerator random) {
        double fraction = Ranges.uniform(random, minFraction, maxFraction);
        int length = (int) Math.min(samples.length, Math.round(fraction * samples.length));
        int start = random.nextInt(samples.length - length + 1);
        int fade = (int) Math.min(length / 2, Math.round(fadeSeconds * sampleRate));
        float[] out = samples.clone();
        for (int i = 0; i < length; i++) {
            int edge = Math.min(i, length - 1 - i); // samples to the nearer end of the span
            // exact zeros (not x * 0, which gives -0.0 for negative x) in the silent part
            out[start + i] = edge < fade ? (float) (samples[start + i] * (1 - (edge + 1.0) / (fade + 1))) : 0f;
        }
        return new Masked(out, start, length, fade);
    }
}
