package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.ThreadAllocation;
import io.musicspeech.config.Config;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
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
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The Java trainer against DL4J (the reference): the same gradients and score on a minibatch,
 * the same parameters and running statistics after Adam steps with L2; it learns, is
 * deterministic, and refuses networks outside the CnnFactory family.
 */
class JavaCnnTrainerTest {

    /** The project's own config (config/config.yaml with model/cnn.yaml). */
    private static final Config CONFIG = new ConfigLoader(Path.of("config")).load(List.of()).config();
    private static final FeatureSpec SPEC11 = FeatureSpec.librosaDefault();
    /** 44 frames: 1 + 22016 / 512. */
    private static final FeatureSpec SPEC44 = new FeatureSpec(22050, 43 * 512, 13, 2048, 512, 128, 0, 11025, 80);

    @Test
    void gradientsMatchDl4jOn11Frames() {
        gradientsMatchDl4j(SPEC11);
    }

    @Test
    void gradientsMatchDl4jOn44Frames() {
        gradientsMatchDl4j(SPEC44);
    }

    private static void gradientsMatchDl4j(FeatureSpec spec) {
        ModelConfig model = variant(CONFIG.model(), 0, 0);
        MultiLayerNetwork net = CnnFactory.build(model, spec, 5, 1e-3);
        randomiseBatchNorm(net, 6L);
        int n = 16;
        float[] x = windows(n, spec, 7L);
        float[] y = labels(n);

        net.setInput(features(x, n, spec));
        net.setLabels(labelArray(y));
        net.computeGradientAndScore();
        double dl4jScore = net.score();
        Map<String, INDArray> dl4j = net.gradient().gradientForVariable();

        JavaCnnTrainer.Gradients java;
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, spec.frames(), spec.nMfcc(), 1e-3, 1, 1)) {
            java = trainer.gradients(x, y, n);
        }
        TreeSet<String> trainable = new TreeSet<>(dl4j.keySet());
        trainable.removeIf(k -> k.endsWith("_mean") || k.endsWith("_var")); // running statistics, no gradient
        assertEquals(trainable, new TreeSet<>(java.byKey().keySet()), "every trainable parameter has a gradient");

        String what = spec.frames() + " frames";
        System.out.printf(Locale.ROOT, "%s: score java %.7f dl4j %.7f%n", what, java.score(), dl4jScore);
        assertEquals(dl4jScore, java.score(), 1e-5 * dl4jScore, what + ": score");
        StringBuilder failures = new StringBuilder();
        for (String key : trainable) {
            // DL4J's gradient is the minibatch sum; its updater divides by the minibatch size
            float[] want = dl4j.get(key).dup('c').data().asFloat();
            for (int i = 0; i < want.length; i++) {
                want[i] /= n;
            }
            float[] got = java.byKey().get(key);
            Diff d = diff(got, want);
            System.out.printf(Locale.ROOT, "%s: %-8s |g| %.3e  |java - dl4j| / |g| %.2e  max elementwise %.2e (of max |g| %.2e)%n",
                    what, key, d.norm, d.relNorm, d.maxAbs, d.maxRef);
            if (!(d.norm > 0)) {
                failures.append(key).append(": all zero, the comparison would be weak; ");
            }
            if (!(d.relNorm <= 1e-3)) {
                failures.append(key).append(": relative error ").append(d.relNorm).append("; ");
            }
            if (!(d.maxAbs <= 1e-3 * d.maxRef)) {
                failures.append(key).append(": max elementwise difference ").append(d.maxAbs).append(" of max ")
                        .append(d.maxRef).append("; ");
            }
        }
        assertEquals("", failures.toString(), what);
    }

    /**
     * Same initial network, same minibatches: DL4J's {@code fit} and the trainer's Adam steps (with
     * the project's L2 and learning rate) give the same parameters and running statistics.
     */
    @Test
    void adamStepsWithTheProjectsL2MatchDl4j() {
        assertTrue(CONFIG.model().l2() > 0, "config/model/cnn.yaml has an L2 term");
        adamStepsMatchDl4j(CONFIG.model().l2(), SPEC11);
    }

    @Test
    void adamStepsOn44FramesMatchDl4j() {
        adamStepsMatchDl4j(CONFIG.model().l2(), SPEC44);
    }

    /** With the project's small L2 Adam barely sees it; here it dominates block 1's weight gradient. */
    @Test
    void adamStepsWithAStrongL2MatchDl4j() {
        adamStepsMatchDl4j(1.0, SPEC11);
    }

    private static void adamStepsMatchDl4j(double l2, FeatureSpec spec) {
        ModelConfig model = variant(CONFIG.model(), l2, 0);
        double lr = CONFIG.train().learningRate();
        MultiLayerNetwork net = CnnFactory.build(model, spec, 5, lr);
        randomiseBatchNorm(net, 8L);
        MultiLayerNetwork dl4j = net.clone();
        int n = 32;
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, spec.frames(), spec.nMfcc(), lr, 1, 1)) {
            for (int step = 1; step <= 3; step++) {
                float[] x = windows(n, spec, 100 + step);
                float[] y = labels(n);
                dl4j.fit(new DataSet(features(x, n, spec), labelArray(y)));
                trainer.fit(x, y, n);
                if (step == 1 || step == 3) {
                    MultiLayerNetwork java = net.clone();
                    trainer.copyTo(java);
                    assertSameParameters(java, dl4j, lr, spec.frames() + " frames, l2 " + l2 + ", after " + step + " step(s)");
                }
            }
        }
    }

    private static void assertSameParameters(MultiLayerNetwork java, MultiLayerNetwork dl4j, double lr, String what) {
        StringBuilder failures = new StringBuilder();
        for (var e : dl4j.paramTable().entrySet()) {
            String key = e.getKey();
            float[] want = e.getValue().dup('c').data().asFloat();
            float[] got = java.getParam(key).dup('c').data().asFloat();
            Diff d = diff(got, want);
            boolean running = key.endsWith("_mean") || key.endsWith("_var");
            // Adam moves a weight by about lr per step whatever its gradient's size, so lr is the scale of a
            // difference; weights whose gradient is near zero (|g| ~ 1e-6) see the gradients' float rounding
            // amplified to ~1e-2 lr over the first steps.
            double tolerance = running ? 1e-5 * Math.max(1, d.maxRef) : 5e-2 * lr;
            System.out.printf(Locale.ROOT, "%s: %-8s max |java - dl4j| %.2e (%s)%n", what, key, d.maxAbs,
                    running ? "running statistic" : String.format(Locale.ROOT, "%.2e lr", d.maxAbs / lr));
            if (!(d.maxAbs <= tolerance)) {
                failures.append(key).append(": ").append(d.maxAbs).append(" > ").append(tolerance).append("; ");
            }
        }
        assertEquals("", failures.toString(), what);
    }

    /** Dropout on, two threads: a few hundred steps separate a pattern from noise, read back by the classifier. */
    @Test
    void learnsASeparableProblem() {
        ModelConfig model = variant(CONFIG.model(), CONFIG.model().l2(), 0.2);
        MultiLayerNetwork net = CnnFactory.build(model, SPEC11, 7, 1e-3);
        int n = 256;
        int batch = 32;
        float[] x = windows(n, SPEC11, 3L);
        float[] y = new float[n];
        SplittableRandom rnd = new SplittableRandom(4L);
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextBoolean() ? 1 : 0;
            // a patch of frames 3..7 x coefficients 1..3 shifted by +-0.5: speech up, music down, in noise of +-1
            for (int f = 3; f < 8; f++) {
                for (int c = 1; c < 4; c++) {
                    x[i * SPEC11.featureSize() + f * SPEC11.nMfcc() + c] += y[i] == 1 ? 0.5f : -0.5f;
                }
            }
        }
        double first;
        double last = 0;
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, SPEC11.frames(), SPEC11.nMfcc(), 1e-3, 11, 2)) {
            float[] bx = new float[batch * SPEC11.featureSize()];
            float[] by = new float[batch];
            first = Double.NaN;
            for (int step = 0; step < 400; step++) {
                int from = (step % (n / batch)) * batch;
                System.arraycopy(x, from * SPEC11.featureSize(), bx, 0, bx.length);
                System.arraycopy(y, from, by, 0, batch);
                last = trainer.fit(bx, by, batch);
                if (step == 0) {
                    first = last;
                }
            }
            assertEquals(400, trainer.iterations());
            trainer.copyTo(net);
        }
        JavaCnnClassifier classifier = new JavaCnnClassifier(net, SPEC11, 0.5, null);
        float[] p = new float[n];
        classifier.speechProbabilities(x, n, p);
        int right = 0;
        for (int i = 0; i < n; i++) {
            right += classifier.isSpeech(p[i]) == (y[i] == 1) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "separable problem: loss %.3f -> %.3f, %d of %d right%n", first, last, right, n);
        assertTrue(right >= 0.98 * n, right + " of " + n + " right after 400 steps");
        assertTrue(last < first / 3, "loss " + first + " -> " + last);
    }

    /** Same seed and threads: the same parameters to the bit; one thread or two: the same to float rounding. */
    @Test
    void deterministicForASeedAndThreadCount() {
        ModelConfig model = variant(CONFIG.model(), CONFIG.model().l2(), 0.3);
        MultiLayerNetwork net = CnnFactory.build(model, SPEC11, 3, 1e-4);
        int n = 37; // not a multiple of the thread count
        float[] a = train(net, model, 2, 9L, n);
        assertArrayEquals(a, train(net, model, 2, 9L, n), "two runs, same seed, two threads");
        float[] one = train(net, model, 1, 9L, n);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - one[i]));
        }
        System.out.printf(Locale.ROOT, "one thread vs two: max parameter difference %.2e after 5 steps (lr 1e-4)%n", max);
        assertTrue(max <= 1e-5, "one thread vs two: " + max);
        float[] other = train(net, model, 2, 10L, n);
        assertTrue(!java.util.Arrays.equals(a, other), "another seed draws other dropout masks");

        try (JavaCnnTrainer t1 = new JavaCnnTrainer(net, variant(model, model.l2(), 0.3), 11, 13, 1e-4, 1, 1);
             JavaCnnTrainer t2 = new JavaCnnTrainer(net, variant(model, model.l2(), 0.3), 11, 13, 1e-4, 1, 2)) {
            float[] x = windows(n, SPEC11, 5L);
            var g1 = t1.gradients(x, labels(n), n);
            var g2 = t2.gradients(x, labels(n), n);
            assertEquals(g1.score(), g2.score(), 1e-6);
            for (String key : g1.byKey().keySet()) {
                Diff d = diff(g2.byKey().get(key), g1.byKey().get(key));
                assertTrue(d.relNorm <= 1e-5, key + ": one thread vs two, relative gradient difference " + d.relNorm);
            }
        }
    }

    /** Parameters after 5 steps on fixed minibatches (of {@code n} windows), flattened as DL4J's params(). */
    private static float[] train(MultiLayerNetwork net, ModelConfig model, int threads, long seed, int n) {
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, SPEC11.frames(), SPEC11.nMfcc(), 1e-4, seed, threads)) {
            for (int step = 0; step < 5; step++) {
                trainer.fit(windows(n, SPEC11, 20 + step), labels(n), n);
            }
            MultiLayerNetwork copy = net.clone();
            trainer.copyTo(copy);
            return copy.params().dup().data().asFloat();
        }
    }

    @Test
    void refusesNetworksOutsideTheFamily() {
        NativeSetup.ensure();
        ModelConfig oneBlock = new ModelConfig(List.of(4), List.of(3), List.of(2), 2, 0, 4, 0, false, 1);
        var maxPool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
        new JavaCnnTrainer(oneBlock(maxPool), oneBlock, 11, 13, 1e-3, 1, 1).close(); // the hand-built block is in the family

        var avgPool = new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .convolutionMode(ConvolutionMode.Same).dataFormat(CNN2DFormat.NHWC).build();
        assertRefused("layer 2 (SubsamplingLayer 'layer2'): pooling type AVG is not supported", oneBlock(avgPool), oneBlock, 11);
        assertRefused("layer 2 (GlobalPoolingLayer 'layer2'): this layer type is not supported",
                oneBlock(new GlobalPoolingLayer.Builder(PoolingType.MAX).build()), oneBlock, 11);

        ModelConfig model = variant(CONFIG.model(), CONFIG.model().l2(), 0);
        MultiLayerNetwork net = CnnFactory.build(model, SPEC11, 1, 1e-3);
        ModelConfig wider = new ModelConfig(List.of(32, 32, 32), model.convKernels(), model.poolSizes(), model.poolStride(),
                model.l2(), model.denseUnits(), 0, false, 1);
        assertRefused("layer 0 (conv 3x3/1 Truncate 11x13x1->9x11x64 relu): 1 -> 64 channels, not 1 -> 32 (model.conv_filters)",
                net, wider, 11);
        assertRefused("layer 0 (conv 3x3/1 Truncate 11x13x1->9x11x64 relu): regularization", net, variant(model, 0.5, 0), 11);
        assertRefused("layer 10 (dense 64->1): expected the dropout layer", net, variant(model, model.l2(), 0.2), 11);
        assertRefused("the network does not accept 44 x 13 windows: layer 9 flattens 1 x 1 x 32 but gets 5 x 1 x 32",
                net, model, 44);

        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, 11, 13, 1e-3, 1, 1)) {
            float[] x = new float[2 * 143];
            assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, new float[2], 0));
            assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, new float[2], 3));
            assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, new float[] {0, 2}, 2));
            assertThrows(IllegalArgumentException.class, () -> trainer.copyTo(oneBlock(maxPool)));
        }
        assertThrows(IllegalArgumentException.class, () -> new JavaCnnTrainer(net, model, 11, 13, 1e-3, 1, 0));
    }

    private static void assertRefused(String start, MultiLayerNetwork net, ModelConfig model, int height) {
        var e = assertThrows(IllegalArgumentException.class, () -> new JavaCnnTrainer(net, model, height, 13, 1e-3, 1, 1));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    /** conv 3x3 -> 4 relu -> batch norm -> {@code pool} -> dense 4 relu -> sigmoid XENT output, on 11 x 13 NHWC. */
    private static MultiLayerNetwork oneBlock(org.deeplearning4j.nn.conf.layers.Layer pool) {
        CNN2DFormat nhwc = CNN2DFormat.NHWC;
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Truncate).dataFormat(nhwc)
                        .activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().useLogStd(false).dataFormat(nhwc).build())
                .layer(pool)
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(11, 13, 1, nhwc))
                .build());
        net.init();
        return net;
    }

    /** Thread-allocated bytes over 50 steps on one thread, once the buffers have grown: none. */
    @Test
    void allocatesNothingPerStep() {
        com.sun.management.ThreadMXBean threads = ThreadAllocation.counterOrSkip();
        ModelConfig model = variant(CONFIG.model(), CONFIG.model().l2(), 0.2);
        MultiLayerNetwork net = CnnFactory.build(model, SPEC11, 3, 1e-4);
        int n = 16;
        float[] x = windows(n, SPEC11, 1L);
        float[] y = labels(n);
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(net, model, SPEC11.frames(), SPEC11.nMfcc(), 1e-4, 1, 1)) {
            double sink = 0;
            for (int i = 0; i < 300; i++) { // past C2 compilation of the hot methods
                sink += trainer.fit(x, y, i % 2 == 0 ? n : n / 2);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50; i++) {
                sink += trainer.fit(x, y, i % 2 == 0 ? n : n / 2);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(Double.isFinite(sink));
            assertTrue(allocated < 1024, allocated + " bytes allocated over 50 steps"); // the measuring itself may allocate a little
        }
    }

    /**
     * Milliseconds per sample per step at minibatch 32, the trainer against DL4J's {@code fit}, for
     * 11 and 44 frames; opt-in: {@code mvn -o test -Dtest=JavaCnnTrainerTest#benchmark -Dtrainer.bench=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "trainer.bench", matches = "true")
    void benchmark() {
        ModelConfig model = CONFIG.model();
        int batch = 32;
        for (FeatureSpec spec : List.of(SPEC11, SPEC44)) {
            MultiLayerNetwork net = CnnFactory.build(model, spec, 1, 1e-4);
            int steps = spec.frames() == 11 ? 1000 : 300;
            for (int threads = 1; threads <= 2; threads++) {
                double best = Double.MAX_VALUE;
                for (int rep = 0; rep < 3; rep++) {
                    best = Math.min(best, JavaCnnTrainer.secondsPerSample(net, model, spec.frames(), spec.nMfcc(), batch,
                            threads, 300, steps));
                }
                System.out.printf(Locale.ROOT, "java  %d frames, batch %d, %d thread(s): %.3f ms per sample per step%n",
                        spec.frames(), batch, threads, best * 1e3);
            }
            DataSet data = new DataSet(features(windows(batch, spec, 2L), batch, spec), labelArray(labels(batch)));
            for (int i = 0; i < 30; i++) {
                net.fit(data);
            }
            int dl4jSteps = spec.frames() == 11 ? 100 : 30;
            long t = System.nanoTime();
            for (int i = 0; i < dl4jSteps; i++) {
                net.fit(data);
            }
            System.out.printf(Locale.ROOT, "dl4j  %d frames, batch %d, %s: %.3f ms per sample per step%n", spec.frames(), batch,
                    NativeSetup.describe(), (System.nanoTime() - t) / 1e6 / dl4jSteps / batch);
        }
    }

    // ---- helpers ----

    /** {@code base} with the given L2 and dropout. */
    static ModelConfig variant(ModelConfig base, double l2, double dropout) {
        return new ModelConfig(base.convFilters(), base.convKernels(), base.poolSizes(), base.poolStride(), l2,
                base.denseUnits(), dropout, base.normalise(), base.contextWindows());
    }

    /** Batch-norm gamma in [-1.5, 1.5] (some negative: pooling then picks the smallest activation), beta in [-0.5, 0.5]. */
    static void randomiseBatchNorm(MultiLayerNetwork net, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            for (var e : net.getLayer(i).paramTable().entrySet()) {
                double span = switch (e.getKey()) {
                    case "gamma" -> 3;
                    case "beta" -> 1;
                    default -> 0;
                };
                if (span > 0) {
                    INDArray p = e.getValue();
                    float[] v = new float[(int) p.length()];
                    for (int j = 0; j < v.length; j++) {
                        v[j] = (float) ((rnd.nextDouble() - 0.5) * span);
                    }
                    p.assign(Nd4j.create(v, p.shape(), 'c'));
                }
            }
        }
    }

    static float[] windows(int count, FeatureSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] out = new float[count * spec.featureSize()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return out;
    }

    static float[] labels(int count) {
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            y[i] = (i * 7 + i / 3) % 2;
        }
        return y;
    }

    static INDArray features(float[] x, int n, FeatureSpec spec) {
        return Nd4j.create(x, new long[] {n, spec.frames(), spec.nMfcc(), 1}, 'c');
    }

    static INDArray labelArray(float[] y) {
        return Nd4j.create(y, new long[] {y.length, 1}, 'c');
    }

    record Diff(double norm, double relNorm, double maxAbs, double maxRef) {
    }

    static Diff diff(float[] got, float[] want) {
        assertEquals(want.length, got.length);
        double dd = 0;
        double ww = 0;
        double maxAbs = 0;
        double maxRef = 0;
        for (int i = 0; i < want.length; i++) {
            double d = got[i] - want[i];
            dd += d * d;
            ww += (double) want[i] * want[i];
            maxAbs = Math.max(maxAbs, Math.abs(d));
            maxRef = Math.max(maxRef, Math.abs(want[i]));
        }
        return new Diff(Math.sqrt(ww), Math.sqrt(dd / ww), maxAbs, maxRef);
    }
}
