package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.ThreadAllocation;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The Java forward pass against DL4J's ({@link NetworkClassifier}, the reference): same logits
 * within 1e-4 on the seed model and on randomly parameterised networks of other shapes, nothing
 * allocated per call, no ND4J object kept, unsupported layers named.
 */
class JavaCnnClassifierTest {

    private static final FeatureSpec SPEC = FeatureSpec.librosaDefault();
    private static final float TOL = 1e-4f;

    @Test
    void seedModelGivesDl4jLogitsOnTheGoldenWindows() {
        JsonNode entries = Shared.goldenEntries();
        MultiLayerNetwork keras = KerasModelImport.importNetwork(Shared.seedModel());
        JavaCnnClassifier java = new JavaCnnClassifier(keras, SPEC, 0.7, null);
        WindowClassifier dl4j = new NetworkClassifier(keras, SPEC, 0.7, null);

        int n = entries.size();
        float[] windows = new float[n * SPEC.featureSize()];
        float[] singles = new float[n];
        double maxVsDl4j = 0;
        double maxVsKeras = 0;
        for (int i = 0; i < n; i++) {
            float[] window = Shared.mfcc(entries.get(i));
            System.arraycopy(window, 0, windows, i * window.length, window.length);
            singles[i] = java.speechLogit(window);
            maxVsDl4j = Math.max(maxVsDl4j, Math.abs(singles[i] - dl4j.speechLogit(window)));
            maxVsKeras = Math.max(maxVsKeras, Math.abs(singles[i] - entries.get(i).get("seed_model_logit").doubleValue()));
            assertEquals(WindowClassifier.sigmoid(singles[i]), java.speechProbability(window), 0f);
        }
        System.out.printf("seed model, %d golden windows: max |java - dl4j| = %.3g, max |java - keras| = %.3g%n",
                n, maxVsDl4j, maxVsKeras);
        assertTrue(maxVsDl4j <= TOL, "max |java - dl4j| = " + maxVsDl4j);
        assertTrue(maxVsKeras <= 1e-3, "max |java - keras| = " + maxVsKeras);

        float[] batch = new float[n];
        java.speechLogits(windows, n, batch);
        assertEquals(Arrays.toString(singles), Arrays.toString(batch), "batch = singles, to the bit");
        assertEquals(0.7, java.threshold());
        assertEquals(SPEC, java.featureSpec());
    }

