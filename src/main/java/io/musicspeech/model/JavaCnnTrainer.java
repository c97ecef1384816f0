package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

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
    private final int layerCount;
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
        if (network.params() == null) {
            throw new IllegalArgumentException("the network is not initialised (call init() first)");
        }
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

        Reader reader = new Reader(network, model, height, width, threads);
        this.blocks = reader.blocks;
        this.head = reader.head;
        this.layerCount = network.getnLayers();

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
        if (network.params() == null || network.getnLayers() != layerCount) {
            throw new IllegalArgumentException("the network does not have the structure of the one the trainer read ("
                    + layerCount + " layers, initialised)");
        }
        for (int b = 0; b < blocks.length; b++) {
            TrainerBlock block = blocks[b];
            int layer = 3 * b;
            set(network, layer, "W", block.toDl4j(block.w));
            set(network, layer, "b", block.bias);
            set(network, layer + 1, "gamma", block.gamma);
            set(network, layer + 1, "beta", block.beta);
            set(network, layer + 1, "mean", block.runMean);
            set(network, layer + 1, "var", block.runVar);
        }
        int dense = 3 * blocks.length;
        set(network, dense, "W", TrainerHead.flat(head.w));
        set(network, dense, "b", head.bias);
        int output = layerCount - 1;
        set(network, output, "W", head.out);
        set(network, output, "b", head.outBias);
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
        for (int b = 0; b < blocks.length; b++) {
            TrainerBlock block = blocks[b];
            g.put(3 * b + "_W", block.toDl4j(block.weightGradient()));
            g.put(3 * b + "_b", block.biasGradient().clone());
            g.put(3 * b + 1 + "_gamma", block.gGamma.clone());
            g.put(3 * b + 1 + "_beta", block.gBeta.clone());
        }
        int dense = 3 * blocks.length;
        g.put(dense + "_W", TrainerHead.flat(head.parts[0].gW));
        g.put(dense + "_b", head.parts[0].gBias.clone());
        g.put(layerCount - 1 + "_W", head.parts[0].gOut.clone());
        g.put(layerCount - 1 + "_b", head.parts[0].gOutBias.clone());
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

    private static void set(MultiLayerNetwork network, int layer, String key, float[] values) {
        INDArray p = network.getLayer(layer).getParam(key);
        if (p == null || p.length() != values.length) {
            throw new IllegalArgumentException("the network does not have the structure of the one the trainer read: layer "
                    + layer + " parameter " + key + (p == null ? " missing" : " has " + p.length() + " values, not " + values.length));
        }
        p.assign(Nd4j.create(values, p.shape(), 'c').castTo(p.dataType()));
    }

    // ---- reading and checking the network ----

    /** Walks the layers against the family and the model config, and builds the trainer's layers from their parameters. */
    private static final class Reader {
        final TrainerBlock[] blocks;
        final TrainerHead head;
        private final MultiLayerNetwork network;
        private final MultiLayerConfiguration conf;
        private final Map<Integer, InputPreProcessor> preprocessors;
        private final int height;
        private final int width;

        Reader(MultiLayerNetwork network, ModelConfig model, int height, int width, int threads) {
            this.network = network;
            this.conf = network.getLayerWiseConfigurations();
            this.preprocessors = conf.getInputPreProcessors() == null ? Map.of() : conf.getInputPreProcessors();
            this.height = height;
            this.width = width;
            int n = model.convFilters().size();
            blocks = new TrainerBlock[n];
            int h = height;
            int w = width;
            int channels = 1;
            int i = 0;
            for (int b = 0; b < n; b++) {
                int k = model.convKernels().get(b);
                int filters = model.convFilters().get(b);
                int p = model.poolSizes().get(b);
                int stride = model.poolStride();
                String block = "block " + (b + 1);
                if (k > h || k > w) {
                    throw new IllegalArgumentException("the network does not take " + height + " x " + width + " windows: "
                            + block + "'s " + k + "x" + k + " kernel does not fit its " + h + " x " + w + " input");
                }
                ConvolutionLayer conv = layer(i, ConvolutionLayer.class, block + "'s convolution");
                noPreprocessor(i, conv);
                check(i, conv, conv.getCnn2dDataFormat() == CNN2DFormat.NHWC, "data format " + conv.getCnn2dDataFormat() + ", not NHWC");
                check(i, conv, conv.getConvolutionMode() == ConvolutionMode.Truncate,
                        "convolution mode " + conv.getConvolutionMode() + ", not Truncate");
                check(i, conv, is(conv.getKernelSize(), k) && is(conv.getStride(), 1) && is(conv.getPadding(), 0)
                                && (conv.getDilation() == null || is(conv.getDilation(), 1)),
                        "kernel, stride, padding or dilation differ from " + k + "x" + k + ", 1, 0, 1 (model.conv_kernels)");
                check(i, conv, conv.getNIn() == channels && conv.getNOut() == filters,
                        conv.getNIn() + " -> " + conv.getNOut() + " channels, not " + channels + " -> " + filters + " (model.conv_filters)");
                check(i, conv, conv.hasBias(), "no bias");
                relu(i, conv);
                plain(i, conv, b == 0 ? model.l2() : 0);
                double l2 = b == 0 ? 2 * model.l2() : 0;
                i++;

                BatchNormalization bn = layer(i, BatchNormalization.class, block + "'s batch norm");
                noPreprocessor(i, bn);
                check(i, bn, bn.getCnn2DFormat() == CNN2DFormat.NHWC, "data format " + bn.getCnn2DFormat() + ", not NHWC");
                check(i, bn, !bn.isUseLogStd(), "it stores log10 std, not the variance");
                check(i, bn, !bn.isLockGammaBeta(), "gamma and beta are locked");
                check(i, bn, bn.getNOut() == filters, "it normalises " + bn.getNOut() + " channels, not " + filters);
                check(i, bn, bn.getEps() > 0 && bn.getDecay() >= 0 && bn.getDecay() < 1,
                        "eps " + bn.getEps() + " / decay " + bn.getDecay() + " out of range");
                plain(i, bn, 0);
                i++;

                SubsamplingLayer pool = layer(i, SubsamplingLayer.class, block + "'s max pooling");
                noPreprocessor(i, pool);
                check(i, pool, pool.getPoolingType() == PoolingType.MAX, "pooling type " + pool.getPoolingType() + ", not MAX");
                check(i, pool, pool.getCnn2dDataFormat() == CNN2DFormat.NHWC, "data format " + pool.getCnn2dDataFormat() + ", not NHWC");
                check(i, pool, pool.getConvolutionMode() == ConvolutionMode.Same,
                        "convolution mode " + pool.getConvolutionMode() + ", not Same");
                check(i, pool, is(pool.getKernelSize(), p) && is(pool.getStride(), stride)
                                && (pool.getDilation() == null || is(pool.getDilation(), 1)),
                        "kernel or stride differ from " + p + "x" + p + " / " + stride + " (model.pool_sizes, model.pool_stride)");
                check(i, pool, pool.getIDropout() == null, "it has dropout");
                i++;

                TrainerBlock t = new TrainerBlock(h, w, channels, k, filters, p, stride, b > 0, l2, bn.getEps(),
                        bn.getDecay(), threads);
                t.setWeights(params(3 * b, "W", filters * channels * k * k));
                System.arraycopy(params(3 * b, "b", filters), 0, t.bias, 0, filters);
                System.arraycopy(params(3 * b + 1, "gamma", filters), 0, t.gamma, 0, filters);
                System.arraycopy(params(3 * b + 1, "beta", filters), 0, t.beta, 0, filters);
                System.arraycopy(params(3 * b + 1, "mean", filters), 0, t.runMean, 0, filters);
                System.arraycopy(params(3 * b + 1, "var", filters), 0, t.runVar, 0, filters);
                blocks[b] = t;
                h = t.poolH;
                w = t.poolW;
                channels = filters;
            }

            DenseLayer dense = layer(i, DenseLayer.class, "the dense layer");
            InputPreProcessor pre = preprocessors.get(i);
            if (!(pre instanceof CnnToFeedForwardPreProcessor flatten) || flatten.getFormat() != CNN2DFormat.NHWC) {
                throw refused(i, dense, "its input is not flattened by an NHWC CnnToFeedForwardPreProcessor (got " + pre + ")");
            }
            if (flatten.getInputHeight() != h || flatten.getInputWidth() != w || flatten.getNumChannels() != channels) {
                throw new IllegalArgumentException("the network does not take " + height + " x " + width + " windows: layer " + i
                        + " flattens " + flatten.getInputHeight() + " x " + flatten.getInputWidth() + " x "
                        + flatten.getNumChannels() + " but gets " + h + " x " + w + " x " + channels);
            }
            int inputs = h * w * channels;
            check(i, dense, dense.getNIn() == inputs && dense.getNOut() == model.denseUnits(),
                    dense.getNIn() + " -> " + dense.getNOut() + " units, not " + inputs + " -> " + model.denseUnits() + " (model.dense_units)");
            check(i, dense, dense.hasBias(), "no bias");
            check(i, dense, !dense.hasLayerNorm(), "layer normalisation");
            relu(i, dense);
            plain(i, dense, 0);
            int units = model.denseUnits();
            TrainerHead t = new TrainerHead(h * w, channels, units, threads);
            float[] dw = params(i, "W", inputs * units);
            for (int r = 0; r < inputs; r++) {
                System.arraycopy(dw, r * units, t.w[r], 0, units);
            }
            System.arraycopy(params(i, "b", units), 0, t.bias, 0, units);
            i++;

            if (model.dropout() > 0) {
                DropoutLayer d = layer(i, DropoutLayer.class, "the dropout layer (model.dropout " + model.dropout() + ")");
                noPreprocessor(i, d);
                check(i, d, d.getIDropout() instanceof Dropout dr && dr.getPSchedule() == null
                                && Math.abs(dr.getP() - (1 - model.dropout())) < 1e-9,
                        "dropout " + d.getIDropout() + ", not Dropout(keep " + (1 - model.dropout()) + ") (model.dropout)");
                i++;
            }

            OutputLayer out = layer(i, OutputLayer.class, "the output layer");
            noPreprocessor(i, out);
            check(i, out, out.getNIn() == units && out.getNOut() == 1, out.getNIn() + " -> " + out.getNOut() + " units, not "
                    + units + " -> 1");
            check(i, out, out.hasBias(), "no bias");
            check(i, out, out.getActivationFn() instanceof ActivationSigmoid, "activation " + out.getActivationFn() + ", not sigmoid");
            check(i, out, out.getLossFn() instanceof LossBinaryXENT x && x.getWeights() == null,
                    "loss " + out.getLossFn() + ", not unweighted XENT");
            plain(i, out, 0);
            System.arraycopy(params(i, "W", units), 0, t.out, 0, units);
            t.outBias[0] = params(i, "b", 1)[0];
            i++;
            if (network.getnLayers() > i) {
                Layer extra = conf.getConf(i).getLayer();
                throw refused(i, extra, "a layer after the output layer; JavaCnnTrainer trains only the CnnFactory family");
            }
            head = t;
        }

        private <T extends Layer> T layer(int i, Class<T> type, String role) {
            if (i >= network.getnLayers()) {
                throw new IllegalArgumentException("the network ends after layer " + (i - 1) + " but the model config needs "
                        + role + " (a " + type.getSimpleName() + ") there; JavaCnnTrainer trains only the CnnFactory family");
            }
            Layer layer = conf.getConf(i).getLayer();
            if (layer.getClass() != type) {
                throw refused(i, layer, "expected " + role + " (a " + type.getSimpleName()
                        + "); JavaCnnTrainer trains only the CnnFactory family");
            }
            return type.cast(layer);
        }

        private void noPreprocessor(int i, Layer layer) {
            if (preprocessors.get(i) != null) {
                throw refused(i, layer, "input preprocessor " + preprocessors.get(i) + " is not part of the family");
            }
        }

        private static void relu(int i, BaseLayer layer) {
            IActivation a = layer.getActivationFn();
            boolean plain = a instanceof ActivationReLU r && r.getMax() == null
                    && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
            check(i, layer, plain, "activation " + a + ", not relu");
        }

        /** No dropout, weight noise or gradient normalization; L2 only as {@code kerasL2} (0: none) on W. */
        private static void plain(int i, BaseLayer layer, double kerasL2) {
            check(i, layer, layer.getIDropout() == null, "dropout on the layer itself");
            check(i, layer, layer.getWeightNoise() == null, "weight noise");
            check(i, layer, layer.getGradientNormalization() == null || layer.getGradientNormalization() == GradientNormalization.None,
                    "gradient normalization " + layer.getGradientNormalization());
            List<Regularization> bias = layer.getRegularizationBias();
            check(i, layer, bias == null || bias.isEmpty(), "regularization on the bias " + bias);
            List<Regularization> reg = layer.getRegularization();
            if (kerasL2 > 0) {
                boolean ok = reg != null && reg.size() == 1 && reg.get(0) instanceof L2Regularization l2
                        && Math.abs(l2.getL2().valueAt(0, 0) - 2 * kerasL2) <= 1e-12 * kerasL2
                        && Math.abs(l2.getL2().valueAt(1_000_000, 1_000) - 2 * kerasL2) <= 1e-12 * kerasL2;
                check(i, layer, ok, "regularization " + reg + ", not L2 " + 2 * kerasL2 + " (twice model.l2, as CnnFactory sets it)");
            } else {
                check(i, layer, reg == null || reg.isEmpty(), "regularization " + reg + " (the family has L2 on block 1's weights only)");
            }
        }

        private static boolean is(int[] pair, int value) {
            return pair != null && pair.length == 2 && pair[0] == value && pair[1] == value;
        }

        private static void check(int i, Layer layer, boolean ok, String what) {
            if (!ok) {
                throw refused(i, layer, what + "; JavaCnnTrainer trains only the CnnFactory family");
            }
        }

        private static IllegalArgumentException refused(int i, Layer layer, String why) {
            String name = layer.getLayerName();
            return new IllegalArgumentException("layer " + i + " (" + layer.getClass().getSimpleName()
                    + (name == null ? "" : " '" + name + "'") + "): " + why);
        }

        /** A parameter copied out of ND4J in logical c order. */
        private float[] params(int i, String key, int expected) {
            INDArray p = network.getLayer(i).getParam(key);
            if (p == null) {
                throw refused(i, conf.getConf(i).getLayer(), "it has no parameter " + key);
            }
            float[] values = p.dup('c').data().asFloat();
            if (values.length != expected) {
                throw new IllegalArgumentException("layer " + i + ": parameter " + key + " has " + values.length
                        + " values, " + expected + " expected from its configuration");
            }
            return values;
        }
    }
}
