package io.musicspeech.config;

/**
 * How a window's p(speech) becomes a label, shared by evaluate and listen.
 *
 * @param threshold p(speech) at or above which a window is speech (the original used 0.7)
 * @param smoothing causal smoothing with hysteresis, so the label does not flicker
 */
public record DecisionConfig(double threshold, Smoothing smoothing) {
    public DecisionConfig {
        Check.between("threshold", threshold, 0, 1);
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