    /** Another CnnFactory shape, with dropout and normalisation, every parameter random (so pooling sees negatives). */
    @Test
    void randomNetworkOfAnotherConfigWithNormalisation() {
        ModelConfig config = new ModelConfig(List.of(16, 8), List.of(3, 2), List.of(2, 2), 2, 1e-3, 12, 0.2, true, 1);
        MultiLayerNetwork net = CnnFactory.build(config, SPEC, 5, 1e-3);
        randomiseParameters(net, 6L);
        float[] mean = new float[SPEC.nMfcc()];
        float[] std = new float[SPEC.nMfcc()];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = c == 0 ? -300 : 10f / (1 + c);
            std[c] = c == 0 ? 100 : 20f / (1 + c);
        }
        InputNormalisation norm = new InputNormalisation(mean, std);
        assertSameLogits(net, norm, mfccLikeWindows(300, 7L), "random [16, 8] network");
    }

    /** A context model: four windows stacked along time (44 x 13 input); both paths read the input the same way. */
    @Test
    void contextNetworkTakesStackedWindows() {
        ModelConfig config = new ModelConfig(List.of(16, 8), List.of(3, 3), List.of(3, 3), 2, 1e-3, 12, 0.0, false, 4);
        MultiLayerNetwork net = CnnFactory.build(config, SPEC, 8, 1e-3);
        randomiseParameters(net, 9L);
        float[] inputs = mfccLikeWindows(4 * 120, 10L);
        int n = 120;
        float[] java = new float[n];
        float[] dl4j = new float[n];
        JavaCnnClassifier classifier = new JavaCnnClassifier(net, SPEC, 4, 0.5, null);
        assertEquals(4, classifier.contextWindows());
        assertEquals(4 * SPEC.featureSize(), classifier.inputSize());
        classifier.speechLogits(inputs, n, java);
        new NetworkClassifier(net, SPEC, 4, 0.5, null).speechLogits(inputs, n, dl4j);
        for (int i = 0; i < n; i++) {
            assertEquals(dl4j[i], java[i], TOL * (1 + Math.abs(dl4j[i])), "input " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> classifier.speechLogit(new float[SPEC.featureSize()]),
                "one window is not a whole input");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JavaCnnClassifier(net, SPEC, 1, 0.5, null), "the network takes 44 frames, not 11");
        assertTrue(e.getMessage().contains("11 frames"), e.getMessage());
    }

    /**
     * The settings CnnFactory does not use but the Java pass claims: strided Same convolution,
     * explicit zero padding, batch norm with log10 std and locked gamma/beta, batch norm on the input,
     * after a pooling and after a dense layer, stride-1 Same pooling, an OutputLayer with sigmoid.
     */
    @Test
    void otherSupportedSettings() {
        NativeSetup.ensure();
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new BatchNormalization.Builder().dataFormat(nhwc).build())
                .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .dataFormat(nhwc).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().useLogStd(true).dataFormat(nhwc).build())
                .layer(new ConvolutionLayer.Builder(2, 2).padding(1, 1).nOut(5).convolutionMode(ConvolutionMode.Truncate)
                        .dataFormat(nhwc).activation(Activation.IDENTITY).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).dataFormat(nhwc).build())
                .layer(new BatchNormalization.Builder().lockGammaBeta(true).gamma(1.5).beta(-0.25).dataFormat(nhwc).build())
                .layer(new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(SPEC.frames(), SPEC.nMfcc(), 1, nhwc))
                .build());
        net.init();
        randomiseParameters(net, 8L);
        String plan = new JavaCnnClassifier(net, SPEC, 0.5, null).toString();
        assertTrue(plan.startsWith("JavaCnnClassifier[bn -> conv 3x3/2 Same 11x13x1->6x7x6 relu +bn -> conv 2x2/1 Truncate 6x7x6->7x8x5"
                + " -> maxpool 3x3/1 Same ->7x8x5 -> bn -> flatten -> dense 280->7 relu +bn -> dense 7->1"), plan);
        assertSameLogits(net, null, CnnFactoryTest.randomWindows(200, 9L), "random network with the other settings");
    }

    @Test
    void unsupportedLayersAreNamedAndFallBackToDl4j() {
        NativeSetup.ensure();
        MultiLayerNetwork avgPool = network(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .dataFormat(CNN2DFormat.NHWC).build());
        var e = assertThrows(io.musicspeech.model.net.UnsupportedLayerException.class,
                () -> new JavaCnnClassifier(avgPool, SPEC, 0.5, null));
        assertTrue(e.getMessage().startsWith("layer 1 (SubsamplingLayer"), e.getMessage());
        assertTrue(e.getMessage().contains("pooling type AVG is not supported"), e.getMessage());

        MultiLayerNetwork globalPool = network(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        var g = assertThrows(IllegalArgumentException.class, () -> new JavaCnnClassifier(globalPool, SPEC, 0.5, null));
        assertTrue(g.getMessage().startsWith("layer 1 (GlobalPoolingLayer"), g.getMessage());
        assertTrue(g.getMessage().contains("not supported"), g.getMessage());

        WindowClassifier fallback = JavaCnnClassifier.orNetworkClassifier(avgPool, SPEC, 1, 0.5, null);
        assertInstanceOf(NetworkClassifier.class, fallback);
        float p = fallback.speechProbability(new float[SPEC.featureSize()]);
        assertTrue(p > 0 && p < 1);
    }

    @Test
    void refusesWindowsTheNetworkCannotTakeAndBadArguments() {
        MultiLayerNetwork net = CnnFactory.build(ModelBundleTest.SMALL, SPEC, 1, 1e-3);
        FeatureSpec twentyCoefficients = new FeatureSpec(22050, 5512, 20, 2048, 512, 128, 0, 11025, 80);
        var e = assertThrows(IllegalArgumentException.class, () -> new JavaCnnClassifier(net, twentyCoefficients, 0.5, null));
        assertTrue(e.getMessage().startsWith("the network does not accept windows of 11 frames x 20 coefficients"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JavaCnnClassifier(net, SPEC, 1.5, null));
        JavaCnnClassifier c = new JavaCnnClassifier(net, SPEC, 0.5, null);
        assertThrows(IllegalArgumentException.class, () -> c.speechLogit(new float[SPEC.featureSize() - 1]));
        assertThrows(IllegalArgumentException.class, () -> c.speechLogits(new float[SPEC.featureSize()], 2, new float[2]));
    }

    /** Thread-allocated bytes over 1000 single calls and 1000 windows in batches: none. */
    @Test
    void allocatesNothingPerCall() {
        com.sun.management.ThreadMXBean threads = ThreadAllocation.counterOrSkip();
        MultiLayerNetwork net = CnnFactory.build(ModelBundleTest.SMALL, SPEC, 1, 1e-3);
        float[] mean = new float[SPEC.nMfcc()];
        float[] std = new float[SPEC.nMfcc()];
        Arrays.fill(std, 2f);
        WindowClassifier c = new JavaCnnClassifier(net, SPEC, 0.5, new InputNormalisation(mean, std));
        float[] windows = mfccLikeWindows(10, 11L);
        float[] window = Arrays.copyOf(windows, SPEC.featureSize());
        float[] out = new float[10];
        float sink = 0;
        for (int i = 0; i < 20_000; i++) { // past C2 compilation of the hot methods
            sink += c.speechProbability(window);
            c.speechProbabilities(windows, 10, out);
        }
        long overhead = measuringOverhead(threads);
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            sink += c.speechProbability(window);
            sink += c.speechLogit(window);
        }
        for (int i = 0; i < 100; i++) {
            c.speechProbabilities(windows, 10, out);
            c.speechLogits(windows, 10, out);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before - overhead;
        assertTrue(Float.isFinite(sink));
        assertEquals(0, allocated, "bytes allocated over 2000 single and 2000 batched windows");
    }

    private static long measuringOverhead(com.sun.management.ThreadMXBean threads) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long a = threads.getCurrentThreadAllocatedBytes();
            min = Math.min(min, threads.getCurrentThreadAllocatedBytes() - a);
        }
        return min;
    }

    /** Nothing reachable from the classifier is an ND4J or DL4J object: parameters were copied out. */
    @Test
    void keepsNoNd4jObjects() throws IllegalAccessException {
        MultiLayerNetwork net = CnnFactory.build(ModelBundleTest.SMALL, SPEC, 1, 1e-3);
        float[] ones = new float[SPEC.nMfcc()];
        Arrays.fill(ones, 1f);
        Object classifier = new JavaCnnClassifier(net, SPEC, 0.5, new InputNormalisation(ones, ones));
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>(List.of(classifier));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            Class<?> type = o.getClass();
            assertTrue(!type.getName().startsWith("org.nd4j") && !type.getName().startsWith("org.deeplearning4j")
                    && !(o instanceof INDArray), "reachable: " + type.getName());
            if (type.isArray()) {
                if (!type.getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(o); i++) {
                        if (Array.get(o, i) != null) {
                            todo.push(Array.get(o, i));
                        }
                    }
                }
                continue;
            }
            if (!type.getName().startsWith("io.musicspeech")) {
                continue; // JDK values (String, boxed numbers, lists of step names)
            }
            for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object v = f.get(o);
                    if (v != null) {
                        todo.push(v);
                    }
                }
            }
        }
        assertTrue(seen.size() > 20, "walked " + seen.size() + " objects");
    }

    @Test
    void bundleAndKerasImportGiveTheJavaClassifier() {
        MultiLayerNetwork net = CnnFactory.build(ModelBundleTest.SMALL, SPEC, 1, 1e-3);
        assertInstanceOf(JavaCnnClassifier.class, new ModelBundle(net, SPEC, 0.5, null, null).classifier());
        assertInstanceOf(JavaCnnClassifier.class, KerasModelImport.load(Shared.seedModel(), SPEC, 0.7));
    }

    // ---- helpers ----

    /** Java vs DL4J on every window, within {@link #TOL}. */
    private static void assertSameLogits(MultiLayerNetwork net, InputNormalisation norm, float[] windows, String what) {
        int n = windows.length / SPEC.featureSize();
        float[] java = new float[n];
        float[] dl4j = new float[n];
        new JavaCnnClassifier(net, SPEC, 0.5, norm).speechLogits(windows, n, java);
        new NetworkClassifier(net, SPEC, 0.5, norm).speechLogits(windows, n, dl4j);
        double max = 0;
        double spread = 0;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(java[i] - dl4j[i]));
            spread = Math.max(spread, Math.abs(dl4j[i] - dl4j[0]));
            largest = Math.max(largest, Math.abs(dl4j[i]));
        }
        assertTrue(spread > 0.1, what + ": logits barely vary (" + spread + "); the comparison would be weak");
        System.out.printf("%s, %d windows: max |java - dl4j| = %.3g (logits up to %.3g)%n", what, n, max, largest);
        assertTrue(max <= TOL, what + ": max |java - dl4j| = " + max + " (largest |logit| " + largest + ")");
    }

    /** Every parameter uniform in [-1, 1), variances (and log10 stds) kept sensible. */
    static void randomiseParameters(MultiLayerNetwork net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            for (var entry : net.getLayer(i).paramTable().entrySet()) {
                INDArray p = entry.getValue();
                float[] v = new float[(int) p.length()];
                for (int j = 0; j < v.length; j++) {
                    double u = rnd.nextDouble();
                    v[j] = (float) switch (entry.getKey()) {
                        case "var" -> 0.2 + u;
                        case "log10stdev" -> u - 0.5;
                        default -> 2 * u - 1;
                    };
                }
                p.assign(Nd4j.create(v, p.shape(), 'c'));
            }
        }
    }

    /** count windows with MFCC-like scales (coefficient 0 around -300, the others within tens). */
    static float[] mfccLikeWindows(int count, long seed) {
        return mfccLikeWindows(SPEC, count, seed);
    }

    /** The same for the given feature spec's window shape. */
    static float[] mfccLikeWindows(FeatureSpec spec, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[count * spec.featureSize()];
        for (int i = 0; i < out.length; i++) {
            int c = i % spec.nMfcc();
            double u = 2 * rnd.nextDouble() - 1;
            out[i] = (float) (c == 0 ? -300 + 100 * u : 30.0 / (1 + c) * u);
        }
        return out;
    }

    /** input -> conv -> {@code layer} -> dense -> output: a network with one layer in question. */
    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer layer) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).dataFormat(CNN2DFormat.NHWC).activation(Activation.RELU).build())
                .layer(layer)
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(SPEC.frames(), SPEC.nMfcc(), 1, CNN2DFormat.NHWC))
                .build());
        net.init();
        return net;
    }
}
