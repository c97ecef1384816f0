package io.musicspeech.data.augment;

import io.musicspeech.audio.Resampler;

import java.util.random.RandomGenerator;

/**
 * A narrow-band, low-bitrate codec: the clip down to a rate drawn from the list (8 kHz: G.711
 * telephone; 11.025, 16 kHz: low-rate files and wide-band telephony), quantised by 8-bit mu-law
 * companding (G.711's), and back to the clip's rate. Band limit, quantisation noise that follows
 * the signal's level, and the resampler's own filter, the marks of phone prompts and cheap files.
 *
 * @param rates the sample rates to draw from (each below the clip's)
 */
public record Codec(java.util.List<Integer> rates) implements Augmentation {
    private static final double MU = 255;

    public Codec {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("Codec needs at least one rate");
        }
        rates.forEach(r -> Ranges.positive("Codec rate", r));
        rates = java.util.List.copyOf(rates);
    }

    @Override
    public float[] apply(float[] samples, int sampleRate, RandomGenerator random) {
        int rate = rates.get(random.nextInt(rates.size()));
        if (rate >= sampleRate) {
            throw new IllegalArgumentException("Codec rate " + rate + " Hz is not below the clip's " + sampleRate + " Hz");
        }
        float[] narrow = new Resampler(sampleRate, rate).resample(samples);
        for (int i = 0; i < narrow.length; i++) {
            narrow[i] = (float) muLaw(narrow[i]);
        }
        float[] back = new Resampler(rate, sampleRate).resample(narrow);
        return java.util.Arrays.copyOf(back, samples.length);
    }

    /** 8-bit mu-law: compress, round to one of 256 levels, expand. */
    static double muLaw(double x) {
        double clipped = Math.max(-1, Math.min(1, x));
        double compressed = Math.signum(clipped) * Math.log1p(MU * Math.abs(clipped)) / Math.log1p(MU);
        double quantised = Math.round(compressed * 127.5 - 0.5) + 0.5;
        double y = quantised / 127.5;
        return Math.signum(y) * (Math.pow(1 + MU, Math.abs(y)) - 1) / MU;
    }
}
