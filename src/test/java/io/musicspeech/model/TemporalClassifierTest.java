package io.musicspeech.model;

import io.musicspeech.ThreadAllocation;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.NetworkDescription;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The temporal model's Java passes against DL4J's own forward pass of the two networks it is made
 * of, its stream against its stacked inputs, its bundle, and its cost: one encoder per window.
 */
class TemporalClassifierTest {
    private static final FeatureSpec SPEC = FeatureSpec.librosaDefault();
    private static final int CONTEXT = 4;
    private static final ModelConfig MODEL = new ModelConfig(List.of(16, 8), List.of(3, 3), List.of(3, 3), 2, 1e-3, 12, 0.1,
            true, CONTEXT, true, 10, 0.2, 0);

    @TempDir
    Path dir;

    private record Nets(MultiLayerNetwork window, MultiLayerNetwork head) {
    }

    private static Nets nets(long seed) {
        MultiLayerNetwork window = CnnFactory.build(MODEL, SPEC, seed, 1e-3);
        MultiLayerNetwork head = CnnFactory.buildHead(MODEL, MODEL.denseUnits(), seed + 1, 1e-3);
        JavaCnnClassifierTest.randomiseParameters(window, seed + 2);
        JavaCnnClassifierTest.randomiseParameters(head, seed + 3);
        // Small head weights: DL4J returns a probability, which saturates to 1 for large logits.
        for (int i = 0; i < head.getnLayers(); i++) {
            head.getLayer(i).paramTable().values().forEach(p -> p.muli(0.05));
        }
        return new Nets(window, head);
    }

    private static TemporalClassifier classifier(Nets nets, InputNormalisation normalisation) {
        return (TemporalClassifier) new ModelBundle(nets.window(), nets.head(), SPEC, CONTEXT, 0.5, normalisation, null).classifier();
    }

    /** DL4J: each window's hidden dense activations, concatenated, through the head; the logit of its probability. */
    private static double dl4jLogit(Nets nets, float[] windows, int offset) {
        return dl4jLogit(nets, windows, offset, CONTEXT);
    }

    /** DL4J's logit for the head over {@code context} windows from {@code offset}. */
    private static double dl4jLogit(Nets nets, float[] windows, int offset, int context) {
        NetworkDescription d = Dl4jNetworks.describe(nets.window(), SPEC.frames(), SPEC.nMfcc(), "windows");
        int embeddingLayer = TemporalClassifier.embeddingLayer(d).index();
        float[] concat = new float[context * MODEL.denseUnits()];
        for (int k = 0; k < context; k++) {
            INDArray in = Nd4j.create(Arrays.copyOfRange(windows, offset + k * SPEC.featureSize(), offset + (k + 1) * SPEC.featureSize()),
                    new long[] {1, SPEC.frames(), SPEC.nMfcc(), 1});
            INDArray hidden = nets.window().feedForwardToLayer(embeddingLayer, in, false).get(embeddingLayer + 1);
            System.arraycopy(hidden.dup().data().asFloat(), 0, concat, k * MODEL.denseUnits(), MODEL.denseUnits());
        }
        double p = nets.head().output(Nd4j.create(concat, new long[] {1, concat.length}), false).getDouble(0);
        return Math.log(p / (1 - p));
    }

    @Test
    void logitsEqualDl4jsForwardPassOfTheEncoderAndTheHead() {
        Nets nets = nets(5);
        TemporalClassifier classifier = classifier(nets, null);
        float[] inputs = CnnFactoryTest.randomWindows(CONTEXT * 40, 6L);
        double max = 0;
        double spread = 0;
        for (int i = 0; i < 40; i++) {
            float java = classifier.speechLogit(Arrays.copyOfRange(inputs, i * classifier.inputSize(), (i + 1) * classifier.inputSize()));
            double dl4j = dl4jLogit(nets, inputs, i * classifier.inputSize());
            max = Math.max(max, Math.abs(java - dl4j));
            spread = Math.max(spread, Math.abs(dl4j));
        }
        assertTrue(spread > 0.1 && spread < 12, "the logits should vary, unsaturated; largest |logit| " + spread);
        assertTrue(max <= 1e-4, "max |java - dl4j| = " + max);
    }

    @Test
    void aStreamEncodesEachWindowOnceAndDecidesAsTheStackedInputs() {
        TemporalClassifier classifier = classifier(nets(7), null);
        float[] windows = JavaCnnClassifierTest.mfccLikeWindows(20, 8L);
        int size = SPEC.featureSize();
        ContextStream stream = classifier.stream(1);
        float[] stacked = new float[classifier.inputSize()];
        for (int i = 0; i < 20; i++) {
            float streamed = stream.push(Arrays.copyOfRange(windows, i * size, (i + 1) * size), i > 0, true);
            for (int k = 0; k < CONTEXT; k++) {
                int source = Math.max(0, i - (CONTEXT - 1 - k)); // the first window stands in for the missing past
                System.arraycopy(windows, source * size, stacked, k * size, size);
            }
            assertEquals(classifier.speechProbability(stacked), streamed, 0f, "window " + i);
        }
    }

