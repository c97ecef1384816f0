package io.musicspeech.pipeline;

import io.musicspeech.model.ContextStream;
import io.musicspeech.model.WindowClassifier;

/**
 * p(speech) of the window from the model's {@link ContextStream} (NaN for a silent window). A
 * context model sees the windows before this one; every window counts as past, silent ones too,
 * as in training. A window that does not start one hop after the last (the stream started, or
 * chunks were dropped) has no past. Allocates nothing per window.
 */
public final class Classification implements WindowProcessor {
    private final ContextStream stream;
    private final boolean contextual;
    private final int hopSamples;
    private long nextStart = -1;

    public Classification(WindowClassifier classifier, int hopsPerWindow, int hopSamples) {
        this.stream = classifier.stream(hopsPerWindow);
        this.contextual = classifier.contextWindows() > 1;
        this.hopSamples = hopSamples;
    }

    @Override
    public void process(WindowEvent window) {
        boolean continues = window.startSample == nextStart;
        nextStart = window.startSample + hopSamples;
        if (window.silent && !contextual) {
            window.pSpeech = Float.NaN;
            return;
        }
        float p = stream.push(window.features, continues, !window.silent);
        window.pSpeech = window.silent ? Float.NaN : p;
    }
}
