package io.musicspeech.eval;

import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.WindowSet;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.WindowClassifier;

import java.util.List;

/** Runs a classifier over every window of a set, in batches, keeping each window's clip and true class. */
public final class Predictor {
    private static final int BATCH = 256;

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
        WindowSet inputs = ContextStacker.stack(set, classifier.contextWindows(), spec.windowSeconds());
        int size = classifier.inputSize();
        float[] features = inputs.features();
        float[] labels = set.labels();
        int n = set.size();
        float[] p = new float[n];
        float[] batch = new float[BATCH * size];
        float[] out = new float[BATCH];
        for (int from = 0; from < n; from += BATCH) {
            int count = Math.min(BATCH, n - from);
            System.arraycopy(features, from * size, batch, 0, count * size);
            classifier.speechProbabilities(batch, count, out);
            System.arraycopy(out, 0, p, from, count);
        }
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            speech[i] = labels[i] >= 0.5f;
        }
        List<WindowSet.Origin> origins = set.origins();
        float[] rms = new float[n];
        for (int i = 0; i < n; i++) {
            rms[i] = (float) origins.get(i).rms();
        }
        List<String> files = origins.stream().map(WindowSet.Origin::file).toList();
        return new WindowPredictions(files, speech, p, rms);
    }
}
