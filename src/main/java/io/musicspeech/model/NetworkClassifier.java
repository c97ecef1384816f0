package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import java.nio.FloatBuffer;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DL4J network (imported from Keras or built by {@link CnnFactory}) as a {@link WindowClassifier},
 * run by DL4J itself. Not the inference path: {@link JavaCnnClassifier} is (no per-call garbage,
 * ~25x lower p50 per window on the seed model). This class is its reference in the equivalence
 * tests and its fallback for a network with a layer the Java forward pass does not support
 * ({@link JavaCnnClassifier#orNetworkClassifier}).
 *
 * <p>Input convention, shared by every network here: channels-last {@code [n, frames, nMfcc, 1]},
 * as Keras had it. With one channel that is exactly the flat frame-major window layout, so a
 * window is copied in as is.
 *
 * <p>The classifier runs a private copy of the network whose last layer outputs the logit: a
 * trained network ends in sigmoid (DL4J trains binary cross-entropy that way), which is swapped
 * for identity in the copy, so logits stay exact where a float sigmoid saturates and the caller's
 * network is never modified (a trainer can wrap the network it is still training; the classifier
 * is a snapshot of its weights).
 *
 * <p>Allocation on a warm single-window call: our side allocates nothing (the input array, its
 * NIO view and the normalisation scratch are preallocated; the output goes to an ND4J workspace;
 * DL4J's inference workspaces hold the activations). What remains is inside ND4J 1.0.0-M2.1 and
 * cannot be switched off from here: measured ~360 KB of short-lived Java objects per call
 * (per op: output shape-info buffers malloc'd natively through JavaCPP, DeallocatorService
 * registrations keyed by freshly built strings, Pointer objects), the same with or without the
 * output workspace. Back to back (~600 calls/s) that means frequent young GCs, and JavaCPP forces
 * a full System.gc() when the process nears org.bytedeco.javacpp.maxphysicalbytes (0.2-0.7 s
 * pauses seen with -Xmx1g and a 1500M cap); at the live rate (4 windows/s) it is ~1.5 MB/s.
 * Not thread-safe.
 */
public final class NetworkClassifier implements WindowClassifier {

    /** Windows per forward pass in batch calls; larger batches are cut into chunks of this size. */
    public static final int MAX_BATCH = 256;

    private static final String OUTPUT_WORKSPACE = "MUSICSPEECH_OUTPUT";
    /** The output is count floats; the workspace learns its size on the first call and is reused after. */
    private static final WorkspaceConfiguration OUTPUT_WORKSPACE_CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final MultiLayerNetwork network;
    private final FeatureSpec spec;
    private final int contextWindows;
    /** Rows of one input: contextWindows x frames. */
    private final int inputFrames;
    private final double threshold;
    private final InputNormalisation normalisation;
    private final int windowSize;

    private final INDArray single;
    private final FloatBuffer singleView;
    private final float[] scratch;
    private INDArray batch;
    private FloatBuffer batchView;

    /**
     * @param network       an initialised network taking {@code [n, frames, nMfcc, 1]} and ending
     *                      in one unit with identity (a logit) or sigmoid activation; not modified
     * @param normalisation applied to each window before the network, or null for none
     * @throws IllegalArgumentException if the network does not have that shape or does not accept
     *                                  windows of {@code spec}
     */
    public NetworkClassifier(MultiLayerNetwork network, FeatureSpec spec, double threshold,
                             InputNormalisation normalisation) {
        this(network, spec, 1, threshold, normalisation);
    }

    /** A classifier whose inputs are {@code contextWindows} windows stacked along time; otherwise as above. */
    public NetworkClassifier(MultiLayerNetwork network, FeatureSpec spec, int contextWindows, double threshold,
                             InputNormalisation normalisation) {
        NativeSetup.ensure();
        if (contextWindows < 1) {
            throw new IllegalArgumentException("contextWindows must be >= 1, got " + contextWindows);
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (normalisation != null && normalisation.nMfcc() != spec.nMfcc()) {
            throw new IllegalArgumentException("normalisation has " + normalisation.nMfcc()
                    + " coefficients but the feature spec has n_mfcc=" + spec.nMfcc());
        }
        this.network = logitCopy(network);
        this.spec = spec;
        this.contextWindows = contextWindows;
        this.inputFrames = contextWindows * spec.frames();
        this.threshold = threshold;
        this.normalisation = normalisation;
        this.windowSize = contextWindows * spec.featureSize();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.single = Nd4j.create(DataType.FLOAT, 1, inputFrames, spec.nMfcc(), 1);
        }
        this.singleView = single.data().asNioFloat();
        this.scratch = normalisation == null ? null : new float[MAX_BATCH * windowSize];
        checkAccepts();
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public int contextWindows() {
        return contextWindows;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    /** The classifier's normalisation, or null. */
    public InputNormalisation normalisation() {
        return normalisation;
    }

    @Override
    public float speechLogit(float[] window) {
        if (window.length < windowSize) {
            throw new IllegalArgumentException("an input is " + inputFrames + " x " + spec.nMfcc() + " = "
                    + windowSize + " values, got " + window.length);
        }
        copyIn(window, 0, 1, singleView);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE_CONFIG, OUTPUT_WORKSPACE)) {
            return network.output(single, false, ws).getFloat(0);
        }
    }

    @Override
    public void speechLogits(float[] windows, int count, float[] out) {
        if (count < 0 || windows.length < (long) count * windowSize || out.length < count) {
            throw new IllegalArgumentException("need " + count + " windows of " + windowSize + " values and room for "
                    + count + " outputs; got " + windows.length + " values and " + out.length + " outputs");
        }
        for (int start = 0; start < count; start += MAX_BATCH) {
            int n = Math.min(MAX_BATCH, count - start);
            INDArray input;
            if (n == 1) {
                input = single;
                copyIn(windows, start * windowSize, 1, singleView);
            } else if (n == MAX_BATCH) {
                input = batchArray();
                copyIn(windows, start * windowSize, n, batchView);
            } else {
                // The tail of a batch call: one array of its size, allocated per call (amortised over the batch).
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    input = Nd4j.create(DataType.FLOAT, n, inputFrames, spec.nMfcc(), 1);
                }
                copyIn(windows, start * windowSize, n, input.data().asNioFloat());
            }
            try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE_CONFIG, OUTPUT_WORKSPACE)) {
                INDArray logits = network.output(input, false, ws);
                for (int i = 0; i < n; i++) {
                    out[start + i] = logits.getFloat(i);
                }
            }
        }
    }

    private INDArray batchArray() {
        if (batch == null) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                batch = Nd4j.create(DataType.FLOAT, MAX_BATCH, inputFrames, spec.nMfcc(), 1);
            }
            batchView = batch.data().asNioFloat();
        }
        return batch;
    }

    /** Copies {@code n} windows from {@code src[offset..]} into a native input buffer, normalising on the way. */
    private void copyIn(float[] src, int offset, int n, FloatBuffer dst) {
        int length = n * windowSize;
        dst.clear();
        if (normalisation == null) {
            dst.put(src, offset, length);
        } else {
            normalisation.apply(src, offset, scratch, 0, length);
            dst.put(scratch, 0, length);
        }
    }

    /** One forward pass on zeros: a network that cannot take this spec's windows fails here, not mid-stream. */
    private void checkAccepts() {
        float[] zeros = new float[windowSize];
        long[] shape;
        try {
            copyIn(zeros, 0, 1, singleView);
            shape = network.output(single, false).shape();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the network does not accept " + describeInput(spec, contextWindows)
                    + ": " + ModelFiles.reason(e), e);
        }
        if (shape.length != 2 || shape[0] != 1 || shape[1] != 1) {
            throw new IllegalArgumentException("the network outputs shape " + java.util.Arrays.toString(shape)
                    + " per window; one speech logit ([1, 1]) is expected");
        }
    }

    /** "windows of 11 frames x 13 coefficients (input [n, 11, 13, 1])", or with context "inputs of 4 windows x ...". */
    static String describeInput(FeatureSpec spec, int contextWindows) {
        int frames = contextWindows * spec.frames();
        String what = contextWindows == 1 ? "windows of " : "inputs of " + contextWindows + " windows x ";
        return what + spec.frames() + " frames x " + spec.nMfcc() + " coefficients (input [n, " + frames + ", "
                + spec.nMfcc() + ", 1])";
    }

    /**
     * A copy of {@code source} (configuration and parameters, no updater state) whose last layer
     * outputs the logit.
     */
    static MultiLayerNetwork logitCopy(MultiLayerNetwork source) {
        if (source.params() == null) {
            throw new IllegalArgumentException("the network is not initialised (call init() first)");
        }
        MultiLayerConfiguration conf = source.getLayerWiseConfigurations().clone();
        List<NeuralNetConfiguration> layers = conf.getConfs();
        Layer last = layers.get(layers.size() - 1).getLayer();
        if (!(last instanceof FeedForwardLayer head) || head.getNOut() != 1) {
            throw new IllegalArgumentException("the network must end in a dense layer with one unit (the speech logit); its last layer is "
                    + last.getClass().getSimpleName());
        }
        IActivation activation = ((BaseLayer) head).getActivationFn();
        if (activation instanceof ActivationSigmoid) {
            ((BaseLayer) head).setActivationFn(new ActivationIdentity());
        } else if (!(activation instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("the network's last layer has activation " + activation
                    + "; identity (a logit) or sigmoid is expected");
        }
        MultiLayerNetwork copy = new MultiLayerNetwork(conf);
        copy.init(source.params().dup(), false);
        return copy;
    }
}
