package io.musicspeech.data;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;

/**
 * MFCCs of every window of a clip, laid out windows x frames x n_mfcc. One instance per thread
 * (it holds an {@link MfccExtractor}, which is not thread-safe).
 */
public final class ClipFeaturizer {
    private final MfccExtractor extractor;
    private final Windows windows;
    private final float[] window;

    public ClipFeaturizer(FeatureSpec spec, Windows windows) {
        this.extractor = new MfccExtractor(spec);
        this.windows = windows;
        this.window = new float[spec.featureSize()];
    }

    public Windows windows() {
        return windows;
    }

    public float[] featurize(float[] samples) {
        int count = windows.count(samples.length);
        int size = window.length;
        float[] features = new float[count * size];
        for (int w = 0; w < count; w++) {
            extractor.extract(samples, windows.start(w), window);
            System.arraycopy(window, 0, features, w * size, size);
        }
        return features;
    }
}
