package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;

/**
 * The one model interface that evaluate, listen, classify and serve call: a window's features in,
 * p(speech) out. A window is {@code featureSpec().frames() x featureSpec().nMfcc()} floats,
 * frame-major (what {@link io.musicspeech.features.MfccExtractor#extract} writes); a batch is
 * {@code count} such windows back to back. Class 1 is speech, class 0 music.
 *
 * <p>Implementations keep preallocated buffers, so they are <b>not thread-safe</b>: give each
 * thread its own instance (or synchronise around it).
 */
public interface WindowClassifier {

    /** The features the model expects; callers featurise with exactly this spec. */
    FeatureSpec featureSpec();

    /** p(speech) at or above which a window is called speech. */
    double threshold();

    /** The model's raw score for one window: log(p / (1 - p)) of speech. */
    float speechLogit(float[] window);

    /** Logits of {@code count} windows laid out back to back in {@code windows}, into {@code out[0..count)}. */
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
