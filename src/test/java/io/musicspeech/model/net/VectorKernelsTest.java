package io.musicspeech.model.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.ModelBundle;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Vector API kernels give the portable loops' numbers, and the test JVM (as every project JVM) has them. */
class VectorKernelsTest {

    @Test
    void theProjectsJvmsHaveTheVectorModule() {
        assertTrue(VectorSupport.available(), "the test JVM lacks " + VectorSupport.JVM_OPTION
                + ": the pom's test.jvm.args must pass it, as .mvn/jvm.config does for exec:java");
        assertTrue(VectorSupport.describe().startsWith("Vector API"), VectorSupport.describe());
    }

    /** The shipped model's whole window network (16- and 32-channel convolutions, poolings, dense layers). */
    @Test
    void shippedNetworkGivesTheSameOutputsEitherWay() {
        ModelBundle bundle = ModelBundle.load(Path.of("models/model.zip"));
        FeatureSpec spec = bundle.featureSpec();
        NetworkDescription network = Dl4jNetworks.describe(bundle.network(), spec.frames(), spec.nMfcc(), "test windows");
        assertSameOutputs(network, 200);
    }

    /** Padding (Same convolutions) and channel counts that are not whole vectors fall back to the portable loops. */
    @Test
    void layersTheKernelsDoNotCoverStillAgree() {
        Layer.Conv padded = conv(0, Axis.of(true, 11, 3, 1, 0), Axis.of(true, 13, 3, 1, 0), 1, 16);
        assertNotEquals(0, padded.rows().padBefore());
        NetworkDescription network = new NetworkDescription(11, 13, 1, false, List.of(padded,
                conv(1, Axis.of(false, 11, 3, 1, 0), Axis.of(false, 13, 3, 1, 0), 16, 32),
                new Layer.MaxPool(2, "Same", Axis.of(true, 9, 3, 2, 0), Axis.of(true, 11, 3, 2, 0), 32, List.of()),
                conv(3, Axis.of(false, 5, 3, 1, 0), Axis.of(false, 6, 3, 1, 0), 32, 5),
                new Layer.Flatten(4, 3, 4, 5, List.of()), dense(5, 3 * 4 * 5, 1)));
        assertSameOutputs(network, 50);
    }

    private static void assertSameOutputs(NetworkDescription network, int inputs) {
        ForwardPass vector = new ForwardPass(network, true, true);
        ForwardPass portable = new ForwardPass(network, true, false);
        Random random = new Random(7);
        for (int n = 0; n < inputs; n++) {
            float[][] a = vector.mapInput();
            float[][] b = portable.mapInput();
            for (int p = 0; p < a.length; p++) {
                for (int c = 0; c < a[p].length; c++) {
                    a[p][c] = b[p][c] = (float) (random.nextGaussian() * 3);
                }
            }
            float[] x = vector.run();
            float[] y = portable.run();
            for (int k = 0; k < x.length; k++) {
                assertEquals(y[k], x[k], 1e-4 * Math.max(1, Math.abs(y[k])), "input " + n + ", output " + k);
            }
        }
    }

    private static Layer.Conv conv(int index, Axis rows, Axis cols, int in, int out) {
        Random random = new Random(index);
        float[][] weights = new float[rows.kernel() * cols.kernel() * in][out];
        for (float[] row : weights) {
            for (int k = 0; k < out; k++) {
                row[k] = (float) random.nextGaussian() * 0.2f;
            }
        }
        float[] bias = new float[out];
        for (int k = 0; k < out; k++) {
            bias[k] = (float) random.nextGaussian() * 0.1f;
        }
        return new Layer.Conv(index, "Truncate", rows, cols, in, out, Layer.Activation.RELU, weights, bias, true, 0,
                List.of());
    }

    private static Layer.Dense dense(int index, int in, int out) {
        Random random = new Random(index);
        float[][] weights = new float[in][out];
        for (float[] row : weights) {
            for (int k = 0; k < out; k++) {
                row[k] = (float) random.nextGaussian() * 0.1f;
            }
        }
        return new Layer.Dense(index, in, out, Layer.Activation.IDENTITY, weights, new float[out], true, 0, null, List.of());
    }
}
