package io.musicspeech.pipeline;

import io.musicspeech.features.MfccExtractor;

/**
 * The window's MFCCs, with the one extractor every stage uses (preallocated; allocates nothing).
 * Silent windows are skipped unless a context model needs them as the past of later windows
 * (it was trained on every window, quiet ones included).
 */
public final class Featuriser implements WindowProcessor {
    private final MfccExtractor extractor;
    private final boolean featuriseSilence;

    public Featuriser(MfccExtractor extractor) {
        this(extractor, false);
    }

    public Featuriser(MfccExtractor extractor, boolean featuriseSilence) {
        this.extractor = extractor;
        this.featuriseSilence = featuriseSilence;
    }

    @Override
    public void process(WindowEvent window) {
        if (featuriseSilence || !window.silent) {
            extractor.extract(window.samples, 0, window.features);
        }
    }
}
