package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;
import io.musicspeech.model.net.Layer;
import io.musicspeech.model.net.NetworkDescription;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plain-Java Adam for a temporal head ({@link CnnFactory#buildHead}): the last
 * context's embeddings (as many as the head takes) in one vector -> dense relu -> [inverted dropout] -> one
 * logit, binary cross-entropy on the logit. It is {@link TrainerHead}, the end of the window
 * network's trainer, with the embeddings as its input rows (one row per window of the context),
 * so both are the same arithmetic. One thread: the head is small.
 */
final class TemporalHeadTrainer {
    private final NetworkDescription read;
    private final TrainerHead head;
    private final int windows;
    private final int embedding;
    private final double learningRate;
    private final boolean dropout;
    private final double keep;
    private final SplittableRandom random;
    private final float[] hidden;
    private final float[][] one;
    private float[][] rows = new float[0][];
    private float[][] dRows;
    private int iteration;
    private TrainerHead best;

    /**
     * @param headNet the head as built (its initial parameters)
     * @throws IllegalArgumentException if the network is not a head of this config
     */
    TemporalHeadTrainer(NetworkDescription headNet, ModelConfig model, double learningRate, long seed) {
        List<Layer> layers = headNet.layers();
        this.embedding = model.denseUnits();
        int expected = model.headDropout() > 0 ? 3 : 2;
        if (!headNet.vectorInput() || layers.size() != expected || !(layers.get(0) instanceof Layer.Dense dense)
                || !(layers.get(expected - 1) instanceof Layer.Dense out)) {
            throw new IllegalArgumentException("not a temporal head of this model config: " + headNet.summary());
        }
        for (Layer layer : layers) {
            if (!layer.trainingIssues().isEmpty()) {
                throw new IllegalArgumentException("layer " + layer.index() + " of the head: " + layer.trainingIssues());
            }
        }
        // The head's own context: the live head's is model.context_windows, the offline head's may differ.
        this.windows = dense.inputs() / embedding;
        if (dense.inputs() % embedding != 0 || dense.outputs() != model.headUnits() || dense.activation() != Layer.Activation.RELU
                || out.outputs() != 1 || out.activation() != Layer.Activation.SIGMOID || !"xent".equals(out.loss())) {
            throw new IllegalArgumentException("not a temporal head of this model config: " + headNet.summary());
        }
        this.read = headNet;
        this.head = TrainerHead.from(dense, out, windows, embedding, 1);
        this.learningRate = learningRate;
        this.dropout = model.headDropout() > 0;
        this.keep = 1 - model.headDropout();
        this.random = new SplittableRandom(seed);
        this.hidden = new float[head.units];
        this.one = new float[windows][];
        this.dRows = new float[windows][embedding];
    }

    /** One Adam step on {@code count} inputs of {@code windows * embedding} values; returns the mean loss before it. */
    double fit(float[] x, float[] y, int count) {
        if (rows.length < count * windows) {
            rows = new float[count * windows][embedding];
            if (dropout) {
                head.masks = new float[count][head.units];
            }
        }
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < windows; k++) {
                System.arraycopy(x, (s * windows + k) * embedding, rows[s * windows + k], 0, embedding);
            }
        }
        head.reset();
        if (dropout) {
            float inv = (float) (1 / keep);
            for (int s = 0; s < count; s++) {
                float[] m = head.masks[s];
                for (int j = 0; j < m.length; j++) {
                    m[j] = random.nextDouble() < keep ? inv : 0f;
                }
            }
        }
        float scale = 1f / count;
        for (int s = 0; s < count; s++) {
            head.run(rows, s, y[s], scale, 0, dRows);
        }
        head.reduceGradients();
        iteration++;
        head.step(TrainerMath.Adam.alpha(learningRate, iteration));
        return head.loss() / count;
    }

    /** The logit of one input at the current parameters (no dropout). */
    float logit(float[] input) {
        for (int k = 0; k < windows; k++) {
            if (one[k] == null) {
                one[k] = new float[embedding];
            }
            System.arraycopy(input, k * embedding, one[k], 0, embedding);
        }
        float[][] saved = head.masks;
        head.masks = null;
        float z = head.logit(one, 0, hidden);
        head.masks = saved;
        return z;
    }

    void keepBest() {
        best = copy(head);
    }

    void restoreBest() {
        if (best != null) {
            for (int r = 0; r < head.inputs; r++) {
                System.arraycopy(best.w[r], 0, head.w[r], 0, head.units);
            }
            System.arraycopy(best.bias, 0, head.bias, 0, head.units);
            System.arraycopy(best.out, 0, head.out, 0, head.units);
            head.outBias[0] = best.outBias[0];
        }
    }

    /** The head as trained: the structure read, with the current parameters. */
    NetworkDescription description() {
        List<Layer> layers = new ArrayList<>();
        for (Layer layer : read.layers()) {
            if (layer instanceof Layer.Dense d && d.outputs() == 1) {
                layers.add(head.outputLayer(d));
            } else if (layer instanceof Layer.Dense d) {
                layers.add(head.hiddenLayer(d));
            } else {
                layers.add(layer);
            }
        }
        return new NetworkDescription(read.height(), read.width(), read.channels(), true, layers);
    }

    private static TrainerHead copy(TrainerHead h) {
        TrainerHead c = new TrainerHead(h.pixels, h.channels, h.units, 1);
        for (int r = 0; r < h.inputs; r++) {
            System.arraycopy(h.w[r], 0, c.w[r], 0, h.units);
        }
        System.arraycopy(h.bias, 0, c.bias, 0, h.units);
        System.arraycopy(h.out, 0, c.out, 0, h.units);
        c.outBias[0] = h.outBias[0];
        return c;
    }
}
