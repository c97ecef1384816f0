package io.musicspeech.model.net;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one place a DL4J {@code MultiLayerNetwork} is read into a {@link NetworkDescription} and
 * written back: parameter readers, the regrouping of layouts, 'same'-padding arithmetic, and the
 * checks on activations, formats and modes. What it reads (anything else is refused with an
 * {@link UnsupportedLayerException} naming the layer):
 * <ul>
 *   <li>{@code ConvolutionLayer} NHWC, dilation 1, Truncate/Strict with zero padding or Same: DL4J
 *       1.0.0-M2.1 stores W as {@code [out, in, kh, kw]} also for NHWC layers (checked against its
 *       output); it becomes one row of output channels per (kh, kw, in);</li>
 *   <li>{@code BatchNormalization}: variance stored, or log10-std (turned into a variance), gamma and
 *       beta trained or locked;</li>
 *   <li>{@code SubsamplingLayer} MAX (Truncate/Strict without padding, or Same: out = ceil(in /
 *       stride), padding split as TF/Keras and DL4J do, the odd cell bottom/right);</li>
 *   <li>{@code CnnToFeedForwardPreProcessor} (NHWC): flattened pixel by pixel, channels innermost
 *       (checked; not NCHW's channel-major order);</li>
 *   <li>{@code DenseLayer} / {@code OutputLayer} (W {@code [in, out]}), relu, identity or sigmoid;</li>
 *   <li>{@code DropoutLayer}.</li>
 * </ul>
 * Settings that do not change inference but that the plain-Java trainer does not reproduce
 * (weight noise, gradient normalisation, per-layer dropout, a bias regulariser, a loss other than
 * unweighted binary cross-entropy, locked batch-norm parameters, log-std storage) are listed in
 * each layer's {@code trainingIssues}.
 */
public final class Dl4jNetworks {

    private Dl4jNetworks() {
    }

    /**
     * @param height           the input's rows (frames)
     * @param width            the input's columns (coefficients)
     * @param inputDescription what the input is, for the message when the network does not take it
     * @throws UnsupportedLayerException naming the layer if a layer cannot be read
     * @throws IllegalArgumentException  if the network does not take {@code height x width x 1} inputs
     */
    public static NetworkDescription describe(MultiLayerNetwork network, int height, int width, String inputDescription) {
        if (network.params() == null) {
            throw new IllegalArgumentException("the network is not initialised (call init() first)");
        }
        return new Reader(network, height, width, -1, inputDescription).read();
    }

    /** A network that takes a vector of {@code inputs} values (a temporal head): as {@link #describe}. */
    public static NetworkDescription describeVector(MultiLayerNetwork network, int inputs, String inputDescription) {
        if (network.params() == null) {
            throw new IllegalArgumentException("the network is not initialised (call init() first)");
        }
        return new Reader(network, 1, inputs, inputs, inputDescription).read();
    }

    /**
     * Writes the description's parameters (weights, biases, batch-norm parameters and running
     * statistics) into {@code network}, which must have the structure it was read from.
     */
    public static void write(NetworkDescription description, MultiLayerNetwork network) {
        for (Layer layer : description.layers()) {
            if (layer instanceof Layer.Conv c) {
                set(network, c.index(), "W", convToDl4j(c));
                if (c.hasBias()) {
                    set(network, c.index(), "b", c.bias());
                }
            } else if (layer instanceof Layer.BatchNorm b) {
                BatchNormalization conf = (BatchNormalization) network.getLayerWiseConfigurations().getConf(b.index()).getLayer();
                if (!conf.isLockGammaBeta()) {
                    set(network, b.index(), "gamma", b.gamma());
                    set(network, b.index(), "beta", b.beta());
                }
                set(network, b.index(), "mean", b.mean());
                if (conf.isUseLogStd()) {
                    float[] log10Std = new float[b.channels()];
                    for (int c = 0; c < log10Std.length; c++) {
                        log10Std[c] = (float) Math.log10(Math.sqrt(b.var()[c]));
                    }
                    set(network, b.index(), "log10stdev", log10Std);
                } else {
                    set(network, b.index(), "var", b.var());
                }
            } else if (layer instanceof Layer.Dense d) {
                set(network, d.index(), "W", flat(d.weights()));
                if (d.hasBias()) {
                    set(network, d.index(), "b", d.bias());
                }
            }
        }
    }

    /** Conv weights back to DL4J's {@code [out][in][kh][kw]}, c order. */
    public static float[] convToDl4j(Layer.Conv c) {
        return convToDl4j(c.weights(), c.rows().kernel(), c.cols().kernel(), c.inChannels(), c.outChannels());
    }

    /** Rows of output channels per (ky, kx, input channel) in DL4J's {@code [out][in][kh][kw]}, c order. */
    public static float[] convToDl4j(float[][] rows, int kh, int kw, int in, int out) {
        float[] w = new float[out * in * kh * kw];
        for (int o = 0; o < out; o++) {
            for (int ch = 0; ch < in; ch++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        w[((o * in + ch) * kh + y) * kw + x] = rows[(y * kw + x) * in + ch][o];
                    }
                }
            }
        }
        return w;
    }

    /** Rows of {@code [in][out]} in DL4J's flat c order. */
    public static float[] flat(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        float[] out = new float[rows.length * width];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * width, width);
        }
        return out;
    }

    private static void set(MultiLayerNetwork network, int layer, String key, float[] values) {
        INDArray p = network.getLayer(layer).getParam(key);
        if (p == null || p.length() != values.length) {
            throw new IllegalArgumentException("the network does not have the structure of the description: layer "
                    + layer + " parameter " + key + (p == null ? " missing" : " has " + p.length() + " values, not " + values.length));
        }
        p.assign(Nd4j.create(values, p.shape(), 'c').castTo(p.dataType()));
    }

    /** Walks the layers once, tracking the activation's shape. */
    private static final class Reader {
        private final MultiLayerNetwork network;
        private final MultiLayerConfiguration conf;
        private final Map<Integer, InputPreProcessor> preprocessors;
        private final String inputDescription;
        private final int inputHeight;
        private final int inputWidth;
        private final boolean vectorInput;
        private final List<Layer> layers = new ArrayList<>();
        private int height;
        private int width;
        private int channels = 1;
        /** Values of the activation once flat (after a flattening), else -1. */
        private int flat = -1;

        Reader(MultiLayerNetwork network, int height, int width, int flatInputs, String inputDescription) {
            this.network = network;
            this.conf = network.getLayerWiseConfigurations();
            this.preprocessors = conf.getInputPreProcessors() == null ? Map.of() : conf.getInputPreProcessors();
            this.inputDescription = inputDescription;
            this.inputHeight = height;
            this.inputWidth = width;
            this.height = height;
            this.width = width;
            this.flat = flatInputs;
            this.vectorInput = flatInputs >= 0;
        }

        NetworkDescription read() {
            int n = network.getnLayers();
            for (int i = 0; i < n; i++) {
                org.deeplearning4j.nn.conf.layers.Layer layer = conf.getConf(i).getLayer();
                InputPreProcessor pre = preprocessors.get(i);
                if (pre != null) {
                    preprocessor(i, layer, pre);
                }
                if (layer.getClass() == ConvolutionLayer.class) {
                    conv(i, (ConvolutionLayer) layer);
                } else if (layer.getClass() == BatchNormalization.class) {
                    batchNorm(i, (BatchNormalization) layer);
                } else if (layer.getClass() == SubsamplingLayer.class) {
                    pool(i, (SubsamplingLayer) layer);
                } else if (layer.getClass() == DenseLayer.class || layer.getClass() == OutputLayer.class) {
                    dense(i, (BaseLayer) layer);
                } else if (layer.getClass() == DropoutLayer.class) {
                    dropout(i, (DropoutLayer) layer);
                } else {
                    throw unsupported(i, layer, "this layer type is not supported by the Java passes");
                }
            }
            return new NetworkDescription(inputHeight, inputWidth, 1, vectorInput, layers);
        }

        private void preprocessor(int i, org.deeplearning4j.nn.conf.layers.Layer layer, InputPreProcessor pre) {
            if (pre instanceof CnnToFeedForwardPreProcessor p && flat < 0) {
                if (p.getFormat() != CNN2DFormat.NHWC) {
                    throw unsupported(i, layer, "its input flattening has data format " + p.getFormat() + "; NHWC is supported");
                }
                if (p.getInputHeight() != height || p.getInputWidth() != width || p.getNumChannels() != channels) {
                    throw doesNotAccept("layer " + i + " flattens " + p.getInputHeight() + " x " + p.getInputWidth() + " x "
                            + p.getNumChannels() + " but gets " + height + " x " + width + " x " + channels);
                }
                layers.add(new Layer.Flatten(i, height, width, channels, List.of()));
                flat = height * width * channels;
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
            boolean same = same(i, layer, layer.getConvolutionMode());
            int[] k = layer.getKernelSize();
            int[] s = layer.getStride();
            int[] p = layer.getPadding();
            Axis rows = axis(i, same, height, k[0], s[0], p[0]);
            Axis cols = axis(i, same, width, k[1], s[1], p[1]);
            int in = channels;
            int out = (int) layer.getNOut();
            float[] w = params(i, "W", out * in * k[0] * k[1]);
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
            List<String> issues = trainingIssues(layer);
            if (s[0] != 1 || s[1] != 1 || same || p[0] != 0 || p[1] != 0 || k[0] != k[1]) {
                issues.add("not a square valid convolution with stride 1");
            }
            if (!layer.hasBias()) {
                issues.add("no bias");
            }
            layers.add(new Layer.Conv(i, layer.getConvolutionMode().name(), rows, cols, in, out, hidden(i, layer), rowsOfOut, b, layer.hasBias(), l2(layer, issues),
                    List.copyOf(issues)));
            height = rows.out();
            width = cols.out();
            channels = out;
        }

        private void batchNorm(int i, BatchNormalization layer) {
            if (flat < 0) {
                requireNhwc(i, layer, layer.getCnn2DFormat());
            }
            int n = flat >= 0 ? flat : channels;
            if (layer.getNOut() != n) {
                throw doesNotAccept("layer " + i + " normalises " + layer.getNOut() + " channels, gets " + n);
            }
            List<String> issues = trainingIssues(layer);
            float[] mean = params(i, "mean", n);
            float[] var;
            if (layer.isUseLogStd()) {
                issues.add("it stores log10 std, not the variance");
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
                issues.add("gamma and beta are locked");
                gamma = new float[n];
                beta = new float[n];
                Arrays.fill(gamma, (float) layer.getGamma());
                Arrays.fill(beta, (float) layer.getBeta());
            } else {
                gamma = params(i, "gamma", n);
                beta = params(i, "beta", n);
            }
            if (flat >= 0) {
                issues.add("a batch norm after the flattening");
            }
            if (!(layer.getEps() > 0 && layer.getDecay() >= 0 && layer.getDecay() < 1)) {
                issues.add("eps " + layer.getEps() + " / decay " + layer.getDecay() + " out of range");
            }
            layers.add(new Layer.BatchNorm(i, n, gamma, beta, mean, var, layer.getEps(), layer.getDecay(), List.copyOf(issues)));
        }

        private void pool(int i, SubsamplingLayer layer) {
            requireSpatial(i, layer);
            requireNhwc(i, layer, layer.getCnn2dDataFormat());
            requireDilation1(i, layer, layer.getDilation());
            if (layer.getPoolingType() != PoolingType.MAX) {
                throw unsupported(i, layer, "pooling type " + layer.getPoolingType() + " is not supported (MAX is)");
            }
            boolean same = same(i, layer, layer.getConvolutionMode());
            int[] k = layer.getKernelSize();
            int[] s = layer.getStride();
            int[] p = layer.getPadding();
            if (!same && (p[0] != 0 || p[1] != 0)) {
                throw unsupported(i, layer, "explicit pooling padding " + p[0] + "x" + p[1] + " is not supported");
            }
            Axis rows = axis(i, same, height, k[0], s[0], 0);
            Axis cols = axis(i, same, width, k[1], s[1], 0);
            List<String> issues = new ArrayList<>();
            if (layer.getIDropout() != null) {
                issues.add("it has dropout");
            }
            if (!same || k[0] != k[1] || s[0] != s[1]) {
                issues.add("not a square Same pooling");
            }
            layers.add(new Layer.MaxPool(i, layer.getConvolutionMode().name(), rows, cols, channels, List.copyOf(issues)));
            height = rows.out();
            width = cols.out();
        }

        private void dense(int i, BaseLayer layer) {
            if (flat < 0) {
                throw unsupported(i, layer, "a dense layer on a " + height + " x " + width + " x " + channels
                        + " feature map without a CnnToFeedForwardPreProcessor is not supported");
            }
            if (layer instanceof DenseLayer d && d.hasLayerNorm()) {
                throw unsupported(i, layer, "layer normalisation is not supported");
            }
            FeedForwardLayer ff = (FeedForwardLayer) layer;
            if (ff.getNIn() != flat) {
                throw doesNotAccept("layer " + i + " expects " + ff.getNIn() + " inputs, gets " + flat);
            }
            int in = flat;
            int out = (int) ff.getNOut();
            IActivation a = layer.getActivationFn();
            Layer.Activation activation;
            if (a instanceof ActivationSigmoid) {
                activation = Layer.Activation.SIGMOID;
            } else {
                activation = hidden(i, layer);
            }
            boolean hasBias = layer instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) layer).hasBias();
            float[] w = params(i, "W", in * out);
            float[] b = hasBias ? params(i, "b", out) : new float[out];
            float[][] rows = new float[in][];
            for (int r = 0; r < in; r++) {
                rows[r] = Arrays.copyOfRange(w, r * out, (r + 1) * out);
            }
            List<String> issues = trainingIssues(layer);
            if (!hasBias) {
                issues.add("no bias");
            }
            String loss = null;
            if (layer instanceof OutputLayer o) {
                loss = o.getLossFn() instanceof LossBinaryXENT x && x.getWeights() == null ? "xent" : String.valueOf(o.getLossFn());
            }
            layers.add(new Layer.Dense(i, in, out, activation, rows, b, hasBias, l2(layer, issues), loss, List.copyOf(issues)));
            flat = out;
        }

        private void dropout(int i, DropoutLayer layer) {
            IDropout d = layer.getIDropout();
            List<String> issues = new ArrayList<>();
            double keep = 1;
            if (d instanceof org.deeplearning4j.nn.conf.dropout.Dropout plain && plain.getPSchedule() == null) {
                keep = plain.getP();
            } else if (d != null) {
                issues.add("dropout " + d + " is not plain inverted dropout");
            }
            layers.add(new Layer.Dropout(i, keep, List.copyOf(issues)));
        }

        /** Relu or identity; anything else is unsupported. */
        private Layer.Activation hidden(int i, BaseLayer layer) {
            IActivation a = layer.getActivationFn();
            if (a instanceof ActivationIdentity) {
                return Layer.Activation.IDENTITY;
            }
            // ActivationReLU can carry a cap, a threshold and a negative slope; plain relu has none of them.
            if (a instanceof ActivationReLU r && r.getMax() == null && (r.getThreshold() == null || r.getThreshold() == 0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0)) {
                return Layer.Activation.RELU;
            }
            throw unsupported(i, layer, "activation " + a + " is not supported (relu, identity and sigmoid are)");
        }

        /** What training does that the plain-Java trainer does not: weight noise, gradient normalisation, layer dropout, bias regularisation. */
        private static List<String> trainingIssues(BaseLayer layer) {
            List<String> issues = new ArrayList<>();
            if (layer.getIDropout() != null) {
                issues.add("dropout on the layer itself");
            }
            if (layer.getWeightNoise() != null) {
                issues.add("weight noise");
            }
            if (layer.getGradientNormalization() != null && layer.getGradientNormalization() != GradientNormalization.None) {
                issues.add("gradient normalization " + layer.getGradientNormalization());
            }
            List<Regularization> bias = layer.getRegularizationBias();
            if (bias != null && !bias.isEmpty()) {
                issues.add("regularization on the bias " + bias);
            }
            return issues;
        }

        /** The layer's L2 coefficient on W (DL4J's: gradient += l2 W), 0 for none; other regularisations are training issues. */
        private static double l2(BaseLayer layer, List<String> issues) {
            List<Regularization> reg = layer.getRegularization();
            if (reg == null || reg.isEmpty()) {
                return 0;
            }
            if (reg.size() == 1 && reg.get(0) instanceof L2Regularization l2) {
                double at0 = l2.getL2().valueAt(0, 0);
                if (Math.abs(l2.getL2().valueAt(1_000_000, 1_000) - at0) <= 1e-12 * Math.abs(at0)) {
                    return at0;
                }
            }
            issues.add("regularization " + reg + " (only a constant L2 on the weights is reproduced)");
            return 0;
        }

        private boolean same(int i, org.deeplearning4j.nn.conf.layers.Layer layer, ConvolutionMode mode) {
            if (mode == ConvolutionMode.Truncate || mode == ConvolutionMode.Strict) {
                return false;
            }
            if (mode == ConvolutionMode.Same) {
                return true;
            }
            throw unsupported(i, layer, "convolution mode " + mode + " is not supported (Truncate, Strict and Same are)");
        }

        private Axis axis(int i, boolean same, int in, int kernel, int stride, int pad) {
            if (!same && in + 2 * pad < kernel) {
                throw doesNotAccept("layer " + i + "'s " + kernel + "-wide kernel does not fit the " + in
                        + "-wide feature map it gets");
            }
            Axis axis = Axis.of(same, in, kernel, stride, pad);
            if (axis.out() < 1) {
                throw doesNotAccept("layer " + i + " gets an empty feature map");
            }
            return axis;
        }

        private void requireSpatial(int i, org.deeplearning4j.nn.conf.layers.Layer layer) {
            if (flat >= 0) {
                throw unsupported(i, layer, "it follows a flattening; only dense layers may");
            }
        }

        private static void requireNhwc(int i, org.deeplearning4j.nn.conf.layers.Layer layer, CNN2DFormat format) {
            if (format != CNN2DFormat.NHWC) {
                throw unsupported(i, layer, "data format " + format + " is not supported (NHWC is)");
            }
        }

        private static void requireDilation1(int i, org.deeplearning4j.nn.conf.layers.Layer layer, int[] dilation) {
            if (dilation != null && (dilation[0] != 1 || dilation[1] != 1)) {
                throw unsupported(i, layer, "dilation " + dilation[0] + "x" + dilation[1] + " is not supported");
            }
        }

        /** A parameter copied out of ND4J in logical c order. */
        private float[] params(int i, String key, int expectedLength) {
            INDArray p = network.getLayer(i).getParam(key);
            if (p == null) {
                throw unsupported(i, conf.getConf(i).getLayer(), "it has no parameter " + key);
            }
            float[] values = p.dup('c').data().asFloat();
            if (values.length != expectedLength) {
                throw new IllegalArgumentException("layer " + i + ": parameter " + key + " has " + values.length
                        + " values, " + expectedLength + " expected from its configuration");
            }
            return values;
        }

        private IllegalArgumentException doesNotAccept(String detail) {
            return new IllegalArgumentException("the network does not accept " + inputDescription + ": " + detail);
        }

        private static UnsupportedLayerException unsupported(int i, org.deeplearning4j.nn.conf.layers.Layer layer, String why) {
            String name = layer.getLayerName();
            return new UnsupportedLayerException("layer " + i + " (" + layer.getClass().getSimpleName()
                    + (name == null ? "" : " '" + name + "'") + "): " + why);
        }
    }
}
