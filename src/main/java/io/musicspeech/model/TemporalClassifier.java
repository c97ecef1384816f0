package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.net.ForwardPass;
import io.musicspeech.model.net.Layer;
import io.musicspeech.model.net.NetworkDescription;
import java.util.OptionalInt;

/**
 * A per-window encoder and a temporal head over the last {@code contextWindows} embeddings: the
 * encoder (the window network up to its hidden dense layer) turns each window into an embedding
 * once, and the head decides from the embeddings of the window and those before it. In a stream
 * ({@link #stream}) a decision costs one window's encoder and the head, whatever the context.
 * The stacked-input calls of {@link WindowClassifier} encode every window of the input (for
 * callers that hold stacked inputs); they give the same logits.
 *
 * <p>Pure Java, allocation-free per call; <b>not thread-safe</b> (one instance per thread).
 */
public final class TemporalClassifier implements WindowClassifier {
    private final FeatureSpec spec;
    private final int contextWindows;
    private final double threshold;
    private final InputNormalisation normalisation;
    private final int embedding;
    private final ForwardPass encoder;
    private final ForwardPass head;
    private final float[][] encoderInput;
    private final float[] headInput;
    private final float[] scratch;
    private final String description;
    private final NetworkDescription encoderNet;
    private final Offline offline;
    private final int lookAhead;

    /**
     * A head for offline segmentation over the same encoder's last {@code contextWindows} embeddings:
     * its decision is about the window {@code lookAhead} places before the newest of them.
     */
    public record Offline(NetworkDescription head, int lookAhead, int contextWindows) {
    }

    /**
     * @param encoder       the window network up to (and including) the dense layer whose output is the embedding
     * @param head          a vector network taking {@code contextWindows} embeddings, oldest first, to one logit
     * @param normalisation applied to each window before the encoder, or null
     */
    public TemporalClassifier(NetworkDescription encoder, NetworkDescription head, FeatureSpec spec, int contextWindows,
                              double threshold, InputNormalisation normalisation) {
        this(encoder, head, null, spec, contextWindows, threshold, normalisation);
    }

    /** @param offline the offline head {@link #offline()} switches to, or null */
    public TemporalClassifier(NetworkDescription encoder, NetworkDescription head, Offline offline, FeatureSpec spec,
                              int contextWindows, double threshold, InputNormalisation normalisation) {
        this(encoder, head, offline, 0, spec, contextWindows, threshold, normalisation);
    }

    private TemporalClassifier(NetworkDescription encoder, NetworkDescription head, Offline offline, int lookAhead,
                               FeatureSpec spec, int contextWindows, double threshold, InputNormalisation normalisation) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0, 1], got " + threshold);
        }
        if (encoder.height() != spec.frames() || encoder.width() != spec.nMfcc()) {
            throw new IllegalArgumentException("the encoder takes " + encoder.height() + " x " + encoder.width()
                    + " windows, the features are " + spec.frames() + " x " + spec.nMfcc());
        }
        JavaCnnClassifier.requireLogit(head);
        this.spec = spec;
        this.contextWindows = contextWindows;
        this.threshold = threshold;
        this.normalisation = normalisation;
        this.encoderNet = encoder;
        this.offline = offline;
        this.lookAhead = lookAhead;
        this.encoder = new ForwardPass(encoder, false);
        this.head = new ForwardPass(head, true);
        this.embedding = this.encoder.outputs();
        if (head.height() * head.width() != contextWindows * embedding) {
            throw new IllegalArgumentException("the head takes " + head.height() * head.width() + " values, not "
                    + contextWindows + " embeddings of " + embedding);
        }
        this.encoderInput = this.encoder.mapInput();
        this.headInput = this.head.vectorInput();
        this.scratch = new float[spec.featureSize()];
        this.description = "encoder " + this.encoder + " => " + (lookAhead > 0 ? "offline head, " + lookAhead + " windows ahead, "
                : "head ") + "over " + contextWindows + " embeddings: " + this.head;
    }

    /** The same encoder under the offline head, if the model has one; else this classifier. */
    @Override
    public WindowClassifier offline() {
        return offline == null ? this
                : new TemporalClassifier(encoderNet, offline.head(), null, offline.lookAhead(), spec, offline.contextWindows(),
                threshold, normalisation);
    }

    @Override
    public OptionalInt lookAhead() {
        return lookAhead > 0 ? OptionalInt.of(lookAhead) : OptionalInt.empty();
    }

    /** The layer whose output the head reads, in the window network: its last hidden dense layer. */
    public static Layer.Dense embeddingLayer(NetworkDescription windowNetwork) {
        return windowNetwork.lastHidden();
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

    public InputNormalisation normalisation() {
        return normalisation;
    }

    /** The same encoder under another head over {@code windows} embeddings (for the benchmark of the context's cost). */
    public TemporalClassifier withHead(NetworkDescription otherHead, int windows) {
        return new TemporalClassifier(encoderNet, otherHead, spec, windows, threshold, normalisation);
    }

    /** Values in one window's embedding. */
    public int embeddingSize() {
        return embedding;
    }

    @Override
    public String toString() {
        return "TemporalClassifier[" + description + "]";
    }

    /** The embedding of one window ({@code features[offset..]}, frames x nMfcc) into {@code out[at..at + embedding)}. */
    public void encode(float[] features, int offset, float[] out, int at) {
        int size = spec.featureSize();
        float[] src = features;
        int from = offset;
        if (normalisation != null) {
            normalisation.apply(features, offset, scratch, 0, size);
            src = scratch;
            from = 0;
        }
        float[][] in = encoderInput;
        for (int i = 0; i < size; i++) {
            in[i][0] = src[from + i];
        }
        System.arraycopy(encoder.run(), 0, out, at, embedding);
    }

    /** The head's logit for {@code contextWindows} embeddings back to back in {@code embeddings}. */
    float headLogit(float[] embeddings) {
        System.arraycopy(embeddings, 0, headInput, 0, headInput.length);
        return head.run()[0];
    }

    @Override
    public float speechLogit(float[] window) {
        if (window.length < inputSize()) {
            throw new IllegalArgumentException("an input is " + contextWindows + " x " + spec.frames() + " x " + spec.nMfcc()
                    + " = " + inputSize() + " values, got " + window.length);
        }
        return stackedLogit(window, 0);
    }

    @Override
    public void speechLogits(float[] windows, int count, float[] out) {
        int size = inputSize();
        if (count < 0 || windows.length < (long) count * size || out.length < count) {
            throw new IllegalArgumentException("need " + count + " inputs of " + size + " values and room for " + count
                    + " outputs; got " + windows.length + " values and " + out.length + " outputs");
        }
        for (int i = 0; i < count; i++) {
            out[i] = stackedLogit(windows, i * size);
        }
    }

    private float stackedLogit(float[] windows, int offset) {
        for (int k = 0; k < contextWindows; k++) {
            encode(windows, offset + k * spec.featureSize(), headInput, k * embedding);
        }
        return head.run()[0];
    }

    /** Each window encoded once, its embedding kept for the decisions after it. */
    @Override
    public ContextStream stream(int hopsPerWindow) {
        ContextHistory history = new ContextHistory(contextWindows, hopsPerWindow, embedding);
        return (features, continues, decide) -> {
            encode(features, 0, history.next(continues), 0);
            if (!decide) {
                return Float.NaN;
            }
            history.assemble(headInput);
            return WindowClassifier.sigmoid(head.run()[0]);
        };
    }
}
