package io.musicspeech.data;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import io.musicspeech.pipeline.SilenceGate;

/**
 * MFCCs of every window of a clip, laid out windows x frames x n_mfcc, and each window's RMS (what
 * the chain's silence gate measures). One instance per thread (it holds an {@link MfccExtractor},
 * which is not thread-safe).
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

    /** A clip's windows: features windows x frames x n_mfcc, and the RMS of each window's samples. */
    public record Featurized(float[] features, float[] rms) {
    }

    public Featurized featurize(float[] samples) {
        int count = windows.count(samples.length);
        int size = window.length;
        float[] features = new float[count * size];
        float[] rms = new float[count];
        for (int w = 0; w < count; w++) {
            extractor.extract(samples, windows.start(w), window);
            System.arraycopy(window, 0, features, w * size, size);
            rms[w] = (float) SilenceGate.rms(samples, windows.start(w), windows.length());
        }
        return new Featurized(features, rms);
    }
}
