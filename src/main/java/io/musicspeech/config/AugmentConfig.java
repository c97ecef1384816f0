package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Training-data augmentation (config group {@code augment}). Each chain adds one augmented copy
 * of every training clip; in a chain each transform fires with its probability {@code p}, in
 * the order listed. Names and ranges follow audiomentations; ranges are drawn uniformly.
 *
 * @param noiseDir folder of noise recordings used by background_noise and short_noises
 * @param chains   chain name -> transform names, in order; empty for no augmentation
 */
public record AugmentConfig(Path noiseDir,
                            Map<String, List<String>> chains,
                            GaussianNoise gaussianNoise,
                            PitchShift pitchShift,
                            HighPass highPass,
                            BackgroundNoise backgroundNoise,
                            TimeStretch timeStretch,
                            ShortNoises shortNoises,
                            TimeMask timeMask,
                            Reverb reverb,
                            BandLimit bandLimit,
                            Codec codec,
                            Gain gain,
                            MusicBed musicBed,
                            Speed speed) {

    public static final Set<String> TRANSFORMS = Set.of("gaussian_noise", "pitch_shift", "high_pass",
            "background_noise", "time_stretch", "short_noises", "time_mask", "reverb", "band_limit", "codec", "gain", "music_bed", "speed");
    private static final Set<String> NEEDS_NOISE = Set.of("background_noise", "short_noises");

    public AugmentConfig {
        chains.forEach((chain, steps) -> {
            Check.that(!steps.isEmpty(), "chains." + chain, "needs at least one transform");
            steps.forEach(step -> Check.that(TRANSFORMS.contains(step), "chains." + chain,
                    "names an unknown transform '" + step + "'; transforms: " + String.join(", ", TRANSFORMS.stream().sorted().toList())));
        });
    }

    /** Whether some chain mixes in noise recordings (and so needs {@link #noiseDir}). */
    public boolean needsNoise() {
        return chains.values().stream().flatMap(List::stream).anyMatch(NEEDS_NOISE::contains);
    }

    private static void range(String min, double low, String max, double high) {
        Check.that(low <= high, min, "must be at most " + max + " (" + high + "), got " + low);
    }

    /** AddGaussianNoise: adds N(0, 1) * amplitude. */
    public record GaussianNoise(double p, double minAmplitude, double maxAmplitude) {
        public GaussianNoise {
            Check.between("p", p, 0, 1);
            Check.nonNegative("min_amplitude", minAmplitude);
            range("min_amplitude", minAmplitude, "max_amplitude", maxAmplitude);
        }
    }

    /** PitchShift: frequency times 2^(semitones/12), duration kept. */
    public record PitchShift(double p, double minSemitones, double maxSemitones) {
        public PitchShift {
            Check.between("p", p, 0, 1);
            Check.between("min_semitones", minSemitones, -24, 24);
            Check.between("max_semitones", maxSemitones, -24, 24);
            range("min_semitones", minSemitones, "max_semitones", maxSemitones);
        }
    }

    /** HighPassFilter: attenuates below a cutoff drawn from the range. */
    public record HighPass(double p, double minCutoffHz, double maxCutoffHz) {
        public HighPass {
            Check.between("p", p, 0, 1);
            Check.positive("min_cutoff_hz", minCutoffHz);
            range("min_cutoff_hz", minCutoffHz, "max_cutoff_hz", maxCutoffHz);
        }
    }

    /** AddBackgroundNoise: a noise recording mixed at a signal-to-noise ratio from the range. */
    public record BackgroundNoise(double p, double minSnrDb, double maxSnrDb) {
        public BackgroundNoise {
            Check.between("p", p, 0, 1);
            range("min_snr_db", minSnrDb, "max_snr_db", maxSnrDb);
        }
    }

    /** TimeStretch (WSOLA): duration divided by the rate, pitch kept. */
    public record TimeStretch(double p, double minRate, double maxRate) {
        public TimeStretch {
            Check.between("p", p, 0, 1);
            Check.between("min_rate", minRate, 0.25, 4);
            Check.between("max_rate", maxRate, 0.25, 4);
            range("min_rate", minRate, "max_rate", maxRate);
        }
    }

    /** AddShortNoises: a few short noise bursts at random times, each at an SNR from the range. */
    public record ShortNoises(double p, int minBursts, int maxBursts, double minDurationSeconds,
                              double maxDurationSeconds, double minSnrDb, double maxSnrDb, double fadeSeconds) {
        public ShortNoises {
            Check.between("p", p, 0, 1);
            Check.nonNegative("min_bursts", minBursts);
            range("min_bursts", minBursts, "max_bursts", maxBursts);
            Check.positive("min_duration_seconds", minDurationSeconds);
            range("min_duration_seconds", minDurationSeconds, "max_duration_seconds", maxDurationSeconds);
            range("min_snr_db", minSnrDb, "max_snr_db", maxSnrDb);
            Check.nonNegative("fade_seconds", fadeSeconds);
        }
    }

    /** TimeMask with fades: silences a span of the clip, fading out and back in. */
    public record TimeMask(double p, double minFraction, double maxFraction, double fadeSeconds) {
        public TimeMask {
            Check.between("p", p, 0, 1);
            Check.between("min_fraction", minFraction, 0, 1);
            Check.between("max_fraction", maxFraction, 0, 1);
            range("min_fraction", minFraction, "max_fraction", maxFraction);
            Check.nonNegative("fade_seconds", fadeSeconds);
        }
    }

    /** A synthetic room: exponentially decaying noise as the impulse response, mixed in at a wet share. */
    public record Reverb(double p, double minRt60Seconds, double maxRt60Seconds, double minWet, double maxWet) {
        public Reverb {
            Check.between("p", p, 0, 1);
            Check.between("min_rt60_seconds", minRt60Seconds, 0.01, 10);
            range("min_rt60_seconds", minRt60Seconds, "max_rt60_seconds", maxRt60Seconds);
            Check.between("max_rt60_seconds", maxRt60Seconds, 0.01, 10);
            Check.between("min_wet", minWet, 0, 1);
            Check.between("max_wet", maxWet, 0, 1);
            range("min_wet", minWet, "max_wet", maxWet);
        }
    }

    /** A 24 dB/octave low-pass at a cutoff from the range (band-limited sources, telephone lines). */
    public record BandLimit(double p, double minCutoffHz, double maxCutoffHz) {
        public BandLimit {
            Check.between("p", p, 0, 1);
            Check.positive("min_cutoff_hz", minCutoffHz);
            range("min_cutoff_hz", minCutoffHz, "max_cutoff_hz", maxCutoffHz);
        }
    }

    /** Down to one of the rates, 8-bit mu-law, and back: a narrow-band, low-bitrate codec. */
    public record Codec(double p, List<Integer> rates) {
        public Codec {
            Check.between("p", p, 0, 1);
            Check.that(!rates.isEmpty(), "rates", "needs at least one sample rate");
            rates.forEach(r -> Check.between("rates", r, 1000, 96000));
        }
    }

    /** The level times a gain from the range, in dB. */
    public record Gain(double p, double minGainDb, double maxGainDb) {
        public Gain {
            Check.between("p", p, 0, 1);
            Check.between("min_gain_db", minGainDb, -120, 60);
            Check.between("max_gain_db", maxGainDb, -120, 60);
            range("min_gain_db", minGainDb, "max_gain_db", maxGainDb);
        }
    }

    /** The clip played faster or slower (pitch, formants and tempo together), at a rate from the range. */
    public record Speed(double p, double minRate, double maxRate) {
        public Speed {
            Check.between("p", p, 0, 1);
            Check.between("min_rate", minRate, 0.25, 4);
            Check.between("max_rate", maxRate, 0.25, 4);
            range("min_rate", minRate, "max_rate", maxRate);
        }
    }

    /** Training music mixed under speech clips at a level relative to the speech. */
    public record MusicBed(double p, double minRelativeDb, double maxRelativeDb) {
        public MusicBed {
            Check.between("p", p, 0, 1);
            Check.between("min_relative_db", minRelativeDb, -60, 20);
            Check.between("max_relative_db", maxRelativeDb, -60, 20);
            range("min_relative_db", minRelativeDb, "max_relative_db", maxRelativeDb);
        }
    }
}
