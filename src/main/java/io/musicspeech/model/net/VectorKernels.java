package io.musicspeech.model.net;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The convolution and max-pooling loops of {@link ForwardPass} written with the JDK's Vector API
 * (the incubator module {@code jdk.incubator.vector} of Java 17), used when the JVM was started
 * with {@code --add-modules jdk.incubator.vector} ({@link VectorSupport}); otherwise ForwardPass
 * runs its portable loops, which give the same numbers within float rounding.
 *
 * <p>Why by hand: C2's auto-vectorisation leaves the output rows in memory, so the portable
 * kernel loads and stores its output for every multiply-add, and with 16- or 32-channel rows most
 * of each loop runs in its scalar pre- and post-loops (with 64-byte vectors it was faster when the
 * JVM was limited to 16-byte ones). Here four output pixels' accumulators stay in registers over
 * the whole kernel, and the relu and folded batch norm are applied before the one store. Measured
 * on this machine (AVX-512, 16 lanes): the shipped encoder 146 -> 37 us a window, its second
 * convolution 74 -> 16 us, the first pooling 15 -> 3 us.
 *
 * <p>Every row length a kernel touches is a multiple of its species' length (checked by
 * {@link #fits}): masked loads and stores were ~9x slower in JDK 17 (measured).
 */
final class VectorKernels {
    /**
     * The JVM's widest float species. A constant: C2 compiles Vector API calls to vector instructions
     * only when the species is a static final (passed as a value, the kernels ran 7x slower than the
     * portable loops: measured).
     */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {
    }

    /** Calls of each kernel on a tiny layer before the first real one: see {@link #warmUp}. */
    private static final int WARM_UP_CALLS = 20_000;

    static {
        warmUp();
    }

    /**
     * Until C2 compiles them, Vector API calls box every vector: an 80-MFCC window's encoder made
     * about 8 MB of garbage, about 1 GB/s while listen warmed up, and G1 grew the heap for it
     * (listen over 2 minutes of MP3 unpaced: peak resident memory 174 MB with the portable loops,
     * 331 MB; measured). Running the kernels first on a layer of one pixel row and one term gets
     * them compiled for a few MB of garbage: 201 MB, and the whole run 0.3 s shorter.
     */
    private static void warmUp() {
        int lanes = S.length();
        float[][] in = new float[5][1];
        float[][] out = new float[5][lanes];
        float[][] weights = new float[1][lanes];
        Axis one = Axis.of(false, 1, 1, 1, 0);
        Runnable conv = new Conv(in, out, one, Axis.of(false, 5, 1, 1, 0), 1, weights, new float[lanes], true, null, null);
        Runnable pool = new MaxPool(out, new float[3][lanes], one, Axis.of(true, 5, 2, 2, 0));
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            conv.run();
            pool.run();
        }
    }

    /** True if rows of {@code channels} floats are whole vectors; else the portable loop is used. */
    static boolean fits(int channels) {
        return channels % S.length() == 0;
    }

    /** The bits of the widest species this JVM offers (for the benchmark's report). */
    static int preferredBits() {
        return S.vectorBitSize();
    }

    /**
     * One convolution layer over a whole map, or null if it has padding or its channels are not whole
     * vectors (the portable loop runs). Weights: one row of output channels per (ky, kx, input
     * channel); {@code scale}/{@code shift} may be null (no batch norm).
     */
    static Runnable conv(float[][] in, float[][] out, Axis rows, Axis cols, int inChannels, float[][] weights, float[] bias,
                         boolean relu, float[] scale, float[] shift) {
        boolean unpadded = rows.padBefore() == 0 && cols.padBefore() == 0
                && rows.to(rows.out() - 1) == rows.kernel() && cols.to(cols.out() - 1) == cols.kernel();
        return unpadded && fits(bias.length) ? new Conv(in, out, rows, cols, inChannels, weights, bias, relu, scale, shift) : null;
    }

    /**
     * A convolution layer without padding. Each output slice's sum runs in one loop over the
     * kernel's terms (ky, kx, input channel), reading a flat copy of the input through a table of
     * offsets: a vector carried through nested loops with run-time bounds, or across a branch's merge,
     * was boxed by C2 (4 MB allocated per decision and 4x slower than the portable loops; measured,
     * JDK 17). For the same reason the epilogue is branch-free: max with a floor of 0 or -infinity,
     * then a scale and shift of ones and zeros when there is no batch norm.
     */
    private static final class Conv implements Runnable {
        final float[][] in;
        final float[][] out;
        final Axis rows;
        final Axis cols;
        final int ic;
        final int channels;
        /** The input map, pixel after pixel, channels innermost. */
        final float[] flatIn;
        /** Term t's offset in flatIn from its pixel's kernel origin, t over (ky, kx, input channel). */
        final int[] termOffset;
        /** Term t's weights for all output channels at t * channels. */
        final float[] flatWeights;
        final float[] bias;
        final float floor;
        final float[] scale;
        final float[] shift;

        Conv(float[][] in, float[][] out, Axis rows, Axis cols, int ic, float[][] weights, float[] bias, boolean relu,
             float[] scale, float[] shift) {
            this.in = in;
            this.out = out;
            this.rows = rows;
            this.cols = cols;
            this.ic = ic;
            this.channels = bias.length;
            this.flatIn = new float[in.length * ic];
            this.termOffset = new int[weights.length];
            this.flatWeights = new float[weights.length * channels];
            for (int ky = 0, t = 0; ky < rows.kernel(); ky++) {
                for (int kx = 0; kx < cols.kernel(); kx++) {
                    for (int c = 0; c < ic; c++, t++) {
                        termOffset[t] = (ky * cols.in() + kx) * ic + c;
                        System.arraycopy(weights[t], 0, flatWeights, t * channels, channels);
                    }
                }
            }
            this.bias = bias;
            this.floor = relu ? 0f : Float.NEGATIVE_INFINITY;
            this.scale = scale != null ? scale : filled(channels, 1f);
            this.shift = shift != null ? shift : filled(channels, 0f);
        }

        private static float[] filled(int n, float value) {
            float[] a = new float[n];
            Arrays.fill(a, value);
            return a;
        }

        @Override
        public void run() {
            for (int p = 0; p < in.length; p++) {
                System.arraycopy(in[p], 0, flatIn, p * ic, ic);
            }
            final int outWidth = cols.out();
            for (int oy = 0; oy < rows.out(); oy++) {
                int ox = 0;
                for (; ox + 4 <= outWidth; ox += 4) {
                    pixels4(oy, ox);
                }
                for (; ox < outWidth; ox++) {
                    pixel(oy, ox);
                }
            }
        }

        /** Pixels ox..ox+3 of row oy: four accumulators per channel slice. */
        private void pixels4(int oy, int ox) {
            final int base = (rows.origin(oy) * cols.in() + cols.origin(ox)) * ic;
            final int step = cols.stride() * ic;
            final int terms = termOffset.length;
            final int first = oy * cols.out() + ox;
            final float[] x = flatIn;
            for (int v = 0; v < channels; v += S.length()) {
                FloatVector a0 = FloatVector.fromArray(S, bias, v);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int t = 0; t < terms; t++) {
                    int i = base + termOffset[t];
                    FloatVector w = FloatVector.fromArray(S, flatWeights, t * channels + v);
                    a0 = w.fma(FloatVector.broadcast(S, x[i]), a0);
                    a1 = w.fma(FloatVector.broadcast(S, x[i + step]), a1);
                    a2 = w.fma(FloatVector.broadcast(S, x[i + 2 * step]), a2);
                    a3 = w.fma(FloatVector.broadcast(S, x[i + 3 * step]), a3);
                }
                FloatVector sc = FloatVector.fromArray(S, scale, v);
                FloatVector sh = FloatVector.fromArray(S, shift, v);
                a0.max(floor).fma(sc, sh).intoArray(out[first], v);
                a1.max(floor).fma(sc, sh).intoArray(out[first + 1], v);
                a2.max(floor).fma(sc, sh).intoArray(out[first + 2], v);
                a3.max(floor).fma(sc, sh).intoArray(out[first + 3], v);
            }
        }

        /** One pixel (a row's last few). */
        private void pixel(int oy, int ox) {
            final int base = (rows.origin(oy) * cols.in() + cols.origin(ox)) * ic;
            final int terms = termOffset.length;
            final float[] o = out[oy * cols.out() + ox];
            for (int v = 0; v < channels; v += S.length()) {
                FloatVector a = FloatVector.fromArray(S, bias, v);
                for (int t = 0; t < terms; t++) {
                    a = FloatVector.fromArray(S, flatWeights, t * channels + v).fma(FloatVector.broadcast(S, flatIn[base + termOffset[t]]), a);
                }
                a.max(floor).fma(FloatVector.fromArray(S, scale, v), FloatVector.fromArray(S, shift, v)).intoArray(o, v);
            }
        }
    }

    /** Max pooling (cells outside the input, Same padding, take no part), or null if its channels are not whole vectors. */
    static Runnable maxPool(float[][] in, float[][] out, Axis rows, Axis cols) {
        return fits(out[0].length) ? new MaxPool(in, out, rows, cols) : null;
    }

    /** Max pooling over a table of each output pixel's input cells: one loop per slice, as in {@link Conv}. */
    private static final class MaxPool implements Runnable {
        final float[][] in;
        final float[][] out;
        /** For each output pixel, the input pixels of its window (inside the input). */
        final int[][] cells;

        MaxPool(float[][] in, float[][] out, Axis rows, Axis cols) {
            this.in = in;
            this.out = out;
            this.cells = new int[out.length][];
            for (int oy = 0; oy < rows.out(); oy++) {
                for (int ox = 0; ox < cols.out(); ox++) {
                    int[] window = new int[(rows.to(oy) - rows.from(oy)) * (cols.to(ox) - cols.from(ox))];
                    int n = 0;
                    for (int y = rows.origin(oy) + rows.from(oy); y < rows.origin(oy) + rows.to(oy); y++) {
                        for (int x = cols.origin(ox) + cols.from(ox); x < cols.origin(ox) + cols.to(ox); x++) {
                            window[n++] = y * cols.in() + x;
                        }
                    }
                    cells[oy * cols.out() + ox] = window;
                }
            }
        }

        @Override
        public void run() {
            final int channels = out[0].length;
            for (int p = 0; p < out.length; p++) {
                final int[] window = cells[p];
                final float[] o = out[p];
                for (int v = 0; v < channels; v += S.length()) {
                    FloatVector m = FloatVector.fromArray(S, in[window[0]], v);
                    for (int k = 1; k < window.length; k++) {
                        m = m.max(FloatVector.fromArray(S, in[window[k]], v));
                    }
                    m.intoArray(o, v);
                }
            }
        }
    }
}
