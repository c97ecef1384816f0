package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.features.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The original Keras model, imported, gives the logits Keras gave for the 14 golden windows
 * (fixtures/mfcc_golden.json: seed_model_logit), within |a - b| <= 1e-3 |b| + 1e-3.
 */
class SeedModelTest {

    private static final double TOL = 1e-3;

    @Test
    void importedModelReproducesKerasLogits() {
        JsonNode entries = Shared.goldenEntries();
        WindowClassifier model = KerasModelImport.load(Shared.seedModel(), FeatureSpec.librosaDefault(), 0.7);
        assertEquals(14, entries.size(), "fixture entries");

        double maxDeviation = 0;
        List<String> failures = new ArrayList<>();
        float[] batch = new float[entries.size() * FeatureSpec.librosaDefault().featureSize()];
        float[] singles = new float[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            float[] window = Shared.mfcc(e);
            System.arraycopy(window, 0, batch, i * window.length, window.length);
            double want = e.get("seed_model_logit").doubleValue();
            double got = model.speechLogit(window);
            singles[i] = (float) got;
            double deviation = Math.abs(got - want);
            maxDeviation = Math.max(maxDeviation, deviation);
            if (!(deviation <= TOL * Math.abs(want) + TOL)) {
                failures.add(e.get("file").asText() + " window " + e.path("window_index").asText("-")
                        + ": logit " + got + ", Keras " + want);
            }
            assertEquals(WindowClassifier.sigmoid((float) got), model.speechProbability(window), 1e-7f);
        }
        System.out.printf("seed model: max |logit - Keras| over %d windows = %.3g%n", entries.size(), maxDeviation);
        assertTrue(failures.isEmpty(), String.join("\n", failures));

        // The batch path gives the same logits as the single-window path.
        float[] logits = new float[entries.size()];
        model.speechLogits(batch, entries.size(), logits);
        assertArrayEquals(singles, logits, 1e-4f);
    }

    @Test
    void importedModelIsTheOriginalArchitecture() {
        MultiLayerNetwork net = KerasModelImport.importNetwork(Shared.seedModel());
        assertEquals(25_921, net.numParams());
        assertEquals(11, net.getnLayers()); // 3 x (conv, batch norm, pool), dense, dense
    }

    /**
     * The trap DESIGN warns about, isolated: Keras 'same' pooling of a row [1, 1, 5, 1] with a
     * 1x3 kernel and stride 2 pads one cell on the right only, windows {0,1,2} and {2,3}, giving
     * [5, 5]; a symmetric (left) padding would give [1, 5].
     */
    @Test
    void sameMaxPoolingPadsBottomRightLikeKeras() {
        NativeSetup.ensure();
        MultiLayerNetwork pool = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(3, 3).stride(2, 2).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(org.deeplearning4j.nn.conf.CNN2DFormat.NHWC).build())
                .setInputType(InputType.convolutional(4, 4, 1, org.deeplearning4j.nn.conf.CNN2DFormat.NHWC))
                .build());
        pool.init();
        float[] x = new float[16];
        java.util.Arrays.fill(x, 1);
        x[2] = 5;  // row 0 = [1, 1, 5, 1]
        x[8] = 7;  // column 0 = [1, 1, 7, 1]
        INDArray out = pool.output(Nd4j.create(x, new long[] {1, 4, 4, 1}, 'c'));
        assertArrayEquals(new long[] {1, 2, 2, 1}, out.shape());
        assertArrayEquals(new float[] {7, 5, 7, 1}, out.data().asFloat(), 0f,
                "windows rows {0,1,2},{2,3} x cols {0,1,2},{2,3}; padding at the start would give [1, 5, 7, 1]");
    }
}
