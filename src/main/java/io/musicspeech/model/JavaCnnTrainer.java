package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.Layer;
import io.musicspeech.model.net.NetworkDescription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The training path: plain-Java forward, backward and Adam for the {@link CnnFactory} family,
 * about ten times faster than DL4J's {@code MultiLayerNetwork.fit} on these small networks (one
 * thread, minibatch 32: ~0.12 vs ~1.4 ms per 11 x 13 window per step; see the opt-in
 * {@code JavaCnnTrainerTest#benchmark}). DL4J stays the model format: the trainer reads an
 * initialised network's parameters, trains its own {@code float[]} copies, and
 * {@link #copyTo writes them back} (weights and batch-norm running statistics; the network's own
 * updater state is left as it was).
 *
 * <p><b>The family</b> (anything else is refused with an IllegalArgumentException naming the
 * layer), input {@code [n, height, width, 1]} channels-last, for every block of the model config:
 * <ul>
 *   <li>{@code ConvolutionLayer} NHWC, k x k, stride 1, Truncate (no padding), relu, bias; an L2
 *       regularization only on block 0's W and only with DL4J coefficient {@code 2 * model.l2}
 *       (Keras' coefficient, as CnnFactory sets it: gradient += 2 l2 W);</li>
 *   <li>{@code BatchNormalization} NHWC, variance stored, gamma/beta trained: batch statistics over
 *       {@code n * H * W} per channel (biased variance) in training; running statistics updated
 *       as DL4J does, {@code r = decay r + (1 - decay) batch} with the <i>biased</i> batch variance
 *       (found by experiment on 1.0.0-M2.1); eps and decay read from the layer;</li>
 *   <li>{@code SubsamplingLayer} MAX NHWC, p x p, stride {@code model.poolStride}, Same: out =
 *       ceil(in / stride), padding split as TF with the odd cell bottom/right, padded cells take no
 *       part; a tie sends the gradient to the first maximal cell in row-major order, as libnd4j
 *       (ties happen in practice between relu zeros, where the choice changes no gradient);</li>
 * </ul>
 * then flatten (NHWC order) -> {@code DenseLayer} relu -> {@code DropoutLayer} (only if
 * {@code model.dropout > 0}; inverted dropout, masks from a generator seeded with {@code seed},
 * not DL4J's masks) -> {@code OutputLayer} one unit, sigmoid, XENT, trained as BCE on the logit
 * (DL4J's XENT clips the sigmoid output to [1e-5, 1 - 1e-5], LossBinaryXENT's default, so the two
 * can differ only once |logit| > ~11.5).
 * No weight noise, gradient normalization or other regularization anywhere. The network's
 * updater configuration is not read: the trainer runs Adam(learningRate, 0.9, 0.999, 1e-7),
 * CnnFactory's, with DL4J's bias correction ({@code alpha_t = lr sqrt(1 - beta2^t) / (1 - beta1^t)},
 * epsilon uncorrected) on conv W/b, gamma/beta and the dense and output W/b, gradients being
 * minibatch means as in DL4J.
 *
 * <p>JavaCnnTrainerTest proves the equivalences with DL4J, for 11- and 44-frame windows: every
 * parameter's gradient (within ~2e-5 relative) and the score on a minibatch; the parameters
 * (within ~2e-2 lr, float rounding that Adam amplifies where a gradient is near zero) and running
 * statistics (within ~3e-7) after Adam steps with L2.
 *
 * <p><b>Threads.</b> Each minibatch's samples are split over {@code threads} fixed parts (a pool
 * owned by the trainer, part 0 on the caller), layer by layer, with the batch-norm statistics and
 * the gradients summed part by part in a fixed order: a run is deterministic for a given seed and
 * thread count; different thread counts agree to float rounding. {@code threads = 1} runs on the
 * calling thread, no pool. {@link #close()} stops the pool (its threads are daemons).
 *
 * <p>Buffers are allocated at construction and grown when a larger minibatch arrives; a step
 * allocates nothing per sample. <b>Not thread-safe.</b>
 */
public final class JavaCnnTrainer implements AutoCloseable {

    private final int height;
    private final int width;
    private final int windowSize;
    private final double learningRate;
    /** The network as read: its structure (and layer indices) for {@link #description()}. */
    private final NetworkDescription read;
    private final boolean dropout;
    private final double keep;
    private final TrainerBlock[] blocks;
    private final TrainerHead head;
    private final TrainerWorkers workers;
    private final SplittableRandom random;
    private float[][] inputRows;
    private int capacity;
    private int iteration;

    // the minibatch in flight, read by the phase jobs
    private float[] batchInputs;
    private float[] batchLabels;
    private float batchScale;

    private final TrainerWorkers.Job[] forwardJobs;
    private final TrainerWorkers.Job headJob;
    private final TrainerWorkers.Job[] backwardJobs;

    /**
     * Reads the initialised network's parameters.
     *
     * @param network      an initialised network of the CnnFactory family built with {@code model}; only read
     * @param height       window frames (the network's input height)
     * @param width        coefficients per frame (the network's input width)
     * @param learningRate Adam's learning rate
     * @param seed         seeds the dropout masks
     * @param threads      parts each minibatch is split into (threads used), >= 1
     * @throws IllegalArgumentException naming the layer if the network is outside the family or does not
     *                                  match {@code model}, or if it does not take {@code height x width} windows
     */
    public JavaCnnTrainer(MultiLayerNetwork network, ModelConfig model, int height, int width, double learningRate,
                          long seed, int threads) {
        this(describe(network, height, width), model, learningRate, seed, threads);
    }

    private static NetworkDescription describe(MultiLayerNetwork network, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("window must be at least 1 x 1, got " + height + " x " + width);
        }
        return Dl4jNetworks.describe(network, height, width, height + " x " + width + " windows");
    }

    /**
     * Takes the parameters of a network already read (its {@link NetworkDescription}).
     *
     * @throws IllegalArgumentException naming the layer if the network is outside the family or does not match {@code model}
     */
    public JavaCnnTrainer(NetworkDescription network, ModelConfig model, double learningRate, long seed, int threads) {
        int height = network.height();
        int width = network.width();
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("window must be at least 1 x 1, got " + height + " x " + width);
        }
        this.height = height;
        this.width = width;
        this.windowSize = height * width;
        this.learningRate = learningRate;
        this.dropout = model.dropout() > 0;
        this.keep = 1 - model.dropout();
        this.random = new SplittableRandom(seed);

        Reader reader = new Reader(network, model, threads);
        this.blocks = reader.blocks;
        this.head = reader.head;
        this.read = network;

        int n = blocks.length;
        forwardJobs = new TrainerWorkers.Job[n];
        backwardJobs = new TrainerWorkers.Job[n];
        forwardJobs[0] = (part, from, to) -> {
            for (int s = from; s < to; s++) {
                loadInput(s);
                blocks[0].forward(inputRows, s, part);
            }
        };
        for (int b = 1; b < n; b++) {
            TrainerBlock prev = blocks[b - 1];
            TrainerBlock cur = blocks[b];
            forwardJobs[b] = (part, from, to) -> {
                for (int s = from; s < to; s++) {
                    prev.normaliseAndPool(s, part);
                    cur.forward(prev.pooled, s, part);
                }
            };
        }
        TrainerBlock last = blocks[n - 1];
        headJob = (part, from, to) -> {
            for (int s = from; s < to; s++) {
                last.normaliseAndPool(s, part);
                head.run(last.pooled, s, batchLabels[s], batchScale, part, last.parts[part].dPooled);
                last.poolBackward(s, part);
            }
        };
        for (int b = 0; b < n; b++) {
            TrainerBlock cur = blocks[b];
            TrainerBlock prev = b == 0 ? null : blocks[b - 1];
            backwardJobs[b] = (part, from, to) -> {
                float[][] in = prev == null ? inputRows : prev.pooled;
                for (int s = from; s < to; s++) {
                    cur.backward(in, s, part, prev);
                }
            };
        }
        this.workers = new TrainerWorkers(threads, "cnn-trainer");
    }

    /**
     * One Adam step on a minibatch.
     *
     * @param inputs {@code count} windows of {@code height * width} floats back to back, frame-major
     * @param labels per window 1 (speech) or 0 (music); values in between are taken as soft targets
     * @return the minibatch's mean binary cross-entropy before the step (no L2 term)
     */
    public double fit(float[] inputs, float[] labels, int count) {
        double score = pass(inputs, labels, count);
        iteration++;
        float alpha = TrainerMath.Adam.alpha(learningRate, iteration);
        for (TrainerBlock b : blocks) {
            b.step(alpha);
        }
        head.step(alpha);
        return score;
    }

    /** Adam steps taken so far. */
    public int iterations() {
        return iteration;
    }

    /**
     * Writes the current weights and batch-norm running statistics into {@code network}, which must
     * have the structure of the network read (for example that network itself, or a clone of it).
     */
    public void copyTo(MultiLayerNetwork network) {
        if (network.params() == null || network.getnLayers() != read.layers().get(read.layers().size() - 1).index() + 1) {
            throw new IllegalArgumentException("the network does not have the structure of the one the trainer read ("
                    + read.summary() + ", initialised)");
        }
        Dl4jNetworks.write(description(), network);
    }

    /** The network as trained so far: the structure read, with the current parameters (copies). */
    public NetworkDescription description() {
        List<Layer> layers = new ArrayList<>();
        int block = 0;
        for (Layer layer : read.layers()) {
            if (layer instanceof Layer.Conv c) {
                TrainerBlock t = blocks[block];
                layers.add(new Layer.Conv(c.index(), c.mode(), c.rows(), c.cols(), c.inChannels(), c.outChannels(), c.activation(),
                        TrainerMath.copy(t.w), t.bias.clone(), c.hasBias(), c.l2(), c.trainingIssues()));
            } else if (layer instanceof Layer.BatchNorm b) {
                TrainerBlock t = blocks[block++];
                layers.add(new Layer.BatchNorm(b.index(), b.channels(), t.gamma.clone(), t.beta.clone(), t.runMean.clone(),
                        t.runVar.clone(), b.eps(), b.decay(), b.trainingIssues()));
            } else if (layer instanceof Layer.Dense d && d.outputs() == 1 && d.index() == read.layers().get(read.layers().size() - 1).index()) {
                layers.add(head.outputLayer(d));
            } else if (layer instanceof Layer.Dense d) {
                layers.add(head.hiddenLayer(d));
            } else {
                layers.add(layer);
            }
        }
        return new NetworkDescription(read.height(), read.width(), read.channels(), read.vectorInput(), layers);
    }

    /** Stops the worker threads (none with one thread); idempotent. */
    @Override
    public void close() {
        workers.close();
    }

    // ---- package-private: tests and benchmarks ----

    /** A minibatch's gradients by DL4J parameter key ({@code "0_W"}, ...), in DL4J's layout, and its mean loss. */
    record Gradients(Map<String, float[]> byKey, double score) {
    }

    /**
     * The gradients of the mean loss on a minibatch at the current parameters, without a step: as
     * DL4J's {@code computeGradientAndScore} divided by the minibatch size (DL4J divides before its
     * updater), without the L2 term. Running statistics are not updated; dropout masks are drawn.
     */
    Gradients gradients(float[] inputs, float[] labels, int count) {
        double score = pass(inputs, labels, count);
        Map<String, float[]> g = new LinkedHashMap<>();
        int b = 0;
        List<Layer> layers = read.layers();
        Layer.Dense output = (Layer.Dense) layers.get(layers.size() - 1);
        for (Layer layer : layers) {
            if (layer instanceof Layer.Conv c) {
                TrainerBlock block = blocks[b];
                g.put(c.index() + "_W", block.toDl4j(block.weightGradient()));
                g.put(c.index() + "_b", block.biasGradient().clone());
            } else if (layer instanceof Layer.BatchNorm n) {
                TrainerBlock block = blocks[b++];
                g.put(n.index() + "_gamma", block.gGamma.clone());
                g.put(n.index() + "_beta", block.gBeta.clone());
            } else if (layer instanceof Layer.Dense d && d != output) {
                g.put(d.index() + "_W", Dl4jNetworks.flat(head.parts[0].gW));
                g.put(d.index() + "_b", head.parts[0].gBias.clone());
            }
        }
        g.put(output.index() + "_W", head.parts[0].gOut.clone());
        g.put(output.index() + "_b", head.parts[0].gOutBias.clone());
        return new Gradients(g, score);
    }

    /**
     * Seconds per sample per training step on random windows and labels: {@code warmup} steps
     * (JIT) then {@code steps} timed ones at minibatch {@code batch}. Trains a copy of
     * {@code network}'s parameters; the network is not changed.
     */
    static double secondsPerSample(MultiLayerNetwork network, ModelConfig model, int height, int width, int batch,
                                   int threads, int warmup, int steps) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[batch * height * width];
        float[] y = new float[batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        for (int i = 0; i < batch; i++) {
            y[i] = i % 2;
        }
        try (JavaCnnTrainer trainer = new JavaCnnTrainer(network, model, height, width, 1e-4, 1, threads)) {
            for (int i = 0; i < warmup; i++) {
                trainer.fit(x, y, batch);
            }
            long t = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                trainer.fit(x, y, batch);
            }
            return (System.nanoTime() - t) / 1e9 / steps / batch;
        }
    }

    // ---- the step ----

    /** Forward and backward on a minibatch: leaves the reduced gradients in part 0 of every layer; returns the mean loss. */
    private double pass(float[] inputs, float[] labels, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a minibatch needs at least one window, got " + count);
        }
        if (inputs.length < (long) count * windowSize || labels.length < count) {
            throw new IllegalArgumentException("need " + count + " windows of " + height + " x " + width + " = "
                    + windowSize + " values and " + count + " labels; got " + inputs.length + " values and "
                    + labels.length + " labels");
        }
        for (int i = 0; i < count; i++) {
            if (!(labels[i] >= 0 && labels[i] <= 1)) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + "; labels are 0 (music) or 1 (speech)");
            }
        }
        ensureCapacity(count);
        for (TrainerBlock b : blocks) {
            b.reset();
        }
        head.reset();
        if (dropout) {
            // On the calling thread, sample by sample: the masks do not depend on the thread count.
            float inv = (float) (1 / keep);
            for (int s = 0; s < count; s++) {
                float[] m = head.masks[s];
                for (int j = 0; j < m.length; j++) {
                    m[j] = random.nextDouble() < keep ? inv : 0f;
                }
            }
        }
        batchInputs = inputs;
        batchLabels = labels;
        batchScale = 1f / count;
        try {
            int n = blocks.length;
            workers.run(forwardJobs[0], count);
            blocks[0].finishStatistics(count);
            for (int b = 1; b < n; b++) {
                workers.run(forwardJobs[b], count);
                blocks[b].finishStatistics(count);
            }
            workers.run(headJob, count);
            blocks[n - 1].finishBackwardSums(count);
            for (int b = n - 1; b >= 0; b--) {
                workers.run(backwardJobs[b], count);
                if (b > 0) {
                    blocks[b - 1].finishBackwardSums(count);
                }
            }
        } finally {
            batchInputs = null; // keep no reference to the caller's arrays
            batchLabels = null;
        }
        for (TrainerBlock b : blocks) {
            b.reduceGradients();
        }
        head.reduceGradients();
        return head.loss() / count;
    }

    /** Window {@code s} into rows of one channel. */
    private void loadInput(int s) {
        float[] x = batchInputs;
        int base = s * windowSize;
        for (int i = 0; i < windowSize; i++) {
            inputRows[base + i][0] = x[base + i];
        }
    }

    private void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        inputRows = new float[n * windowSize][1];
        for (TrainerBlock b : blocks) {
            b.ensureCapacity(n);
        }
        if (dropout) {
            head.masks = new float[n][head.units];
        }
        capacity = n;
    }

    // ---- reading and checking the network ----

    /** Walks the network's layers against the family and the model config, and builds the trainer's layers from their parameters. */
    private static final class Reader {
        final TrainerBlock[] blocks;
        final TrainerHead head;
        private final List<Layer> layers;
        private int at;

        Reader(NetworkDescription network, ModelConfig model, int threads) {
            this.layers = network.layers();
            if (network.vectorInput() || network.channels() != 1) {
                throw new IllegalArgumentException("JavaCnnTrainer trains networks on windows of one channel, not " + network.summary());
            }
            int n = model.convFilters().size();
            blocks = new TrainerBlock[n];
            int h = network.height();
            int w = network.width();
            int channels = 1;
            for (int b = 0; b < n; b++) {
                int k = model.convKernels().get(b);
                int filters = model.convFilters().get(b);
                int p = model.poolSizes().get(b);
                int stride = model.poolStride();
                String block = "block " + (b + 1);
                if (k > h || k > w) {
                    throw new IllegalArgumentException("the network does not take " + network.height() + " x " + network.width()
                            + " windows: " + block + "'s " + k + "x" + k + " kernel does not fit its " + h + " x " + w + " input");
                }
                Layer.Conv conv = next(Layer.Conv.class, block + "'s convolution");
                check(conv, conv.rows().kernel() == k && conv.cols().kernel() == k,
                        "a " + conv.rows().kernel() + "x" + conv.cols().kernel() + " kernel, not " + k + "x" + k + " (model.conv_kernels)");
                check(conv, conv.inChannels() == channels && conv.outChannels() == filters, conv.inChannels() + " -> "
                        + conv.outChannels() + " channels, not " + channels + " -> " + filters + " (model.conv_filters)");
                check(conv, conv.activation() == Layer.Activation.RELU, "activation " + conv.activation() + ", not relu");
                double l2 = b == 0 ? 2 * model.l2() : 0;
                check(conv, Math.abs(conv.l2() - l2) <= 1e-12 * Math.max(l2, 1e-300),
                        "regularization L2 " + conv.l2() + ", not " + l2 + " (twice model.l2 on block 1's weights, as CnnFactory sets it)");
                Layer.BatchNorm bn = next(Layer.BatchNorm.class, block + "'s batch norm");
                check(bn, bn.channels() == filters, "it normalises " + bn.channels() + " channels, not " + filters);
                Layer.MaxPool pool = next(Layer.MaxPool.class, block + "'s max pooling");
                check(pool, pool.rows().kernel() == p && pool.rows().stride() == stride,
                        "kernel or stride differ from " + p + "x" + p + " / " + stride + " (model.pool_sizes, model.pool_stride)");

                TrainerBlock t = new TrainerBlock(h, w, channels, k, filters, p, stride, b > 0, l2, bn.eps(), bn.decay(), threads);
                t.setWeights(conv.weights());
                System.arraycopy(conv.bias(), 0, t.bias, 0, filters);
                System.arraycopy(bn.gamma(), 0, t.gamma, 0, filters);
                System.arraycopy(bn.beta(), 0, t.beta, 0, filters);
                System.arraycopy(bn.mean(), 0, t.runMean, 0, filters);
                System.arraycopy(bn.var(), 0, t.runVar, 0, filters);
                blocks[b] = t;
                h = t.poolH;
                w = t.poolW;
                channels = filters;
            }
            next(Layer.Flatten.class, "the flattening before the dense layer");
            Layer.Dense dense = next(Layer.Dense.class, "the dense layer");
            int inputs = h * w * channels;
            check(dense, dense.inputs() == inputs && dense.outputs() == model.denseUnits(), dense.inputs() + " -> " + dense.outputs()
                    + " units, not " + inputs + " -> " + model.denseUnits() + " (model.dense_units)");
            check(dense, dense.activation() == Layer.Activation.RELU, "activation " + dense.activation() + ", not relu");
            check(dense, dense.l2() == 0, "regularization (the family has L2 on block 1's weights only)");
            int units = model.denseUnits();
            if (model.dropout() > 0) {
                Layer.Dropout d = next(Layer.Dropout.class, "the dropout layer (model.dropout " + model.dropout() + ")");
                check(d, Math.abs(d.keep() - (1 - model.dropout())) < 1e-9,
                        "dropout keep " + d.keep() + ", not " + (1 - model.dropout()) + " (model.dropout)");
            }
            Layer.Dense out = next(Layer.Dense.class, "the output layer");
            check(out, out.inputs() == units && out.outputs() == 1, out.inputs() + " -> " + out.outputs() + " units, not " + units + " -> 1");
            check(out, out.activation() == Layer.Activation.SIGMOID, "activation " + out.activation() + ", not sigmoid");
            check(out, "xent".equals(out.loss()), "loss " + out.loss() + ", not unweighted XENT");
            check(out, out.l2() == 0, "regularization (the family has L2 on block 1's weights only)");
            TrainerHead t = TrainerHead.from(dense, out, h * w, channels, threads);
            if (at < layers.size()) {
                throw refused(layers.get(at), "a layer after the output layer");
            }
            head = t;
        }

        private <T extends Layer> T next(Class<T> type, String role) {
            if (at >= layers.size()) {
                throw new IllegalArgumentException("the network ends after layer " + layers.get(layers.size() - 1).index()
                        + " but the model config needs " + role + " there; JavaCnnTrainer trains only the CnnFactory family");
            }
            Layer layer = layers.get(at++);
            if (layer.getClass() != type) {
                throw refused(layer, "expected " + role);
            }
            if (!layer.trainingIssues().isEmpty()) {
                throw refused(layer, String.join(", ", layer.trainingIssues()));
            }
            return type.cast(layer);
        }

        private static void check(Layer layer, boolean ok, String what) {
            if (!ok) {
                throw refused(layer, what);
            }
        }

        private static IllegalArgumentException refused(Layer layer, String why) {
            return new IllegalArgumentException("layer " + layer.index() + " (" + NetworkDescription.describe(layer) + "): " + why
                    + "; JavaCnnTrainer trains only the CnnFactory family");
        }
    }
}
