package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CnnFactoryTest {

    /** The project's own config (config/config.yaml with model/cnn.yaml). */
    private static final Config CONFIG = new ConfigLoader(Path.of("config")).load(List.of()).config();
    private static final FeatureSpec SPEC = CONFIG.featureSpec();

    private static MultiLayerNetwork build(ModelConfig model) {
        return CnnFactory.build(model, SPEC, CONFIG.train().seed(), CONFIG.train().learningRate());
    }

    @Test
    void sameParameterCountAsTheKerasModelAndOneOutputPerWindow() {
        MultiLayerNetwork net = build(CONFIG.model());
        assertEquals(25_921, net.numParams());
        assertEquals(KerasModelImport.importNetwork(Shared.seedModel()).numParams(), net.numParams());

        INDArray out = net.output(Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 5, SPEC.frames(), SPEC.nMfcc(), 1));
        assertArrayEquals(new long[] {5, 1}, out.shape());
    }

    /**
     * Strongest check of "layer for layer": the Keras weights loaded into the built network give
     * Keras' logits (same parameter order, same valid convolutions, same 'same' pooling, same flatten).
     */
    @Test
    void builtNetworkWithTheSeedWeightsReproducesKerasLogits() {
        MultiLayerNetwork keras = KerasModelImport.importNetwork(Shared.seedModel());
        MultiLayerNetwork built = build(CONFIG.model());
        built.setParams(keras.params());
        WindowClassifier classifier = new NetworkClassifier(built, SPEC, 0.7, null);
        for (JsonNode e : Shared.goldenEntries()) {
            double want = e.get("seed_model_logit").doubleValue();
            assertEquals(want, classifier.speechLogit(Shared.mfcc(e)), 1e-3 * Math.abs(want) + 1e-3, e.get("file").asText());
        }
    }

    @Test
    void classifierProbabilityIsTheTrainedSigmoidOutput() {
        MultiLayerNetwork net = build(CONFIG.model());
        WindowClassifier classifier = new NetworkClassifier(net, SPEC, 0.7, null);
        float[] window = randomWindows(1, 1L);
        float p = net.output(Nd4j.create(window, new long[] {1, SPEC.frames(), SPEC.nMfcc(), 1}, 'c')).getFloat(0);
        assertEquals(p, classifier.speechProbability(window), 1e-6f);
        assertTrue(net.getOutputLayer().conf().getLayer() instanceof BaseLayer b
                && b.getActivationFn().toString().equals("sigmoid"), "the caller's network keeps its sigmoid");
    }

    @Test
    void l2OnlyOnTheFirstConvolutionAndDropoutAddsNoParameters() {
        ModelConfig m = CONFIG.model();
        MultiLayerNetwork net = build(new ModelConfig(m.convFilters(), m.convKernels(), m.poolSizes(), m.poolStride(),
                m.l2(), m.denseUnits(), 0.3, m.normalise(), m.contextWindows()));
        assertEquals(25_921, net.numParams());
        assertEquals(1, ((BaseLayer) net.getLayer(0).conf().getLayer()).getRegularization().size());
        assertTrue(((BaseLayer) net.getLayer(3).conf().getLayer()).getRegularization().isEmpty());
    }

    @Test
    void learnsASeparableToyProblem() {
        MultiLayerNetwork net = CnnFactory.build(CONFIG.model(), SPEC, 7, 1e-2);
        int n = 64;
        float[] x = randomWindows(n, 3L);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            x[i * SPEC.featureSize()] += y[i] == 1 ? 20 : -20; // coefficient 0 of frame 0 tells the class
        }
        INDArray features = Nd4j.create(x, new long[] {n, SPEC.frames(), SPEC.nMfcc(), 1}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {n, 1}, 'c');
        for (int i = 0; i < 30; i++) {
            net.fit(features, labels);
        }
        WindowClassifier classifier = new NetworkClassifier(net, SPEC, 0.5, null);
        float[] p = new float[n];
        classifier.speechProbabilities(x, n, p);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += classifier.isSpeech(p[i]) == (y[i] == 1) ? 1 : 0;
        }
        assertTrue(right >= 60, right + " of " + n + " right after 30 steps");
    }

    @Test
    void aWindowTooSmallForTheBlocksNamesTheKeys() {
        FeatureSpec tenCoefficients = new FeatureSpec(22050, 5512, 10, 2048, 512, 128, 0, 11025, 80);
        UserError e = assertThrows(UserError.class, () -> CnnFactory.build(CONFIG.model(), tenCoefficients, 1, 1e-3));
        assertTrue(e.getMessage().startsWith("model.conv_kernels: block 3's 2x2 kernel does not fit the 2x1 feature map"),
                e.getMessage());
    }

    static float[] randomWindows(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[count * SPEC.featureSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return out;
    }
}
