package io.musicspeech.pipeline;

import io.musicspeech.model.WindowClassifier;

/** p(speech) of the window's model input from the model (NaN for a silent window). */
public final class Classification implements WindowProcessor {
    private final WindowClassifier classifier;

    public Classification(WindowClassifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void process(WindowEvent window) {
        window.pSpeech = window.silent ? Float.NaN : classifier.speechProbability(window.input);
    }
}
