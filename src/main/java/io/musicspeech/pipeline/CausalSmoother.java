package io.musicspeech.pipeline;

import io.musicspeech.config.DecisionConfig;

/**
 * Turns a stream of per-window p(speech) into labels that do not flicker: a running average
 * (exponential, weight {@code alpha} on the newest window) and hysteresis around the
 * threshold. Causal: a decision uses only the current and earlier windows, so live listening
 * and evaluation compute the same thing. With smoothing disabled it is the plain threshold.
 */
public final class CausalSmoother {
    private final double threshold;
    private final boolean enabled;
    private final double alpha;
    private final double hysteresis;
    private double average;
    private boolean speech;
    private boolean started;

    public CausalSmoother(DecisionConfig decision) {
        this(decision.threshold(), decision.smoothing().enabled(), decision.smoothing().alpha(), decision.smoothing().hysteresis());
    }

    public CausalSmoother(double threshold, boolean enabled, double alpha, double hysteresis) {
        this.threshold = threshold;
        this.enabled = enabled;
        this.alpha = alpha;
        this.hysteresis = hysteresis;
    }

    /** Forgets the past (a new clip or stream). */
    public void reset() {
        started = false;
    }

    /** The label after this window: true for speech. */
    public boolean update(double pSpeech) {
        if (!enabled) {
            average = pSpeech;
            return pSpeech >= threshold;
        }
        if (!started) {
            started = true;
            average = pSpeech;
            speech = pSpeech >= threshold;
            return speech;
        }
        average = alpha * pSpeech + (1 - alpha) * average;
        if (speech && average < threshold - hysteresis) {
            speech = false;
        } else if (!speech && average >= threshold + hysteresis) {
            speech = true;
        }
        return speech;
    }

    /** The running average after the last update (the raw p when smoothing is off). */
    public double average() {
        return average;
    }
}
