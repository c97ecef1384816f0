package io.musicspeech.pipeline;

/**
 * The window's label, by the {@link LabelDecider} (silence, or the model's p(speech) through the
 * causal smoother with hysteresis). Stamps the decision time.
 */
public final class Decision implements WindowProcessor {
    private final LabelDecider decider;

    public Decision(LabelDecider decider) {
        this.decider = decider;
    }

    public Decision(CausalSmoother smoother) {
        this(new LabelDecider(smoother));
    }

    @Override
    public void process(WindowEvent window) {
        window.label = decider.decide(window.silent, window.pSpeech);
        window.decidedNanos = System.nanoTime();
    }
}
