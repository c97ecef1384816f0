package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.ForwardPass;
import io.musicspeech.model.net.Layer;
import io.musicspeech.model.net.NetworkDescription;
import io.musicspeech.model.net.UnsupportedLayerException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.LoggerFactory;

/**
 * The inference path: a plain-Java forward pass ({@link ForwardPass}) of a trained network of the
 * {@link CnnFactory} family (or the Keras-imported seed model), with no ND4J at call time. The
 * network is read once into a {@link NetworkDescription} ({@link Dl4jNetworks}, where the layers it
 * supports are listed); the classifier keeps no reference to the network or to any ND4J array.
 * The last layer must have one unit; its sigmoid, if any, is dropped to give the logit. A network
 * that cannot take the spec's windows is refused with an IllegalArgumentException saying so (as
 * {@link NetworkClassifier} does); an unsupported layer with an {@link UnsupportedLayerException},
 * after which {@link #orNetworkClassifier} falls back to DL4J.
 *
 * <p>Calls allocate nothing: every step writes into arrays allocated at construction (a few tens
 * of KB for the seed model). Batch calls run the windows one by one: at this size a forward pass
 * fits in L1/L2 and there is no batching gain on one thread. Logits agree with
 * {@link NetworkClassifier} to ~1e-5 (summation order differs).
 *
 * <p><b>Not thread-safe</b> (the activation arrays are per instance): give each thread its own
 * classifier; they are cheap (the weights are copied, ~100 KB for the seed model).
 */
public final class JavaCnnClassifier implements WindowClassifier {

    private final FeatureSpec spec;
    private final int contextWindows;
    private final double threshold;
    private final InputNormalisation normalisation;
    private final int windowSize;
    private final float[][] input;
    private final float[] scratch;
    private final ForwardPass pass;

    /**
     * @param network       an initialised network taking {@code [n, frames, nMfcc, 1]} channels-last
     *                      and ending in one unit with identity (a logit) or sigmoid activation;
     *                      only read, here, never referenced afterwards
     * @param normalisation applied to each window before the network, or null for none
     * @throws UnsupportedLayerException naming the layer if a layer cannot be run in Java
     * @throws IllegalArgumentException  if the network does not accept windows of {@code spec},
     *                                   does not end in one unit, or the threshold or normalisation is invalid
     */
    public JavaCnnClassifier(MultiLayerNetwork network, FeatureSpec spec, double threshold,
                             InputNormalisation normalisation) {
        this(network, spec, 1, threshold, normalisation);
    }

    /**
     * A classifier whose inputs are {@code contextWindows} windows stacked along time (the network
     * takes {@code [n, contextWindows * frames, nMfcc, 1]}); otherwise as the constructor above.
     */
    public JavaCnnClassifier(MultiLayerNetwork network, FeatureSpec spec, int contextWindows, double threshold,
                             InputNormalisation normalisation) {
        this(describe(network, spec, contextWindows), spec, contextWindows, threshold, normalisation);
    }

    /** A classifier of a network already read: as the constructors above. */
    public JavaCnnClassifier(NetworkDescription network, FeatureSpec spec, int contextWindows, double threshold,
                             InputNormalisation normalisation) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (normalisation != null && normalisation.nMfcc() != spec.nMfcc()) {
            throw new IllegalArgumentException("normalisation has " + normalisation.nMfcc()
                    + " coefficients but the feature spec has n_mfcc=" + spec.nMfcc());
        }
        requireLogit(network);
        this.spec = spec;
        this.contextWindows = contextWindows;
        this.threshold = threshold;
        this.normalisation = normalisation;
        this.windowSize = contextWindows * spec.featureSize();
        this.pass = new ForwardPass(network, true);
        this.input = pass.mapInput();
        this.scratch = normalisation == null ? null : new float[windowSize];
    }

    /** The network read for windows of {@code spec}, {@code contextWindows} of them stacked. */
    static NetworkDescription describe(MultiLayerNetwork network, FeatureSpec spec, int contextWindows) {
        if (contextWindows < 1) {
            throw new IllegalArgumentException("contextWindows must be >= 1, got " + contextWindows);
        }
        return Dl4jNetworks.describe(network, contextWindows * spec.frames(), spec.nMfcc(),
                NetworkClassifier.describeInput(spec, contextWindows));
    }

    /** The network must end in a dense layer of one unit, identity (a logit) or sigmoid. */
    static void requireLogit(NetworkDescription network) {
        Layer last = network.layers().get(network.layers().size() - 1);
        if (!(last instanceof Layer.Dense d)) {
            throw new IllegalArgumentException("the network must end in a dense layer with one unit (the speech logit); its last layer is "
                    + NetworkDescription.describe(last));
        }
        if (d.outputs() != 1) {
            throw new IllegalArgumentException("the network must end in a dense layer with one unit (the speech logit); its last layer has "
                    + d.outputs() + " units");
        }
        if (d.activation() == Layer.Activation.RELU) {
            throw new IllegalArgumentException("the network's last layer has activation relu; identity (a logit) or sigmoid is expected");
        }
    }

    /**
     * A {@link JavaCnnClassifier} of {@code network}, or, if it has a layer the Java forward pass
     * does not support, a {@link NetworkClassifier} (DL4J: slower, allocating), with a warning.
     *
     * @throws IllegalArgumentException as the constructors, for anything but an unsupported layer
     */
    public static WindowClassifier orNetworkClassifier(MultiLayerNetwork network, FeatureSpec spec, int contextWindows,
                                                       double threshold, InputNormalisation normalisation) {
        try {
            return new JavaCnnClassifier(network, spec, contextWindows, threshold, normalisation);
        } catch (UnsupportedLayerException e) {
            LoggerFactory.getLogger(JavaCnnClassifier.class).warn(
                    "{}; running the network through DL4J instead (slower, allocates per call)", e.getMessage());
            return new NetworkClassifier(network, spec, contextWindows, threshold, normalisation);
        }
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

    /** The planned forward pass, one entry per step (batch norms fused into the step before them). */
    @Override
    public String toString() {
        return "JavaCnnClassifier[" + pass + "]";
    }

    @Override
    public float speechLogit(float[] window) {
        if (window.length < windowSize) {
            throw new IllegalArgumentException("an input is " + contextWindows + " x " + spec.frames() + " x " + spec.nMfcc()
                    + " = " + windowSize + " values, got " + window.length);
        }
        return forward(window, 0);
    }

    @Override
    public void speechLogits(float[] windows, int count, float[] out) {
        if (count < 0 || windows.length < (long) count * windowSize || out.length < count) {
            throw new IllegalArgumentException("need " + count + " windows of " + windowSize + " values and room for "
                    + count + " outputs; got " + windows.length + " values and " + out.length + " outputs");
        }
        for (int i = 0; i < count; i++) {
            out[i] = forward(windows, i * windowSize);
        }
    }

    private float forward(float[] windows, int offset) {
        float[] src = windows;
        int from = offset;
        if (normalisation != null) {
            // The very function training used, so the values are the same to the bit.
            normalisation.apply(windows, offset, scratch, 0, windowSize);
            src = scratch;
            from = 0;
        }
        float[][] in = input;
        for (int i = 0; i < windowSize; i++) {
            in[i][0] = src[from + i];
        }
        return pass.run()[0];
    }
}
