package io.musicspeech.data.augment;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.config.AugmentConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the configured chains (config group {@code augment}), each transform behind its probability. */
public final class AugmentationChains {
    private AugmentationChains() {
    }

    /** The chains in config order; noise recordings are decoded at {@code sampleRate} only if a chain mixes them in. */
    public static List<Chain> build(AugmentConfig config, int sampleRate) {
        List<float[]> noises = config.needsNoise() ? loadNoise(config, sampleRate) : List.of();
        List<Chain> chains = new ArrayList<>();
        for (Map.Entry<String, List<String>> chain : config.chains().entrySet()) {
            List<Augmentation> steps = chain.getValue().stream().map(name -> step(config, name, noises)).toList();
            chains.add(new Chain(chain.getKey(), steps));
        }
        return chains;
    }

    private static Augmentation step(AugmentConfig config, String name, List<float[]> noises) {
        return switch (name) {
            case "gaussian_noise" -> new Probabilistic(new GaussianNoise(config.gaussianNoise().minAmplitude(),
                    config.gaussianNoise().maxAmplitude()), config.gaussianNoise().p());
            case "pitch_shift" -> new Probabilistic(new PitchShift(config.pitchShift().minSemitones(),
                    config.pitchShift().maxSemitones()), config.pitchShift().p());
            case "high_pass" -> new Probabilistic(new HighPassFilter(config.highPass().minCutoffHz(),
                    config.highPass().maxCutoffHz()), config.highPass().p());
            case "background_noise" -> new Probabilistic(new BackgroundNoise(noises, config.backgroundNoise().minSnrDb(),
                    config.backgroundNoise().maxSnrDb()), config.backgroundNoise().p());
            case "time_stretch" -> new Probabilistic(new TimeStretch(config.timeStretch().minRate(),
                    config.timeStretch().maxRate()), config.timeStretch().p());
            case "short_noises" -> {
                AugmentConfig.ShortNoises s = config.shortNoises();
                yield new Probabilistic(new ShortNoises(noises, s.minBursts(), s.maxBursts(), s.minDurationSeconds(),
                        s.maxDurationSeconds(), s.minSnrDb(), s.maxSnrDb(), s.fadeSeconds()), s.p());
            }
            case "time_mask" -> new Probabilistic(new TimeMask(config.timeMask().minFraction(),
                    config.timeMask().maxFraction(), config.timeMask().fadeSeconds()), config.timeMask().p());
            case "reverb" -> new Probabilistic(new Reverb(config.reverb().minRt60Seconds(), config.reverb().maxRt60Seconds(),
                    config.reverb().minWet(), config.reverb().maxWet()), config.reverb().p());
            case "band_limit" -> new Probabilistic(new BandLimit(config.bandLimit().minCutoffHz(), config.bandLimit().maxCutoffHz()),
                    config.bandLimit().p());
            case "codec" -> new Probabilistic(new Codec(config.codec().rates()), config.codec().p());
            case "gain" -> new Probabilistic(new Gain(config.gain().minGainDb(), config.gain().maxGainDb()), config.gain().p());
            case "music_bed" -> new Probabilistic(new MusicBed(config.musicBed().minRelativeDb(), config.musicBed().maxRelativeDb()),
                    config.musicBed().p());
            case "speed" -> new Probabilistic(new Speed(config.speed().minRate(), config.speed().maxRate()), config.speed().p());
            default -> throw new IllegalStateException("AugmentConfig accepted an unknown transform " + name);
        };
    }

    private static List<float[]> loadNoise(AugmentConfig config, int sampleRate) {
        try {
            return NoiseBank.load(config.noiseDir(), p -> AudioDecoder.decode(p, sampleRate).samples()).clips();
        } catch (UserError e) {
            throw new UserError("augment.noise_dir: " + e.getMessage()
                    + "; point augment.noise_dir at a folder of noise recordings, or use augment=none");
        }
    }
}
