package io.musicspeech.config;

/**
 * How a window becomes a label, the same for every driver of the chain (listen, segment, evaluate).
 *
 * @param threshold        p(speech) at or above which a window is speech (the original used 0.7)
 * @param silenceThreshold window RMS (full scale = 1) below which a window is silence and the model does not judge it
 * @param smoothing        causal smoothing with hysteresis, so the live label does not flicker
 */
public record DecisionConfig(double threshold, double silenceThreshold, Smoothing smoothing) {
    public DecisionConfig {
        Check.between("threshold", threshold, 0, 1);
        Check.between("silence_threshold", silenceThreshold, 0, 1);
    }

    /** The same decision with another threshold (a model bundle brings its own). */
    public DecisionConfig withThreshold(double newThreshold) {
        return new DecisionConfig(newThreshold, silenceThreshold, smoothing);
    }

    /**
     * @param enabled    false gives the raw per-window decisions
     * @param alpha      weight of the newest window in the running average of p(speech) (1 = no averaging)
     * @param hysteresis the averaged p must pass the threshold by this much to change the label
     */
    public record Smoothing(boolean enabled, double alpha, double hysteresis) {
        public Smoothing {
            Check.between("alpha", alpha, 0.01, 1);
            Check.between("hysteresis", hysteresis, 0, 0.5);
        }
    }
}
