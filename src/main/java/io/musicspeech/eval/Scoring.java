package io.musicspeech.eval;

import io.musicspeech.config.DecisionConfig;
import io.musicspeech.data.WindowSet;
import io.musicspeech.model.WindowClassifier;

/**
 * The one scoring path of train, evaluate and crossval: every window through the classifier, then
 * the figures at the classifier's own threshold (a bundle's may have been tuned on its validation
 * split) with the configured silence gate and smoothing.
 */
public final class Scoring {

    /** The predictions and the figures computed from them. */
    public record Scored(WindowPredictions predictions, Metrics metrics) {
    }

    private Scoring() {
    }

    public static Scored score(WindowClassifier classifier, WindowSet windows, DecisionConfig configured) {
        WindowPredictions predictions = Predictor.predict(classifier, windows);
        return new Scored(predictions, Metrics.compute(predictions, configured.withThreshold(classifier.threshold())));
    }
}
