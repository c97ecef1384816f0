package io.musicspeech.model;

/**
 * A {@link ContextStream} for a classifier whose input is its context's windows stacked along time
 * (one window for most models): every window's features are kept, and a decision runs the model on
 * the stacked input.
 */
final class StackedStream implements ContextStream {
    private final WindowClassifier classifier;
    private final ContextHistory history;
    private final int featureSize;
    private final float[] stacked;

    StackedStream(WindowClassifier classifier, int hopsPerWindow) {
        this.classifier = classifier;
        this.featureSize = classifier.featureSpec().featureSize();
        this.history = new ContextHistory(classifier.contextWindows(), hopsPerWindow, featureSize);
        this.stacked = new float[classifier.inputSize()];
    }

    @Override
    public float push(float[] features, boolean continues, boolean decide) {
        System.arraycopy(features, 0, history.next(continues), 0, featureSize);
        if (!decide) {
            return Float.NaN;
        }
        history.assemble(stacked);
        return classifier.speechProbability(stacked);
    }
}
