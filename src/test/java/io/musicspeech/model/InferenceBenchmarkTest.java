package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.features.FeatureSpec;
import org.junit.jupiter.api.Test;

class InferenceBenchmarkTest {

    @Test
    void reportsLatencyAndThroughput() {
        FeatureSpec spec = FeatureSpec.librosaDefault();
        WindowClassifier c = new JavaCnnClassifier(CnnFactory.build(ModelBundleTest.SMALL, spec, 1, 1e-3), spec, 0.7, null);
        InferenceBenchmark.Report r = InferenceBenchmark.run(c, 200, 50, 32);
        assertTrue(r.p50Millis() > 0 && r.p99Millis() >= r.p50Millis() && r.meanMillis() > 0, r.describe());
        assertTrue(r.windowsPerSecond() > 0, r.describe());
        assertTrue(r.describe().contains("decisions/s"), r.describe());
        assertTrue(r.bytesPerWindow() == -1 || r.bytesPerWindow() >= 0, r.describe());
        assertThrows(IllegalArgumentException.class, () -> InferenceBenchmark.run(c, 0, 0, 1));
    }
}
