package io.musicspeech.data.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * audiomentations {@code AddShortNoises}, simplified: a drawn number of noise bursts, each a
 * drawn length of a randomly chosen clip (from a random offset, wrapping), placed at a random
 * time and mixed at its own drawn SNR relative to the RMS of the whole input
 * ({@code noise_rms="relative_to_whole_input"}), with linear fades at both ends so bursts do not
 * click. Bursts may overlap each other. audiomentations spaces sounds by
 * {@code min/max_time_between_sounds} instead of counting them; a count is easier to reason about
 * for short clips. A silent signal is returned unchanged.
 *
 * @param noises             the clips to pick from, at the signal's sample rate (audiomentations
 *                           {@code sounds_path}); not copied, so do not modify them
 * @param minBursts          fewest bursts per clip (no audiomentations counterpart; it derives the
 *                           count from {@code min/max_time_between_sounds}, default 2-8 s)
 * @param maxBursts          most bursts per clip
 * @param minDurationSeconds shortest burst (the length of the sound file in audiomentations)
 * @param maxDurationSeconds longest burst; a burst never exceeds the clip
 * @param minSnrDb           audiomentations {@code min_snr_in_db} (default -6)
 * @param maxSnrDb           audiomentations {@code max_snr_in_db} (default 18)
 * @param fadeSeconds        fade-in and fade-out length, at most half a burst (audiomentations
 *                           draws {@code min/max_fade_in_time} 0.005-0.08 s and
 *                           {@code min/max_fade_out_time} 0.01-0.1 s)
 */
public record ShortNoises(List<float[]> noises, int minBursts, int maxBursts,
                          double minDurationSeconds, double maxDurationSeconds,
                          double minSnrDb, double maxSnrDb, double fadeSeconds) implements Augmentation {
    public ShortNoises {
        noises = Signals.noiseClips("ShortNoises", noises);
        Ranges.atLeast("ShortNoises minBursts", minBursts, 0);
        Ranges.ordered("ShortNoises bursts", minBursts, maxBursts);
        Ranges.positive("ShortNoises minDurationSeconds", minDurationSeconds);
        Ranges.ordered("ShortNoises duration seconds", minDurationSeconds, maxDurationSeconds);
        Ranges.ordered("ShortNoises SNR dB", minSnrDb, maxSnrDb);
        Ranges.atLeast("ShortNoises fadeSeconds", fadeSeconds, 0);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        float[] out = samples.clone();
        double signalRms = Signals.rms(samples);
        if (signalRms == 0) {
            return out;
        }
        int bursts = Ranges.uniformInt(random, minBursts, maxBursts);
        for (int b = 0; b < bursts; b++) {
            float[] clip = noises.get(random.nextInt(noises.size()));
            double seconds = Ranges.uniform(random, minDurationSeconds, maxDurationSeconds);
            int length = (int) Math.max(1, Math.min(samples.length, Math.round(seconds * sampleRate)));
            int start = random.nextInt(samples.length - length + 1);
            int offset = random.nextInt(clip.length);
            double snrDb = Ranges.uniform(random, minSnrDb, maxSnrDb);
            mix(out, start, Signals.loop(clip, offset, length), signalRms, snrDb,
                    (int) Math.min(length / 2, Math.round(fadeSeconds * sampleRate)));
        }
        return out;
    }

    /** Adds {@code noise} at {@code snrDb} below {@code signalRms} into out[start...], faded in and out over {@code fade} samples. */
    private static void mix(float[] out, int start, float[] noise, double signalRms, double snrDb, int fade) {
        double noiseRms = Signals.rms(noise);
        if (noiseRms == 0) {
            return;
        }
        double gain = Signals.gainForSnr(signalRms, noiseRms, snrDb);
        int n = noise.length;
        for (int i = 0; i < n; i++) {
            int edge = Math.min(i, n - 1 - i); // samples to the nearer end of the burst
            double envelope = edge < fade ? (edge + 1.0) / (fade + 1) : 1;
            out[start + i] += (float) (noise[i] * gain * envelope);
        }
    }

    @Override
    public String toString() {
        return "ShortNoises[noises=" + noises.size() + " clips, bursts=" + minBursts + ".." + maxBursts
                + ", durationSeconds=" + minDurationSeconds + ".." + maxDurationSeconds
                + ", snrDb=" + minSnrDb + ".." + maxSnrDb + ", fadeSeconds=" + fadeSeconds + "]";
    }
}
