package io.musicspeech.model;

/**
 * A classifier's decisions along one stream, a window at a time: the classifier's context (the
 * windows before the current one, {@link ContextHistory}) is kept here, so every driver (the live
 * chain, the segment stage, evaluation) gives a window the same input. Per stream and per thread;
 * allocates nothing per window.
 */
public interface ContextStream {

    /**
     * Takes the next window of the stream.
     *
     * @param features  the window's features (frames x nMfcc, frame-major), from index 0
     * @param continues false where the stream starts or jumps (no past before this window)
     * @param decide    false when only the context is wanted (a silent window): no decision is computed
     * @return p(speech) of this window, or NaN when not asked to decide
     */
    float push(float[] features, boolean continues, boolean decide);
}