    @Test
    void aBundleKeepsTheHeadAndTheLevelFreeNormalisation() throws Exception {
        Nets nets = nets(9);
        float[] mean = new float[SPEC.nMfcc()];
        float[] std = new float[SPEC.nMfcc()];
        Arrays.fill(std, 3f);
        InputNormalisation norm = new InputNormalisation(mean, std, SPEC.frames());
        ModelBundle bundle = new ModelBundle(nets.window(), nets.head(), SPEC, CONTEXT, 0.6, norm, null);
        Path file = dir.resolve("temporal.zip");
        bundle.save(file);
        WindowClassifier loaded = ModelBundle.load(file).classifier();
        assertInstanceOf(TemporalClassifier.class, loaded);
        assertEquals(norm, ((TemporalClassifier) loaded).normalisation());
        float[] inputs = JavaCnnClassifierTest.mfccLikeWindows(CONTEXT * 5, 10L);
        float[] before = new float[5];
        float[] after = new float[5];
        bundle.classifier().speechLogits(inputs, 5, before);
        loaded.speechLogits(inputs, 5, after);
        assertTrue(Arrays.equals(before, after), Arrays.toString(before) + " vs " + Arrays.toString(after));
        // The level is centred away: a gain (a constant on coefficient 0) changes nothing.
        float[] louder = inputs.clone();
        for (int i = 0; i < louder.length; i += SPEC.nMfcc()) {
            louder[i] += 57.5f;
        }
        float[] gained = new float[5];
        loaded.speechLogits(louder, 5, gained);
        for (int i = 0; i < 5; i++) {
            assertEquals(after[i], gained[i], 1e-4f);
        }
    }

    @Test
    void aBundleKeepsTheOfflineHeadWhichDecidesWithItsLookAhead() {
        Nets nets = nets(13);
        MultiLayerNetwork offlineHead = nets(14).head();
        ModelBundle bundle = new ModelBundle(nets.window(), nets.head(), new ModelBundle.OfflineHead(offlineHead, 2, CONTEXT), SPEC, CONTEXT,
                0.5, null, null);
        Path file = dir.resolve("offline.zip");
        bundle.save(file);
        WindowClassifier live = ModelBundle.load(file).classifier();
        WindowClassifier offline = live.offline();
        assertTrue(live.lookAhead().isEmpty(), "the live head decides its newest window");
        assertEquals(2, offline.lookAhead().orElse(-1));
        assertEquals(2, ModelBundle.load(file).offlineHead().lookAhead());
        float[] inputs = CnnFactoryTest.randomWindows(CONTEXT * 10, 15L);
        for (int i = 0; i < 10; i++) {
            float[] input = Arrays.copyOfRange(inputs, i * live.inputSize(), (i + 1) * live.inputSize());
            assertEquals(dl4jLogit(nets, inputs, i * live.inputSize()), live.speechLogit(input), 1e-4, "live, input " + i);
            assertEquals(dl4jLogit(new Nets(nets.window(), offlineHead), inputs, i * live.inputSize()), offline.speechLogit(input),
                    1e-4, "offline, input " + i);
        }
        WindowClassifier plain = new ModelBundle(nets.window(), nets.head(), SPEC, CONTEXT, 0.5, null, null).classifier();
        assertSame(plain, plain.offline(), "without an offline head, segment uses the live one");
        assertThrows(IllegalArgumentException.class, () -> new ModelBundle(nets.window(), nets.head(),
                new ModelBundle.OfflineHead(offlineHead, CONTEXT, CONTEXT), SPEC, CONTEXT, 0.5, null, null), "a look-ahead beyond the context");
    }

    @Test
    void anOfflineHeadOverAContextOfItsOwnDecidesFromItsLastWindows() {
        Nets nets = nets(16);
        int own = CONTEXT - 1;
        MultiLayerNetwork offlineHead = CnnFactory.buildHead(MODEL, own, MODEL.denseUnits(), 17, 1e-3);
        JavaCnnClassifierTest.randomiseParameters(offlineHead, 18);
        for (int i = 0; i < offlineHead.getnLayers(); i++) {
            offlineHead.getLayer(i).paramTable().values().forEach(p -> p.muli(0.05));
        }
        Path file = dir.resolve("own-context.zip");
        new ModelBundle(nets.window(), nets.head(), new ModelBundle.OfflineHead(offlineHead, 1, own), SPEC, CONTEXT, 0.5, null, null)
                .save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(own, loaded.offlineHead().contextWindows());
        WindowClassifier live = loaded.classifier();
        WindowClassifier offline = live.offline();
        assertEquals(CONTEXT, live.contextWindows());
        assertEquals(own, offline.contextWindows());
        assertEquals(1, offline.lookAhead().orElse(-1));
        float[] inputs = CnnFactoryTest.randomWindows(own * 6, 19L);
        for (int i = 0; i < 6; i++) {
            float[] input = Arrays.copyOfRange(inputs, i * offline.inputSize(), (i + 1) * offline.inputSize());
            assertEquals(dl4jLogit(new Nets(nets.window(), offlineHead), inputs, i * offline.inputSize(), own), offline.speechLogit(input),
                    1e-4, "offline, input " + i);
        }
    }

    @Test
    void aDecisionInAStreamAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = ThreadAllocation.counterOrSkip();
        TemporalClassifier classifier = classifier(nets(11), null);
        float[] window = Arrays.copyOf(JavaCnnClassifierTest.mfccLikeWindows(1, 12L), SPEC.featureSize());
        ContextStream stream = classifier.stream(2);
        for (int i = 0; i < 20_000; i++) {
            stream.push(window, true, true);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            stream.push(window, true, true);
        }
        assertEquals(0, threads.getCurrentThreadAllocatedBytes() - before, "bytes allocated by 1000 decisions");
    }
}
