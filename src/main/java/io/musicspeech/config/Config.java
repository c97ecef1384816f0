package io.musicspeech.config;

import io.musicspeech.features.FeatureSpec;

/**
 * The whole configuration, one record per section of {@code config/config.yaml}
 * (and one per group, such as {@code model}). Built only by {@link ConfigLoader}.
 */
public record Config(RunConfig run,
                     AudioConfig audio,
                     FeaturesConfig features,
                     PreprocessConfig preprocess,
                     AugmentConfig augment,
                     ModelConfig model,
                     TrainConfig train,
                     EvaluateConfig evaluate,
                     CrossValConfig crossval,
                     DecisionConfig decision,
                     RealtimeConfig realtime,
                     SegmentConfig segment,
                     StreamsConfig streams,
                     SynthConfig synth,
                     ServeConfig serve,
                     SparkConfig spark,
                     ModelsConfig models,
                     BenchConfig bench) {

    public Config {
        double nyquist = audio.sampleRate() / 2.0;
        if (features.fmax() != null && features.fmax() > nyquist) {
            throw new InvalidValue("features.fmax", "must be at most audio.sample_rate / 2 = " + nyquist + ", got " + features.fmax());
        }
        if (features.fmin() >= (features.fmax() == null ? nyquist : features.fmax())) {
            throw new InvalidValue("features.fmin", "must be below features.fmax (or sample_rate / 2), got " + features.fmin());
        }
        if (features.windowSamples(audio.sampleRate()) < 1) {
            throw new InvalidValue("features.window_seconds", "gives no sample at " + audio.sampleRate() + " Hz");
        }
        if (segment.hopSeconds() != null && segment.hopSeconds() > features.windowSeconds()) {
            throw new InvalidValue("segment.hop_seconds", "must be at most features.window_seconds ("
                    + features.windowSeconds() + ") so that the windows cover all the audio, got " + segment.hopSeconds());
        }
        if (realtime.hopSeconds() != null && realtime.hopSeconds() > features.windowSeconds()) {
            throw new InvalidValue("realtime.hop_seconds", "must be at most features.window_seconds ("
                    + features.windowSeconds() + ") so that the windows cover all the audio, got " + realtime.hopSeconds());
        }
    }

    /** Samples between the starts of two live windows (and per capture chunk). */
    public int realtimeHopSamples() {
        return hopSamples(realtime.hopSeconds());
    }

    /** Samples between the starts of two windows of the segment stage. */
    public int segmentHopSamples() {
        return hopSamples(segment.hopSeconds());
    }

    private int hopSamples(Double hopSeconds) {
        return hopSeconds == null ? features.windowSamples(audio.sampleRate())
                : Math.max(1, (int) Math.floor(hopSeconds * audio.sampleRate() + 1e-9));
    }

    /** What a window's features are under this configuration; models record and check it. */
    public FeatureSpec featureSpec() {
        int sampleRate = audio.sampleRate();
        return new FeatureSpec(sampleRate, features.windowSamples(sampleRate), features.nMfcc(), features.nFft(),
                features.hopLength(), features.nMels(), features.fmin(),
                features.fmax() == null ? sampleRate / 2.0 : features.fmax(), features.topDb());
    }
}
