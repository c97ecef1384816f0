package io.musicspeech.eval;

import io.musicspeech.data.WindowSet;
import io.musicspeech.model.WindowClassifier;

import java.util.List;

/** Runs a classifier over every window of a set, in batches, keeping each window's clip and true class. */
public final class Predictor {
    private static final int BATCH = 256;

    private Predictor() {
    }

    public static WindowPredictions predict(WindowClassifier classifier, WindowSet set) {
        int size = set.frames() * set.nMfcc();
        if (size != classifier.featureSpec().featureSize()) {
            throw new io.musicspeech.UserError("the windows have " + set.frames() + " x " + set.nMfcc()
                    + " features but the model expects " + classifier.featureSpec().frames() + " x "
                    + classifier.featureSpec().nMfcc() + "; prepare the data with the model's feature settings");
        }
        float[] features = set.features();
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
        List<String> files = set.origins().stream().map(WindowSet.Origin::file).toList();
        return new WindowPredictions(files, speech, p);
    }
}
