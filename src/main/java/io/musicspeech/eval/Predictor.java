package io.musicspeech.eval;

import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.WindowSet;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.ContextStream;
import io.musicspeech.model.WindowClassifier;

import java.util.List;

/**
 * Runs a classifier over every window of a set, keeping each window's clip and true class. A
 * window's context is that of a stream ({@link ContextStream}): the windows before it in its
 * recording, back to back ({@link ContextStacker#continues}), so evaluation sees exactly what
 * listening and segmenting see, and a model that encodes each window once does so here too.
 */
public final class Predictor {

    private Predictor() {
    }

    /**
     * @param set per-window features in clip order; for a context model each window is stacked
     *            with the ones before it in its clip ({@link ContextStacker})
     */
    public static WindowPredictions predict(WindowClassifier classifier, WindowSet set) {
        FeatureSpec spec = classifier.featureSpec();
        if (set.frames() * set.nMfcc() != spec.featureSize()) {
            throw new io.musicspeech.UserError("the windows have " + set.frames() + " x " + set.nMfcc()
                    + " features but the model expects " + spec.frames() + " x " + spec.nMfcc()
                    + "; prepare the data with the model's feature settings");
        }
        int size = spec.featureSize();
        float[] features = set.features();
        float[] labels = set.labels();
        List<WindowSet.Origin> origins = set.origins();
        int n = set.size();
        float[] p = new float[n];
        float[] window = new float[size];
        ContextStream stream = classifier.stream(1);
        for (int i = 0; i < n; i++) {
            boolean continues = i > 0 && classifier.contextWindows() > 1 && ContextStacker.continues(origins.get(i - 1), origins.get(i), spec.windowSeconds(),
                    classifier.contextWindows());
            System.arraycopy(features, i * size, window, 0, size);
            p[i] = stream.push(window, continues, true);
        }
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            speech[i] = labels[i] >= 0.5f;
        }
        float[] rms = new float[n];
        for (int i = 0; i < n; i++) {
            rms[i] = (float) origins.get(i).rms();
        }
        List<String> files = origins.stream().map(WindowSet.Origin::file).toList();
        return new WindowPredictions(files, speech, p, rms);
    }
}
