package io.musicspeech.config;

/** @param threshold p(speech) at or above which a window is speech (the original used 0.7) */
public record DecisionConfig(double threshold) {
    public DecisionConfig {
        Check.between("threshold", threshold, 0, 1);
    }
}
