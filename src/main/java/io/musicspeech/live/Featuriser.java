package io.musicspeech.live;

import io.musicspeech.features.MfccExtractor;

/** The window's MFCCs, with the one extractor every stage uses (preallocated; allocates nothing). */
public final class Featuriser implements WindowProcessor {
    private final MfccExtractor extractor;

    public Featuriser(MfccExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public void process(WindowEvent window) {
        if (!window.silent) {
            extractor.extract(window.samples, 0, window.features);
        }
    }
}
