package io.musicspeech.data.augment;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * audiomentations {@code AddBackgroundNoise} with {@code noise_rms="relative"}: mixes one noise
 * clip under the whole signal at a drawn SNR, i.e. scaled so that
 * 20*log10(rms(signal) / rms(noise)) == snr. The clip starts at a random offset and wraps
 * around, so it covers any signal length (audiomentations tiles short noises and crops long
 * ones at a random place). A silent signal (or a silent noise) is returned unchanged, since
 * no scale gives it an SNR.
 *
 * @param noises   the clips to pick from, at the signal's sample rate (audiomentations
 *                 {@code sounds_path}; see {@link NoiseBank}); not copied, so do not modify them
 * @param minSnrDb audiomentations {@code min_snr_db} (default 3)
 * @param maxSnrDb audiomentations {@code max_snr_db} (default 30)
 */
public record BackgroundNoise(List<float[]> noises, double minSnrDb, double maxSnrDb) implements Augmentation {
    public BackgroundNoise {
        noises = Signals.noiseClips("BackgroundNoise", noises);
        Ranges.ordered("BackgroundNoise SNR dB", minSnrDb, maxSnrDb);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        double snrDb = Ranges.uniform(random, minSnrDb, maxSnrDb);
        float[] clip = noises.get(random.nextInt(noises.size()));
        int offset = random.nextInt(clip.length);
        float[] out = samples.clone();
        double signalRms = Signals.rms(samples);
        if (signalRms == 0) {
            return out;
        }
        float[] noise = Signals.loop(clip, offset, samples.length);
        double noiseRms = Signals.rms(noise);
        if (noiseRms == 0) {
            return out;
        }
        double gain = Signals.gainForSnr(signalRms, noiseRms, snrDb);
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (noise[i] * gain);
        }
        return out;
    }

    @Override
    public String toString() {
        return "BackgroundNoise[noises=" + noises.size() + " clips, minSnrDb=" + minSnrDb + ", maxSnrDb=" + maxSnrDb + "]";
    }
}
