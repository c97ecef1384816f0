package io.musicspeech.eval;

import io.musicspeech.config.DecisionConfig;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    private static final DecisionConfig RAW = new DecisionConfig(0.5, 0.01, new DecisionConfig.Smoothing(false, 1, 0));

    private static WindowPredictions predictions(List<String> files, boolean[] speech, float[] p) {
        return new WindowPredictions(files, speech, p);
    }

    @Test
    void countsAccuracyRecallsAndClipVotes() {
        // music clip m: 3 of 4 windows right; speech clip s: 1 of 2 right (tie -> mean p 0.5 -> speech)
        List<String> files = List.of("m", "m", "m", "m", "s", "s");
        boolean[] speech = {false, false, false, false, true, true};
        float[] p = {0.1f, 0.2f, 0.3f, 0.9f, 0.8f, 0.2f};
        Metrics m = Metrics.compute(predictions(files, speech, p), RAW);

        assertEquals(6, m.windows());
        assertEquals(2, m.files());
        assertEquals(4 / 6.0, m.windowAccuracy(), 1e-12);
        assertEquals(0.75, m.musicRecall(), 1e-12);
        assertEquals(0.5, m.speechRecall(), 1e-12);
        assertEquals(0.625, m.balancedAccuracy(), 1e-12);
        assertArrayEquals(new long[]{3, 1}, m.confusion()[0]);
        assertArrayEquals(new long[]{1, 1}, m.confusion()[1]);
        assertEquals(1.0, m.clipAccuracy(), 1e-12, "both clips right by majority (the tie resolved by the mean)");
        assertEquals(0.75, m.perFile().get(0).accuracy(), 1e-12);
        assertEquals("speech", m.perFile().get(1).label());
    }

    @Test
    void rocAucIsTheRankStatisticWithTiesCountingHalf() {
        boolean[] truth = {false, false, true, true};
        assertEquals(1.0, Metrics.rocAuc(truth, new float[]{0.1f, 0.2f, 0.3f, 0.4f}), 1e-12);
        assertEquals(0.0, Metrics.rocAuc(truth, new float[]{0.4f, 0.3f, 0.2f, 0.1f}), 1e-12);
        assertEquals(0.5, Metrics.rocAuc(truth, new float[]{0.5f, 0.5f, 0.5f, 0.5f}), 1e-12);
        assertEquals(0.75, Metrics.rocAuc(truth, new float[]{0.1f, 0.3f, 0.2f, 0.4f}), 1e-12);
        assertTrue(Double.isNaN(Metrics.rocAuc(new boolean[]{true, true}, new float[]{0.1f, 0.2f})));
    }

    @Test
    void smoothingFixesIsolatedErrorsInsideAClip() {
        int n = 40;
        float[] p = new float[n];
        boolean[] speech = new boolean[n];
        for (int i = 0; i < n; i++) {
            speech[i] = true;
            p[i] = i % 5 == 2 ? 0.3f : 0.95f; // every fifth window a blip
        }
        List<String> files = Collections.nCopies(n, "s");
        DecisionConfig smooth = new DecisionConfig(0.7, 0.01, new DecisionConfig.Smoothing(true, 0.5, 0.1));
        Metrics m = Metrics.compute(predictions(files, speech, p), smooth);
        assertEquals(0.8, m.windowAccuracy(), 1e-12);
        assertEquals(1.0, m.smoothedWindowAccuracy(), 1e-12);
    }

    @Test
    void accuracyAgainstThresholdSweeps() {
        WindowPredictions p = predictions(List.of("a", "a"), new boolean[]{false, true}, new float[]{0.2f, 0.6f});
        assertArrayEquals(new double[]{0.5, 1.0, 0.5}, Metrics.accuracyAtThresholds(p, new double[]{0.0, 0.5, 0.9}), 1e-12);
    }
}
