package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import java.util.OptionalInt;

/**
 * The one model interface that evaluate, listen, classify and serve call: a window's features in,
 * p(speech) out. A window is {@code featureSpec().frames() x featureSpec().nMfcc()} floats,
 * frame-major (what {@link io.musicspeech.features.MfccExtractor#extract} writes). An <b>input</b>
 * is {@link #contextWindows()} consecutive windows back to back, oldest first and the window
 * being classified last ({@link io.musicspeech.data.ContextStacker} builds them); for most
 * models that is one window. A batch is {@code count} inputs back to back. Class 1 is speech,
 * class 0 music.
 *
 * <p>Implementations keep preallocated buffers, so they are <b>not thread-safe</b>: give each
 * thread its own instance (or synchronise around it).
 */
public interface WindowClassifier {

    /** The features the model expects; callers featurise with exactly this spec. */
    FeatureSpec featureSpec();

    /** Consecutive windows in one input: the window being classified and the ones before it (1: the window alone). */
    default int contextWindows() {
        return 1;
    }

    /** Floats in one input: {@code contextWindows() x frames x nMfcc}. */
    default int inputSize() {
        return contextWindows() * featureSpec().featureSize();
    }

    /** p(speech) at or above which a window is called speech. */
    double threshold();

    /** The model's raw score for one input: log(p / (1 - p)) of speech for its last window. */
    float speechLogit(float[] window);

    /** Logits of {@code count} inputs laid out back to back in {@code windows}, into {@code out[0..count)}. */
    void speechLogits(float[] windows, int count, float[] out);

    /** p(speech) of one window: the live hot path. */
    default float speechProbability(float[] window) {
        return sigmoid(speechLogit(window));
    }

    /** p(speech) of {@code count} windows, into {@code out[0..count)}. */
    default void speechProbabilities(float[] windows, int count, float[] out) {
        speechLogits(windows, count, out);
        for (int i = 0; i < count; i++) {
            out[i] = sigmoid(out[i]);
        }
    }

    /**
     * Decisions along one stream, a window at a time, the classifier keeping its own context
     * ({@link ContextHistory}): what the live chain, the segment stage and evaluation call. A model
     * that encodes each window once (a temporal head) overrides it so a decision costs one window's
     * work; by default the context's windows are stacked into the classifier's input.
     *
     * @param hopsPerWindow window starts per window length in this stream (1: windows back to back)
     */
    default ContextStream stream(int hopsPerWindow) {
        return new StackedStream(this, hopsPerWindow);
    }

    /**
     * The classifier offline segmentation uses: one that also hears the windows after the one it
     * decides ({@link #lookAhead}), if the model has one; else this one.
     */
    default WindowClassifier offline() {
        return this;
    }

    /**
     * For a look-ahead classifier, how many windows before the newest of its input its decision is
     * about; empty for one that decides its newest window (whose output only lags a change).
     */
    default OptionalInt lookAhead() {
        return OptionalInt.empty();
    }

    /** The decision for a probability from this classifier. */
    default boolean isSpeech(float speechProbability) {
        return speechProbability >= threshold();
    }

    /** Logistic function, written so that neither tail overflows. */
    static float sigmoid(float logit) {
        if (logit >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-logit)));
        }
        double e = Math.exp(logit);
        return (float) (e / (1.0 + e));
    }
}
