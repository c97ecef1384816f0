package io.musicspeech.model;

import io.musicspeech.features.FeatureSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * The inference path: a plain-Java forward pass of a trained DL4J network of the
 * {@link CnnFactory} family (or the Keras-imported seed model), with no ND4J at call time.
 *
 * <p>Construction reads every layer's parameters once into {@code float[]}s (the classifier keeps
 * no reference to the network or to any ND4J array) and plans the forward pass:
 * <ul>
 *   <li>{@code ConvolutionLayer} (NHWC, dilation 1; modes Truncate/Strict with zero padding, or
 *       Same): DL4J 1.0.0-M2.1 stores W as {@code [out, in, kh, kw]} also for NHWC layers
 *       (checked against its output); it is regrouped into one row of output channels per
 *       (kh, kw, in), the innermost loop running over output channels;</li>
 *   <li>{@code BatchNormalization}: folded into a per-channel {@code scale = gamma / sqrt(var + eps)},
 *       {@code shift = beta - mean * scale} (log10-std storage and locked gamma/beta included) and
 *       fused into the preceding layer, after its activation (conv -> relu -> BN, as built);</li>
 *   <li>{@code SubsamplingLayer} MAX (Truncate/Strict without padding, or Same: out = ceil(in /
 *       stride), padding split as TF/Keras and DL4J do, the odd cell bottom/right; padded cells
 *       take no part in the max);</li>
 *   <li>{@code CnnToFeedForwardPreProcessor} (NHWC): DL4J flattens channels-last, pixel by pixel
 *       with channels innermost (checked; not NCHW's channel-major order);</li>
 *   <li>{@code DenseLayer} / {@code OutputLayer} (W {@code [in, out]}), relu or identity; the last
 *       layer must have one unit, and its sigmoid, if any, is dropped to give the logit;</li>
 *   <li>{@code DropoutLayer}: identity at inference.</li>
 * </ul>
 * Any other layer, preprocessor, activation or setting is refused with an
 * {@link UnsupportedLayerException} naming the layer; {@link #orNetworkClassifier} then falls
 * back to DL4J. A network that cannot take the spec's windows is refused with an
 * IllegalArgumentException saying so (as {@link NetworkClassifier} does).
 *
 * <p>Calls allocate nothing: every step writes into arrays it allocated at construction (a few
 * tens of KB for the seed model). Batch calls run the windows one by one: at this size a forward
 * pass fits in L1/L2 and there is no batching gain on one thread. Arithmetic is float, as in DL4J;
 * logits agree with {@link NetworkClassifier} to ~1e-5 (summation order differs).
 *
 * <p><b>Not thread-safe</b> (the activation arrays are per instance): give each thread its own
 * classifier; they are cheap (the weights are copied, ~100 KB for the seed model).
 */
public final class JavaCnnClassifier implements WindowClassifier {

    /** A layer (or preprocessor, activation, setting) the Java forward pass does not implement. */
    public static final class UnsupportedLayerException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnsupportedLayerException(String message) {
            super(message);
        }
    }

    private final FeatureSpec spec;
    private final int contextWindows;
    private final double threshold;
    private final InputNormalisation normalisation;
    private final int windowSize;
    private final String description;
    /** Writes a window into the first activation; owns that activation. */
    private final Load load;
    /** The rest of the forward pass, each step reading the previous one's output. */
    private final Op[] ops;
    /** The last step's output: one logit. */
    private final float[] logit;

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
        if (network.params() == null) {
            throw new IllegalArgumentException("the network is not initialised (call init() first)");
        }
        this.spec = spec;
        this.contextWindows = contextWindows;
        this.threshold = threshold;
        this.normalisation = normalisation;
        this.windowSize = contextWindows * spec.featureSize();
        this.load = new Load(windowSize, spec.nMfcc(), normalisation);
        Planner plan = new Planner(network, spec, contextWindows, load.out);
        this.ops = plan.ops.toArray(new Op[0]);
        this.logit = plan.flatOut;
        this.description = String.join(" -> ", plan.steps);
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
        return "JavaCnnClassifier[" + description + "]";
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
        load.run(windows, offset);
        for (Op op : ops) {
            op.run();
        }
        return logit[0];
    }

    // ---- operations ----
    //
    // A feature map is a float[][]: one row per pixel (row-major over height x width), holding that
    // pixel's channels. Every loop that writes an array indexes it exactly as the arrays it reads
    // (o[k] += v * w[k]): C2 (JDK 17) vectorises such loops, but not ones whose store and loads use
    // different offsets into float[]s it cannot prove distinct (measured: such a loop ran no faster
    // with SuperWord than without; this layout made the seed model's forward pass ~2x faster).
    // A flat vector is a float[].

    /** One step of the forward pass, wired to its input and output arrays at construction. */
    private abstract static class Op {
        abstract void run();
    }

    /** The window (frame-major frames x nMfcc) into a frames x nMfcc x 1 feature map, normalised. */
    private static final class Load {
        final float[][] out;
        final float[] mean;
        final float[] std;
        final int nMfcc;

        Load(int inputSize, int nMfcc, InputNormalisation normalisation) {
            this.nMfcc = nMfcc;
            this.out = new float[inputSize][1];
            this.mean = normalisation == null ? null : normalisation.mean();
            this.std = normalisation == null ? null : normalisation.std();
        }

        void run(float[] window, int offset) {
            float[][] o = out;
            if (mean == null) {
                for (int i = 0; i < o.length; i++) {
                    o[i][0] = window[offset + i];
                }
            } else {
                // Divides as InputNormalisation.apply does, so the values are the same to the bit.
                for (int i = 0; i < o.length; i++) {
                    int c = i % nMfcc;
                    o[i][0] = (window[offset + i] - mean[c]) / std[c];
                }
            }
        }
    }

    /** What follows a layer's sum: relu or not, then an optional per-channel scale and shift (a folded batch norm). */
    private static final class Epilogue {
        boolean relu;
        float[] scale;
        float[] shift;

        void apply(float[] o) {
            int n = o.length;
            if (relu) {
                for (int k = 0; k < n; k++) {
                    o[k] = Math.max(o[k], 0f);
                }
            }
            if (scale != null) {
                float[] s = scale;
                float[] t = shift;
                for (int k = 0; k < n; k++) {
                    o[k] = o[k] * s[k] + t[k];
                }
            }
        }
    }

    /** Window geometry along one axis: output size and the padding before the first cell. */
    private record Axis(int in, int out, int kernel, int stride, int padBefore) {
        /** First kernel offset inside the input for output cell {@code o}. */
        int from(int o) {
            return Math.max(0, padBefore - o * stride);
        }

        /** One past the last kernel offset inside the input for output cell {@code o}. */
        int to(int o) {
            return Math.min(kernel, in - o * stride + padBefore);
        }

        /** Input cell under kernel offset 0 for output cell {@code o} (may be negative: padding). */
        int origin(int o) {
            return o * stride - padBefore;
        }
    }

    /** 2-D convolution; weights one row of output channels per (ky, kx, input channel). */
    private static final class Conv extends Op {
        final float[][] in;
        final float[][] out;
        final Axis rows;
        final Axis cols;
        final int inChannels;
        final float[][] weights;
        final float[] bias;
        final Epilogue epilogue = new Epilogue();

        Conv(float[][] in, Axis rows, Axis cols, int inChannels, int outChannels, float[][] weights, float[] bias) {
            this.in = in;
            this.out = new float[rows.out() * cols.out()][outChannels];
            this.rows = rows;
            this.cols = cols;
            this.inChannels = inChannels;
            this.weights = weights;
            this.bias = bias;
        }

        @Override
        void run() {
            final int outWidth = cols.out();
            for (int oy = 0; oy < rows.out(); oy++) {
                int ox = 0;
                // Four pixels at a time where their kernels lie wholly inside the row (no padding):
                // each weight row is loaded once for four outputs.
                for (; ox + 4 <= outWidth; ox++) {
                    if (cols.from(ox) == 0 && cols.to(ox + 3) == cols.kernel()) {
                        pixels4(oy, ox);
                        ox += 3;
                    } else {
                        pixel(oy, ox);
                    }
                }
                for (; ox < outWidth; ox++) {
                    pixel(oy, ox);
                }
            }
        }

        private void pixel(int oy, int ox) {
            final int ic = inChannels;
            final int kw = cols.kernel();
            final int inWidth = cols.in();
            int y0 = rows.origin(oy);
            int kyTo = rows.to(oy);
            int x0 = cols.origin(ox);
            int kxFrom = cols.from(ox);
            int kxTo = cols.to(ox);
            float[] o = out[oy * cols.out() + ox];
            System.arraycopy(bias, 0, o, 0, o.length);
            for (int ky = rows.from(oy); ky < kyTo; ky++) {
                for (int kx = kxFrom; kx < kxTo; kx++) {
                    float[] src = in[(y0 + ky) * inWidth + x0 + kx];
                    int w0 = (ky * kw + kx) * ic;
                    for (int c = 0; c < ic; c++) {
                        axpy(src[c], weights[w0 + c], o);
                    }
                }
            }
            epilogue.apply(o);
        }

        /** Pixels ox..ox+3 of row oy, whose kernels span full columns. */
        private void pixels4(int oy, int ox) {
            final int ic = inChannels;
            final int kw = cols.kernel();
            final int inWidth = cols.in();
            final int step = cols.stride();
            int y0 = rows.origin(oy);
            int kyTo = rows.to(oy);
            int x0 = cols.origin(ox);
            int first = oy * cols.out() + ox;
            float[] o0 = out[first];
            float[] o1 = out[first + 1];
            float[] o2 = out[first + 2];
            float[] o3 = out[first + 3];
            System.arraycopy(bias, 0, o0, 0, o0.length);
            System.arraycopy(bias, 0, o1, 0, o1.length);
            System.arraycopy(bias, 0, o2, 0, o2.length);
            System.arraycopy(bias, 0, o3, 0, o3.length);
            for (int ky = rows.from(oy); ky < kyTo; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int p = (y0 + ky) * inWidth + x0 + kx;
                    float[] s0 = in[p];
                    float[] s1 = in[p + step];
                    float[] s2 = in[p + 2 * step];
                    float[] s3 = in[p + 3 * step];
                    int w0 = (ky * kw + kx) * ic;
                    for (int c = 0; c < ic; c++) {
                        axpy4(s0[c], s1[c], s2[c], s3[c], weights[w0 + c], o0, o1, o2, o3);
                    }
                }
            }
            epilogue.apply(o0);
            epilogue.apply(o1);
            epilogue.apply(o2);
            epilogue.apply(o3);
        }
    }

    /** o_j += v_j * w for four outputs sharing the weights. */
    private static void axpy4(float v0, float v1, float v2, float v3, float[] w,
                              float[] o0, float[] o1, float[] o2, float[] o3) {
        for (int k = 0; k < o0.length; k++) {
            float x = w[k];
            o0[k] += v0 * x;
            o1[k] += v1 * x;
            o2[k] += v2 * x;
            o3[k] += v3 * x;
        }
    }

    /** o += v * w, over o's length (the loop C2 vectorises). */
    private static void axpy(float v, float[] w, float[] o) {
        for (int k = 0; k < o.length; k++) {
            o[k] += v * w[k];
        }
    }

    /** Max pooling; cells outside the input (Same padding) take no part. */
    private static final class MaxPool extends Op {
        final float[][] in;
        final float[][] out;
        final Axis rows;
        final Axis cols;

        MaxPool(float[][] in, Axis rows, Axis cols, int channels) {
            this.in = in;
            this.out = new float[rows.out() * cols.out()][channels];
            this.rows = rows;
            this.cols = cols;
        }

        @Override
        void run() {
            final int inWidth = cols.in();
            final int outWidth = cols.out();
            for (int oy = 0; oy < rows.out(); oy++) {
                int yFrom = rows.origin(oy) + rows.from(oy);
                int yTo = rows.origin(oy) + rows.to(oy);
                for (int ox = 0; ox < outWidth; ox++) {
                    int xFrom = cols.origin(ox) + cols.from(ox);
                    int xTo = cols.origin(ox) + cols.to(ox);
                    float[] o = out[oy * outWidth + ox];
                    System.arraycopy(in[yFrom * inWidth + xFrom], 0, o, 0, o.length);
                    for (int y = yFrom; y < yTo; y++) {
                        for (int x = xFrom; x < xTo; x++) {
                            float[] src = in[y * inWidth + x];
                            for (int c = 0; c < o.length; c++) {
                                o[c] = Math.max(o[c], src[c]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A feature map into a vector in DL4J's NHWC flattening order: pixel by pixel, channels innermost. */
    private static final class Flatten extends Op {
        final float[][] in;
        final float[] out;

        Flatten(float[][] in) {
            this.in = in;
            this.out = new float[in.length * in[0].length];
        }

        @Override
        void run() {
            int channels = in[0].length;
            for (int p = 0; p < in.length; p++) {
                System.arraycopy(in[p], 0, out, p * channels, channels);
            }
        }
    }

    /** Fully connected; weights one row of outputs per input. */
    private static final class Dense extends Op {
        final float[] in;
        final float[] out;
        final float[][] weights;
        final float[] bias;
        final Epilogue epilogue = new Epilogue();

        Dense(float[] in, float[][] weights, float[] bias) {
            this.in = in;
            this.out = new float[bias.length];
            this.weights = weights;
            this.bias = bias;
        }

        @Override
        void run() {
            System.arraycopy(bias, 0, out, 0, out.length);
            for (int i = 0; i < in.length; i++) {
                axpy(in[i], weights[i], out);
            }
            epilogue.apply(out);
        }
    }

    /** Dense layer with one output: a dot product. */
    private static final class Dot extends Op {
        final float[] in;
        final float[] out = new float[1];
        final float[] weights;
        final float bias;

        Dot(float[] in, float[] weights, float bias) {
            this.in = in;
            this.weights = weights;
            this.bias = bias;
        }

        @Override
        void run() {
            float sum = bias;
            for (int i = 0; i < in.length; i++) {
                sum += in[i] * weights[i];
            }
            out[0] = sum;
        }
    }

    /** A per-channel scale and shift not fused into a preceding layer (e.g. a batch norm first), in place. */
    private static final class ChannelAffine extends Op {
        final float[][] rows;
        final Epilogue affine = new Epilogue();

        ChannelAffine(float[][] rows, float[] scale, float[] shift) {
            this.rows = rows;
            affine.scale = scale;
            affine.shift = shift;
        }

        @Override
        void run() {
            for (float[] row : rows) {
                affine.apply(row);
            }
        }
    }

    // ---- planning ----

    /** Walks the layers once, tracking the activation's shape, and builds the ops. */
    private static final class Planner {
        final List<Op> ops = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        private final MultiLayerNetwork network;
        private final FeatureSpec spec;
        private int height;
        private int width;
        private int channels;
        /** The current activation: a feature map height x width x channels, or, once flat, a vector. */
        private float[][] map;
        float[] flatOut;
        /** The last op's epilogue while a batch norm may still be fused into it (nothing in between). */
        private Epilogue open;

        private final int contextWindows;

        Planner(MultiLayerNetwork network, FeatureSpec spec, int contextWindows, float[][] input) {
            this.network = network;
            this.spec = spec;
            this.contextWindows = contextWindows;
            this.height = contextWindows * spec.frames();
            this.width = spec.nMfcc();
            this.channels = 1;
            this.map = input;
            MultiLayerConfiguration conf = network.getLayerWiseConfigurations();
            Map<Integer, InputPreProcessor> preprocessors = conf.getInputPreProcessors();
            int n = network.getnLayers();
            for (int i = 0; i < n; i++) {
                Layer layer = conf.getConf(i).getLayer();
                InputPreProcessor pre = preprocessors == null ? null : preprocessors.get(i);
                if (pre != null) {
                    preprocessor(i, layer, pre);
                }
                boolean last = i == n - 1;
                if (layer.getClass() == ConvolutionLayer.class) {
                    conv(i, (ConvolutionLayer) layer);
                } else if (layer.getClass() == BatchNormalization.class) {
                    batchNorm(i, (BatchNormalization) layer);
                } else if (layer.getClass() == SubsamplingLayer.class) {
                    pool(i, (SubsamplingLayer) layer);
                } else if (layer.getClass() == DenseLayer.class || layer.getClass() == OutputLayer.class) {
                    dense(i, (BaseLayer) layer, last);
                } else if (layer.getClass() == DropoutLayer.class) {
                    steps.add("dropout (identity)");
                } else {
                    throw unsupported(i, layer, "this layer type is not supported by the Java forward pass");
                }
            }
            if (flatOut == null || flatOut.length != 1) {
                throw new IllegalArgumentException("the network must end in a dense layer with one unit (the speech logit); its last layer is "
                        + conf.getConf(n - 1).getLayer().getClass().getSimpleName());
            }
        }

        private boolean flat() {
            return flatOut != null;
        }

        private void preprocessor(int i, Layer layer, InputPreProcessor pre) {
            if (pre instanceof CnnToFeedForwardPreProcessor p && !flat()) {
                if (p.getFormat() != CNN2DFormat.NHWC) {
                    throw unsupported(i, layer, "its input flattening has data format " + p.getFormat() + "; NHWC is supported");
                }
                if (p.getInputHeight() != height || p.getInputWidth() != width || p.getNumChannels() != channels) {
                    throw doesNotAccept("layer " + i + " flattens " + p.getInputHeight() + " x " + p.getInputWidth() + " x "
                            + p.getNumChannels() + " but gets " + height + " x " + width + " x " + channels);
                }
                Flatten op = new Flatten(map);
                ops.add(op);
                steps.add("flatten");
                open = null;
                map = null;
                flatOut = op.out;
                return;
            }
            throw unsupported(i, layer, "its input preprocessor " + pre.getClass().getSimpleName() + " is not supported");
        }

        private void conv(int i, ConvolutionLayer layer) {
            requireSpatial(i, layer);
            requireNhwc(i, layer, layer.getCnn2dDataFormat());
            requireDilation1(i, layer, layer.getDilation());
            if (layer.getNIn() != channels) {
                throw doesNotAccept("layer " + i + " expects " + layer.getNIn() + " channels, gets " + channels);
            }
            ConvolutionMode mode = mode(i, layer, layer.getConvolutionMode());
            int[] k = layer.getKernelSize();
            int[] s = layer.getStride();
            int[] p = layer.getPadding();
            Axis rows = axis(i, mode, height, k[0], s[0], p[0]);
            Axis cols = axis(i, mode, width, k[1], s[1], p[1]);
            int in = channels;
            int out = (int) layer.getNOut();
            float[] w = params(i, "W", out * in * k[0] * k[1]);
            // DL4J: [out][in][kh][kw] (also for NHWC layers); here: a row of out per (kh, kw, in).
            float[][] rowsOfOut = new float[k[0] * k[1] * in][out];
            for (int o = 0; o < out; o++) {
                for (int c = 0; c < in; c++) {
                    for (int y = 0; y < k[0]; y++) {
                        for (int x = 0; x < k[1]; x++) {
                            rowsOfOut[(y * k[1] + x) * in + c][o] = w[((o * in + c) * k[0] + y) * k[1] + x];
                        }
                    }
                }
            }
            float[] b = layer.hasBias() ? params(i, "b", out) : new float[out];
            Conv op = new Conv(map, rows, cols, in, out, rowsOfOut, b);
            op.epilogue.relu = hiddenActivation(i, layer);
            add(op, op.epilogue, String.format(Locale.ROOT, "conv %dx%d/%d %s %dx%dx%d->%dx%dx%d%s", k[0], k[1], s[0],
                    mode, height, width, in, rows.out(), cols.out(), out, op.epilogue.relu ? " relu" : ""));
            map = op.out;
            height = rows.out();
            width = cols.out();
            channels = out;
        }

        private void batchNorm(int i, BatchNormalization layer) {
            if (!flat()) {
                requireNhwc(i, layer, layer.getCnn2DFormat());
            }
            int n = flat() ? flatOut.length : channels;
            if (layer.getNOut() != n) {
                throw doesNotAccept("layer " + i + " normalises " + layer.getNOut() + " channels, gets " + n);
            }
            float[] mean = params(i, "mean", n);
            float[] var;
            if (layer.isUseLogStd()) {
                float[] log10Std = params(i, "log10stdev", n);
                var = new float[n];
                for (int c = 0; c < n; c++) {
                    double std = Math.pow(10, log10Std[c]);
                    var[c] = (float) (std * std);
                }
            } else {
                var = params(i, "var", n);
            }
            float[] gamma;
            float[] beta;
            if (layer.isLockGammaBeta()) {
                gamma = new float[n];
                beta = new float[n];
                Arrays.fill(gamma, (float) layer.getGamma());
                Arrays.fill(beta, (float) layer.getBeta());
            } else {
                gamma = params(i, "gamma", n);
                beta = params(i, "beta", n);
            }
            float[] scale = new float[n];
            float[] shift = new float[n];
            for (int c = 0; c < n; c++) {
                double sc = gamma[c] / Math.sqrt((double) var[c] + layer.getEps());
                scale[c] = (float) sc;
                shift[c] = (float) (beta[c] - mean[c] * sc);
            }
            if (open != null && open.scale == null) {
                open.scale = scale;
                open.shift = shift;
                steps.set(steps.size() - 1, steps.get(steps.size() - 1) + " +bn");
            } else {
                ops.add(new ChannelAffine(flat() ? new float[][] {flatOut} : map, scale, shift));
                steps.add("bn");
            }
            open = null;
        }

        private void pool(int i, SubsamplingLayer layer) {
            requireSpatial(i, layer);
            requireNhwc(i, layer, layer.getCnn2dDataFormat());
            requireDilation1(i, layer, layer.getDilation());
            if (layer.getPoolingType() != PoolingType.MAX) {
                throw unsupported(i, layer, "pooling type " + layer.getPoolingType() + " is not supported (MAX is)");
            }
            ConvolutionMode mode = mode(i, layer, layer.getConvolutionMode());
            int[] k = layer.getKernelSize();
            int[] s = layer.getStride();
            int[] p = layer.getPadding();
            if (mode != ConvolutionMode.Same && (p[0] != 0 || p[1] != 0)) {
                throw unsupported(i, layer, "explicit pooling padding " + p[0] + "x" + p[1] + " is not supported");
            }
            Axis rows = axis(i, mode, height, k[0], s[0], 0);
            Axis cols = axis(i, mode, width, k[1], s[1], 0);
            MaxPool op = new MaxPool(map, rows, cols, channels);
            add(op, null, String.format(Locale.ROOT, "maxpool %dx%d/%d %s ->%dx%dx%d",
                    k[0], k[1], s[0], mode, rows.out(), cols.out(), channels));
            map = op.out;
            height = rows.out();
            width = cols.out();
        }

        private void dense(int i, BaseLayer layer, boolean last) {
            if (!flat()) {
                throw unsupported(i, layer, "a dense layer on a " + height + " x " + width + " x " + channels
                        + " feature map without a CnnToFeedForwardPreProcessor is not supported");
            }
            if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
                throw unsupported(i, layer, "layer normalisation is not supported");
            }
            FeedForwardLayer ff = (FeedForwardLayer) layer;
            int in = flatOut.length;
            if (ff.getNIn() != in) {
                throw doesNotAccept("layer " + i + " expects " + ff.getNIn() + " inputs, gets " + in);
            }
            int out = (int) ff.getNOut();
            boolean relu;
            if (last) {
                IActivation a = layer.getActivationFn();
                if (out != 1) {
                    throw new IllegalArgumentException("the network must end in a dense layer with one unit (the speech logit); its last layer has "
                            + out + " units");
                }
                if (!(a instanceof ActivationIdentity) && !(a instanceof ActivationSigmoid)) {
                    throw new IllegalArgumentException("the network's last layer has activation " + a
                            + "; identity (a logit) or sigmoid is expected");
                }
                relu = false; // a sigmoid is dropped: the classifier returns the logit
            } else {
                relu = hiddenActivation(i, layer);
            }
            boolean hasBias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
            float[] w = params(i, "W", in * out); // [in][out], c order
            float[] b = hasBias ? params(i, "b", out) : new float[out];
            String step = String.format(Locale.ROOT, "dense %d->%d%s", in, out, relu ? " relu" : "");
            if (out == 1 && !relu) {
                Dot op = new Dot(flatOut, w, b[0]);
                add(op, null, step);
                flatOut = op.out;
            } else {
                float[][] rowsOfOut = new float[in][];
                for (int r = 0; r < in; r++) {
                    rowsOfOut[r] = Arrays.copyOfRange(w, r * out, (r + 1) * out);
                }
                Dense op = new Dense(flatOut, rowsOfOut, b);
                op.epilogue.relu = relu;
                add(op, op.epilogue, step);
                flatOut = op.out;
            }
        }

        private void add(Op op, Epilogue epilogue, String step) {
            ops.add(op);
            steps.add(step);
            open = epilogue;
        }

        /** True for relu, false for identity; anything else is unsupported. */
        private boolean hiddenActivation(int i, BaseLayer layer) {
            IActivation a = layer.getActivationFn();
            if (a instanceof ActivationIdentity) {
                return false;
            }
            if (a instanceof ActivationReLU r && isPlainRelu(r)) {
                return true;
            }
            throw unsupported(i, layer, "activation " + a + " is not supported (relu and identity are)");
        }

        private static boolean isPlainRelu(ActivationReLU r) {
            // ActivationReLU can carry a cap, a threshold and a negative slope; plain relu has none of them.
            return r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0);
        }

        private ConvolutionMode mode(int i, Layer layer, ConvolutionMode mode) {
            if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict || mode == ConvolutionMode.Same) {
                return mode;
            }
            throw unsupported(i, layer, "convolution mode " + mode + " is not supported (Truncate, Strict and Same are)");
        }

        /** Output size and leading padding as DL4J computes them (Same: TF/Keras, the odd cell at the end). */
        private Axis axis(int i, ConvolutionMode mode, int in, int kernel, int stride, int pad) {
            int out;
            int before;
            if (mode == ConvolutionMode.Same) {
                out = (in + stride - 1) / stride;
                int total = Math.max(0, (out - 1) * stride + kernel - in);
                before = total / 2;
            } else {
                int span = in + 2 * pad - kernel;
                if (span < 0) {
                    throw doesNotAccept("layer " + i + "'s " + kernel + "-wide kernel does not fit the " + in
                            + "-wide feature map it gets");
                }
                out = span / stride + 1;
                before = pad;
            }
            if (out < 1) {
                throw doesNotAccept("layer " + i + " gets an empty feature map");
            }
            return new Axis(in, out, kernel, stride, before);
        }

        private void requireSpatial(int i, Layer layer) {
            if (flat()) {
                throw unsupported(i, layer, "it follows a flattening; only dense layers may");
            }
        }

        private void requireNhwc(int i, Layer layer, CNN2DFormat format) {
            if (format != CNN2DFormat.NHWC) {
                throw unsupported(i, layer, "data format " + format + " is not supported (NHWC is)");
            }
        }

        private void requireDilation1(int i, Layer layer, int[] dilation) {
            if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
                throw unsupported(i, layer, "dilation " + dilation[0] + "x" + dilation[1] + " is not supported");
            }
        }

        /** A parameter copied out of ND4J in logical c order. */
        private float[] params(int i, String key, int expectedLength) {
            INDArray p = network.getLayer(i).getParam(key);
            if (p == null) {
                throw unsupported(i, network.getLayerWiseConfigurations().getConf(i).getLayer(), "it has no parameter " + key);
            }
            float[] values = p.dup('c').data().asFloat();
            if (values.length != expectedLength) {
                throw new IllegalArgumentException("layer " + i + ": parameter " + key + " has " + values.length
                        + " values, " + expectedLength + " expected from its configuration");
            }
            return values;
        }

        private IllegalArgumentException doesNotAccept(String detail) {
            return new IllegalArgumentException("the network does not accept "
                    + NetworkClassifier.describeInput(spec, contextWindows) + ": " + detail);
        }

        private static UnsupportedLayerException unsupported(int i, Layer layer, String why) {
            String name = layer.getLayerName();
            return new UnsupportedLayerException("layer " + i + " (" + layer.getClass().getSimpleName()
                    + (name == null ? "" : " '" + name + "'") + "): " + why);
        }
    }
}
