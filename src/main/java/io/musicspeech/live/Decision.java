package io.musicspeech.live;

import io.musicspeech.eval.CausalSmoother;

/**
 * The window's label: silence, or the model's p(speech) through the causal smoother with
 * hysteresis that evaluation also uses (with smoothing off, the plain threshold). Silent windows
 * neither feed nor reset the smoother, so a pause does not flip the label of what follows.
 * Stamps the decision time.
 */
public final class Decision implements WindowProcessor {
    private final CausalSmoother smoother;

    public Decision(CausalSmoother smoother) {
        this.smoother = smoother;
    }

    @Override
    public void process(WindowEvent window) {
        if (window.silent) {
            window.label = Label.SILENCE;
        } else {
            window.label = smoother.update(window.pSpeech) ? Label.SPEECH : Label.MUSIC;
        }
        window.decidedNanos = System.nanoTime();
    }
}
