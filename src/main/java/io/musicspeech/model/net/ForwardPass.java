package io.musicspeech.model.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A planned pure-Java forward pass of a {@link NetworkDescription}: every step's output array is
 * allocated here, once, and {@link #run} allocates nothing. Batch norms are folded into a
 * per-channel scale and shift ({@code gamma / sqrt(var + eps)}, {@code beta - mean * scale}) and
 * fused into the step before them, after its activation (conv -> relu -> BN, as built); dropout is
 * the identity. Arithmetic is float, as in DL4J.
 *
 * <p>A feature map is a float[][]: one row per pixel (row-major over height x width), holding that
 * pixel's channels. Every loop that writes an array indexes it exactly as the arrays it reads
 * (o[k] += v * w[k]): C2 (JDK 17) vectorises such loops, but not ones whose store and loads use
 * different offsets into float[]s it cannot prove distinct (measured: such a loop ran no faster
 * with SuperWord than without; this layout made the seed model's forward pass ~2x faster).
 * A flat vector is a float[]. Where the JVM has the Vector API module ({@link VectorSupport}),
 * convolutions without padding and poolings whose channels are whole vectors run
 * {@link VectorKernels}' loops instead (about 4x faster); the portable loops below stay the
 * reference and the fallback.
 *
 * <p><b>Not thread-safe</b>: one pass per thread.
 */
public final class ForwardPass {
    /** The network's input as a map (height x width rows of channels), or null for a vector input. */
    private final float[][] mapInput;
    /** The network's input as a vector, or null for a map input. */
    private final float[] vectorInput;
    private final Op[] ops;
    private final float[] output;
    private final String description;

    /**
     * @param dropFinalSigmoid a sigmoid on the last layer is left out, so the pass gives the logit
     */
    public ForwardPass(NetworkDescription network, boolean dropFinalSigmoid) {
        this(network, dropFinalSigmoid, VectorSupport.available());
    }

    /** @param vectorKernels convolutions and poolings run {@link VectorKernels}' loops (the module must be present) */
    ForwardPass(NetworkDescription network, boolean dropFinalSigmoid, boolean vectorKernels) {
        Planner plan = new Planner(network, dropFinalSigmoid);
        if (vectorKernels) {
            plan.ops.replaceAll(Op::vectorised);
        }
        this.mapInput = plan.mapInput;
        this.vectorInput = plan.vectorInput;
        this.ops = plan.ops.toArray(new Op[0]);
        this.output = plan.flatOut;
        this.description = String.join(" -> ", plan.steps);
        if (output == null) {
            throw new IllegalArgumentException("the network ends in a feature map, not a vector: " + description);
        }
    }

    /** The input to fill before {@link #run}: one row per pixel (frame x coefficient) of one channel. */
    public float[][] mapInput() {
        if (mapInput == null) {
            throw new IllegalStateException("this network takes a vector");
        }
        return mapInput;
    }

    /** The input to fill before {@link #run}, for a network that takes a vector (a temporal head). */
    public float[] vectorInput() {
        if (vectorInput == null) {
            throw new IllegalStateException("this network takes a feature map");
        }
        return vectorInput;
    }

    /** Runs every step; returns the output vector (the same array every call). */
    public float[] run() {
        for (Op op : ops) {
            op.run();
        }
        return output;
    }

    public int outputs() {
        return output.length;
    }

    /** The planned steps (batch norms fused into the step before them). */
    @Override
    public String toString() {
        return description;
    }

    /** One step of the forward pass, wired to its input and output arrays at construction. */
    private abstract static class Op {
        abstract void run();

        /** This step on the Vector API loops, where it has them (asked once the plan is complete), else itself. */
        Op vectorised() {
            return this;
        }
    }

    /** A step that runs one of {@link VectorKernels}' layers. */
    private static final class VectorStep extends Op {
        final Runnable kernel;

        VectorStep(Runnable kernel) {
            this.kernel = kernel;
        }

        @Override
        void run() {
            kernel.run();
        }
    }

    /** The step that runs {@code kernel}, or {@code portable} if there is no kernel (null). */
    private static Op either(Runnable kernel, Op portable) {
        return kernel == null ? portable : new VectorStep(kernel);
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
        Op vectorised() {
            return either(VectorKernels.conv(in, out, rows, cols, inChannels, weights, bias, epilogue.relu, epilogue.scale,
                    epilogue.shift), this);
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
        Op vectorised() {
            return either(VectorKernels.maxPool(in, out, rows, cols), this);
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

    /** Walks the layers once, tracking the activation's shape, and builds the ops. */
    private static final class Planner {
        final List<Op> ops = new ArrayList<>();
        final List<String> steps = new ArrayList<>();
        final float[][] mapInput;
        final float[] vectorInput;
        /** The current activation: a feature map, or, once flat, a vector. */
        private float[][] map;
        float[] flatOut;
        /** The last op's epilogue while a batch norm may still be fused into it (nothing in between). */
        private Epilogue open;

        Planner(NetworkDescription network, boolean dropFinalSigmoid) {
            List<Layer> layers = network.layers();
            if (network.vectorInput()) {
                mapInput = null;
                vectorInput = new float[network.height() * network.width() * network.channels()];
                flatOut = vectorInput;
            } else {
                mapInput = new float[network.height() * network.width()][network.channels()];
                vectorInput = null;
                map = mapInput;
            }
            for (int i = 0; i < layers.size(); i++) {
                Layer layer = layers.get(i);
                boolean last = i == layers.size() - 1;
                if (layer instanceof Layer.Conv c) {
                    Conv op = new Conv(map, c.rows(), c.cols(), c.inChannels(), c.outChannels(), c.weights(), c.bias());
                    op.epilogue.relu = relu(c.activation(), c.index());
                    add(op, op.epilogue, NetworkDescription.describe(layer));
                    map = op.out;
                } else if (layer instanceof Layer.BatchNorm b) {
                    batchNorm(b);
                } else if (layer instanceof Layer.MaxPool p) {
                    MaxPool op = new MaxPool(map, p.rows(), p.cols(), p.channels());
                    add(op, null, NetworkDescription.describe(layer));
                    map = op.out;
                } else if (layer instanceof Layer.Flatten) {
                    Flatten op = new Flatten(map);
                    ops.add(op);
                    steps.add("flatten");
                    open = null;
                    map = null;
                    flatOut = op.out;
                } else if (layer instanceof Layer.Dense d) {
                    dense(d, last && dropFinalSigmoid);
                } else {
                    steps.add("dropout (identity)");
                }
            }
        }

        private void batchNorm(Layer.BatchNorm b) {
            int n = b.channels();
            float[] scale = new float[n];
            float[] shift = new float[n];
            for (int c = 0; c < n; c++) {
                double sc = b.gamma()[c] / Math.sqrt((double) b.var()[c] + b.eps());
                scale[c] = (float) sc;
                shift[c] = (float) (b.beta()[c] - b.mean()[c] * sc);
            }
            if (open != null && open.scale == null) {
                open.scale = scale;
                open.shift = shift;
                steps.set(steps.size() - 1, steps.get(steps.size() - 1) + " +bn");
            } else {
                ops.add(new ChannelAffine(map == null ? new float[][] {flatOut} : map, scale, shift));
                steps.add("bn");
            }
            open = null;
        }

        private void dense(Layer.Dense d, boolean logit) {
            boolean relu;
            if (d.activation() == Layer.Activation.SIGMOID) {
                if (!logit) {
                    throw new UnsupportedLayerException("layer " + d.index() + ": a sigmoid is supported only on the last layer, "
                            + "where the logit is taken before it");
                }
                relu = false;
            } else {
                relu = relu(d.activation(), d.index());
            }
            String step = NetworkDescription.describe(d);
            if (d.outputs() == 1 && !relu) {
                float[] w = new float[d.inputs()];
                for (int r = 0; r < w.length; r++) {
                    w[r] = d.weights()[r][0];
                }
                Dot op = new Dot(flatOut, w, d.bias()[0]);
                add(op, null, step);
                flatOut = op.out;
            } else {
                Dense op = new Dense(flatOut, d.weights(), d.bias());
                op.epilogue.relu = relu;
                add(op, op.epilogue, step);
                flatOut = op.out;
            }
        }

        private static boolean relu(Layer.Activation activation, int index) {
            if (activation == Layer.Activation.SIGMOID) {
                throw new UnsupportedLayerException("layer " + index + ": a sigmoid is supported only on the last layer");
            }
            return activation == Layer.Activation.RELU;
        }

        private void add(Op op, Epilogue epilogue, String step) {
            ops.add(op);
            steps.add(step);
            open = epilogue;
        }
    }
}
