package io.musicspeech.pipeline;

import io.musicspeech.config.DecisionConfig;

/**
 * The live label of a window, given whether it is silent and the model's p(speech): silence, or
 * the probability through the {@link CausalSmoother}. Silent windows neither feed nor reset the
 * smoother, so a pause does not flip the label of what follows. The chain's {@link Decision} step
 * and evaluate's smoothed accuracy both decide with this class, so the figure is what listening gives.
 */
public final class LabelDecider {
    private final CausalSmoother smoother;

    public LabelDecider(DecisionConfig decision) {
        this(new CausalSmoother(decision));
    }

    public LabelDecider(CausalSmoother smoother) {
        this.smoother = smoother;
    }

    public Label decide(boolean silent, float pSpeech) {
        if (silent) {
            return Label.SILENCE;
        }
        return smoother.update(pSpeech) ? Label.SPEECH : Label.MUSIC;
    }

    /** Forgets the past (a new clip or stream). */
    public void reset() {
        smoother.reset();
    }
}
