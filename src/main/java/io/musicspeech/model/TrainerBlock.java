package io.musicspeech.model;

import static io.musicspeech.model.TrainerMath.acc4;
import static io.musicspeech.model.TrainerMath.add4;
import static io.musicspeech.model.TrainerMath.axpy;

import java.util.Arrays;

/**
 * One block of {@link JavaCnnTrainer}: valid convolution (stride 1) with relu, batch norm on
 * batch statistics, 'same' max pooling; its parameters, Adam moments and minibatch buffers.
 *
 * <p>Feature maps are {@code float[][]}: one row per (sample, pixel), pixels row-major within a
 * sample, holding that pixel's channels. Methods taking a sample {@code s} and a {@code part}
 * run on a worker thread and touch only that sample's rows and that part's scratch; the
 * {@code finish*} and {@code step} methods run on the calling thread between phases.
 */
final class TrainerBlock {

    final int inH;
    final int inW;
    final int inC;
    final int k;
    final int outC;
    final int convH;
    final int convW;
    final int poolK;
    final int stride;
    final int poolH;
    final int poolW;
    private final int padTop;
    private final int padLeft;
    final int taps;
    /** Per output pixel of a sample: the input pixel under its kernel's top-left tap. */
    private final int[] origin;
    final int convPixels;
    final int poolPixels;
    /** DL4J's L2 coefficient on W (gradient += l2 * W), 0 for none. */
    private final float l2;
    private final double eps;
    private final double decay;

    // ---- parameters: conv W as one row of output channels per (ky, kx, input channel) ----
    final float[][] w;
    /** W regrouped as one row of input channels per (ky, kx, output channel), for input gradients; null if not needed. */
    private final float[][] wt;
    final float[] bias;
    final float[] gamma;
    final float[] beta;
    final float[] runMean;
    final float[] runVar;

    private final float[][] mW;
    private final float[][] vW;
    private final float[][] moments; // mB, vB, mGamma, vGamma, mBeta, vBeta

    // ---- statistics of the current minibatch ----
    /** Per-channel shift for the variance sums (the last batch mean): keeps E[x^2] - E[x]^2 from cancelling. */
    private final float[] centre;
    final float[] mean;
    final float[] var;
    final float[] invStd;
    private final float[] scale;
    private final float[] shift;
    /** Backward: gamma * invStd, mean of dL/dy, mean of dL/dy * xhat per channel. */
    private final float[] k1;
    private final float[] meanDy;
    private final float[] meanDyXhat;
    final float[] gGamma;
    final float[] gBeta;

    // ---- minibatch buffers (grown to the largest batch seen) ----
    /** Conv output after relu, the batch norm's input. */
    float[][] act;
    /** dL/d(batch norm output), turned in place into dL/d(conv pre-activation). */
    float[][] grad;
    /** Pool output, the next block's input. */
    float[][] pooled;
    /**
     * Per pooled value: the conv pixel (within its sample) that won the max, as a float (exact below
     * 2^24) so that the pooling loop can pick it without a branch.
     */
    float[][] argmax;
    private int capacity;

    final Part[] parts;

    /** A worker's scratch and gradient sums. */
    static final class Part {
        final float[] patch;      // one pixel's receptive field
        final float[][] normed;   // batch norm output of one sample
        final float[][] dPooled;  // dL/d(pooled) of one sample, written by the next block or the head
        final float[] f1;         // one sample's per-channel sums (float: the loop vectorises) ...
        final float[] f2;
        final double[] s1;        // ... added up per part in double: batch-norm statistics or backward sums
        final double[] s2;
        final float[][] gW;       // the part's weight and bias gradients
        final float[] gB;

        Part(TrainerBlock b) {
            patch = new float[b.taps * b.inC];
            normed = new float[b.convPixels][b.outC];
            dPooled = new float[b.poolPixels][b.outC];
            f1 = new float[b.outC];
            f2 = new float[b.outC];
            s1 = new double[b.outC];
            s2 = new double[b.outC];
            gW = new float[b.taps * b.inC][b.outC];
            gB = new float[b.outC];
        }
    }

    TrainerBlock(int inH, int inW, int inC, int k, int outC, int poolK, int stride, boolean inputGradients,
                 double l2, double eps, double decay, int parts) {
        this.inH = inH;
        this.inW = inW;
        this.inC = inC;
        this.k = k;
        this.outC = outC;
        this.convH = inH - k + 1;
        this.convW = inW - k + 1;
        this.poolK = poolK;
        this.stride = stride;
        // Keras/TF 'same' (and DL4J's Same): out = ceil(in / stride), the odd padding cell bottom/right
        this.poolH = (convH + stride - 1) / stride;
        this.poolW = (convW + stride - 1) / stride;
        this.padTop = Math.max(0, (poolH - 1) * stride + poolK - convH) / 2;
        this.padLeft = Math.max(0, (poolW - 1) * stride + poolK - convW) / 2;
        this.taps = k * k;
        this.convPixels = convH * convW;
        this.poolPixels = poolH * poolW;
        this.origin = new int[convPixels];
        for (int q = 0; q < convPixels; q++) {
            origin[q] = (q / convW) * inW + q % convW;
        }
        this.l2 = (float) l2;
        this.eps = eps;
        this.decay = decay;
        w = new float[taps * inC][outC];
        wt = inputGradients ? new float[taps * outC][inC] : null;
        bias = new float[outC];
        gamma = new float[outC];
        beta = new float[outC];
        runMean = new float[outC];
        runVar = new float[outC];
        mW = new float[taps * inC][outC];
        vW = new float[taps * inC][outC];
        moments = new float[6][outC];
        centre = new float[outC];
        mean = new float[outC];
        var = new float[outC];
        invStd = new float[outC];
        scale = new float[outC];
        shift = new float[outC];
        k1 = new float[outC];
        meanDy = new float[outC];
        meanDyXhat = new float[outC];
        gGamma = new float[outC];
        gBeta = new float[outC];
        this.parts = new Part[parts];
        for (int i = 0; i < parts; i++) {
            this.parts[i] = new Part(this);
        }
    }

    // ---- parameters in and out ----

    /** Sets W from rows of output channels per (ky, kx, input channel), the layout of {@code Layer.Conv}. */
    void setWeights(float[][] rowsOfOut) {
        for (int r = 0; r < rowsOfOut.length; r++) {
            System.arraycopy(rowsOfOut[r], 0, w[r], 0, outC);
        }
        transposeWeights();
        Arrays.fill(centre, 0f);
    }

    /** W or its gradient rows in DL4J's {@code [out][in][kh][kw]} order. */
    float[] toDl4j(float[][] rows) {
        return io.musicspeech.model.net.Dl4jNetworks.convToDl4j(rows, k, k, inC, outC);
    }

    private void transposeWeights() {
        if (wt == null) {
            return;
        }
        for (int t = 0; t < taps; t++) {
            for (int c = 0; c < inC; c++) {
                float[] row = w[t * inC + c];
                for (int o = 0; o < outC; o++) {
                    wt[t * outC + o][c] = row[o];
                }
            }
        }
    }

    void ensureCapacity(int n) {
        if (n <= capacity) {
            return;
        }
        act = new float[n * convPixels][outC];
        grad = new float[n * convPixels][outC];
        pooled = new float[n * poolPixels][outC];
        argmax = new float[n * poolPixels][outC];
        capacity = n;
    }

    /** Zeroes every part's sums and gradients: the start of a step. */
    void reset() {
        for (Part p : parts) {
            Arrays.fill(p.s1, 0);
            Arrays.fill(p.s2, 0);
            Arrays.fill(p.gB, 0f);
            TrainerMath.zero(p.gW, 0, p.gW.length);
        }
    }

    // ---- forward ----

    /** Convolution and relu of sample {@code s} of {@code in} ({@code inH x inW x inC} per sample), with its batch-norm sums. */
    void forward(float[][] in, int s, int part) {
        Part p = parts[part];
        int inBase = s * inH * inW;
        int outBase = s * convPixels;
        float[] patch = p.patch;
        int rows = patch.length;
        int rows4 = rows & ~3;
        for (int oy = 0; oy < convH; oy++) {
            for (int ox = 0; ox < convW; ox++) {
                // The pixel's receptive field as one vector over (ky, kx, c): W's rows are in that order, and
                // summing four weight rows into the output row at a time keeps the loop's stores few.
                int first = inBase + oy * inW + ox;
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        float[] src = in[first + ky * inW + kx];
                        if (inC == 1) {
                            patch[ky * k + kx] = src[0];
                        } else {
                            System.arraycopy(src, 0, patch, (ky * k + kx) * inC, inC);
                        }
                    }
                }
                float[] o = act[outBase + oy * convW + ox];
                System.arraycopy(bias, 0, o, 0, outC);
                int r = 0;
                for (; r < rows4; r += 4) {
                    acc4(patch[r], patch[r + 1], patch[r + 2], patch[r + 3], w[r], w[r + 1], w[r + 2], w[r + 3], o);
                }
                for (; r < rows; r++) {
                    axpy(patch[r], w[r], o);
                }
            }
        }
        float[] f1 = p.f1;
        float[] f2 = p.f2;
        float[] c0 = centre;
        Arrays.fill(f1, 0f);
        Arrays.fill(f2, 0f);
        for (int r = outBase; r < outBase + convPixels; r++) {
            float[] o = act[r];
            for (int c = 0; c < o.length; c++) {
                float v = Math.max(o[c], 0f);
                o[c] = v;
                float d = v - c0[c];
                f1[c] += d;
                f2[c] += d * d;
            }
        }
        accumulate(p, f1, f2);
    }

    private static void accumulate(Part p, float[] f1, float[] f2) {
        double[] s1 = p.s1;
        double[] s2 = p.s2;
        for (int c = 0; c < s1.length; c++) {
            s1[c] += f1[c];
            s2[c] += f2[c];
        }
    }

    /**
     * Channel {@code c}'s first ({@code first}) or second sum over the parts, added in part order
     * (so a run is deterministic for a thread count), and cleared: the next phase reuses the sums.
     */
    private double takeSum(int c, boolean first) {
        double sum = 0;
        for (Part p : parts) {
            double[] sums = first ? p.s1 : p.s2;
            sum += sums[c];
            sums[c] = 0;
        }
        return sum;
    }

    /** Batch mean and (biased) variance from the parts' sums, in part order; {@code n} samples. */
    void finishStatistics(int n) {
        double m = (double) n * convPixels;
        for (int c = 0; c < outC; c++) {
            double s1 = takeSum(c, true);
            double s2 = takeSum(c, false);
            double d = s1 / m;
            double mu = centre[c] + d;
            double v = Math.max(0, s2 / m - d * d);
            double is = 1 / Math.sqrt(v + eps);
            mean[c] = (float) mu;
            var[c] = (float) v;
            invStd[c] = (float) is;
            scale[c] = (float) (gamma[c] * is);
            shift[c] = (float) (beta[c] - mu * gamma[c] * is);
            centre[c] = (float) mu;
        }
    }

    /** Batch norm of sample {@code s} into the part's scratch, then max pooling into {@link #pooled}. */
    void normaliseAndPool(int s, int part) {
        float[][] y = parts[part].normed;
        int base = s * convPixels;
        float[] sc = scale;
        float[] sh = shift;
        for (int q = 0; q < convPixels; q++) {
            float[] a = act[base + q];
            float[] o = y[q];
            for (int c = 0; c < o.length; c++) {
                o[c] = a[c] * sc[c] + sh[c];
            }
        }
        int pBase = s * poolPixels;
        for (int oy = 0; oy < poolH; oy++) {
            int y0 = Math.max(0, oy * stride - padTop);
            int y1 = Math.min(convH, oy * stride - padTop + poolK);
            for (int ox = 0; ox < poolW; ox++) {
                int x0 = Math.max(0, ox * stride - padLeft);
                int x1 = Math.min(convW, ox * stride - padLeft + poolK);
                float[] o = pooled[pBase + oy * poolW + ox];
                float[] arg = argmax[pBase + oy * poolW + ox];
                int q0 = y0 * convW + x0;
                System.arraycopy(y[q0], 0, o, 0, outC);
                Arrays.fill(arg, q0);
                // Row-major scan, only a strictly greater value replaces: ties go to the first cell, as in
                // libnd4j's maxpool backprop. Branch-free (the comparisons are coin flips a branch predictor
                // loses; this form vectorises): v - m > 0 is at least the smallest subnormal, so two scalings
                // by 1e30 and a clamp give exactly 1 when v > m and 0 otherwise.
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = yy == y0 ? x0 + 1 : x0; xx < x1; xx++) {
                        float q = yy * convW + xx;
                        float[] src = y[(int) q];
                        for (int c = 0; c < o.length; c++) {
                            float v = src[c];
                            float m = o[c];
                            float greater = Math.min(Math.max((v - m) * 1e30f * 1e30f, 0f), 1f);
                            o[c] = Math.max(m, v);
                            arg[c] += greater * (q - arg[c]);
                        }
                    }
                }
            }
        }
    }

    // ---- backward ----

    /**
     * Routes the part's dL/d(pooled) of sample {@code s} to the max cells, then adds the sample's
     * dL/dy and dL/dy * xhat to the part's batch-norm sums.
     */
    void poolBackward(int s, int part) {
        Part p = parts[part];
        int base = s * convPixels;
        TrainerMath.zero(grad, base, base + convPixels);
        int pBase = s * poolPixels;
        for (int op = 0; op < poolPixels; op++) {
            float[] d = p.dPooled[op];
            float[] arg = argmax[pBase + op];
            for (int c = 0; c < outC; c++) {
                grad[base + (int) arg[c]][c] += d[c];
            }
        }
        float[] f1 = p.f1;
        float[] f2 = p.f2;
        float[] mu = mean;
        float[] is = invStd;
        Arrays.fill(f1, 0f);
        Arrays.fill(f2, 0f);
        for (int q = base; q < base + convPixels; q++) {
            float[] dy = grad[q];
            float[] a = act[q];
            for (int c = 0; c < dy.length; c++) {
                float xhat = (a[c] - mu[c]) * is[c];
                f1[c] += dy[c];
                f2[c] += dy[c] * xhat;
            }
        }
        accumulate(p, f1, f2);
    }

    /** dgamma, dbeta and the coefficients of dL/dx from the parts' sums, in part order. */
    void finishBackwardSums(int n) {
        double m = (double) n * convPixels;
        for (int c = 0; c < outC; c++) {
            double s1 = takeSum(c, true);
            double s2 = takeSum(c, false);
            gBeta[c] = (float) s1;
            gGamma[c] = (float) s2;
            k1[c] = gamma[c] * invStd[c];
            meanDy[c] = (float) (s1 / m);
            meanDyXhat[c] = (float) (s2 / m);
        }
    }

    /**
     * Sample {@code s}: dL/dx through the batch norm and the relu, then the conv's weight and
     * bias gradients (added to the part's) and, if {@code previous} is given, dL/d(its pooled
     * output), routed on through its pooling.
     */
    void backward(float[][] in, int s, int part, TrainerBlock previous) {
        int base = s * convPixels;
        float[] mu = mean;
        float[] is = invStd;
        float[] kk = k1;
        float[] mdy = meanDy;
        float[] mdx = meanDyXhat;
        for (int q = base; q < base + convPixels; q++) {
            float[] d = grad[q];
            float[] a = act[q];
            for (int c = 0; c < d.length; c++) {
                float xhat = (a[c] - mu[c]) * is[c];
                float dx = kk[c] * (d[c] - mdy[c] - xhat * mdx[c]);
                // relu': 1 where a = relu(z) > 0, else 0, without a branch (see normaliseAndPool)
                d[c] = dx * Math.min(a[c] * 1e30f * 1e30f, 1f);
            }
        }
        Part p = parts[part];
        float[][] dIn = null;
        if (previous != null) {
            dIn = previous.parts[part].dPooled;
            TrainerMath.zero(dIn, 0, dIn.length);
        }
        int inBase = s * inH * inW;
        int q = 0;
        // Any four output pixels share the weight-gradient rows (all kernels lie inside the input)
        for (; q + 4 <= convPixels; q += 4) {
            weightGradient4(in, inBase, base + q, q, p);
        }
        for (; q < convPixels; q++) {
            weightGradient1(in, inBase + origin[q], base + q, p);
        }
        if (dIn != null) {
            for (int oy = 0; oy < convH; oy++) {
                for (int ox = 0; ox < convW; ox++) {
                    inputGradient(grad[base + oy * convW + ox], oy * inW + ox, dIn);
                }
            }
            previous.poolBackward(s, part);
        }
    }

    private void weightGradient1(float[][] in, int first, int out, Part p) {
        float[] d = grad[out];
        TrainerMath.add(d, p.gB);
        for (int ky = 0; ky < k; ky++) {
            int row = first + ky * inW;
            for (int kx = 0; kx < k; kx++) {
                float[] src = in[row + kx];
                int w0 = (ky * k + kx) * inC;
                for (int c = 0; c < inC; c++) {
                    axpy(src[c], d, p.gW[w0 + c]);
                }
            }
        }
    }

    /** Output pixels q..q+3 of a sample: each gradient row loaded and stored once for four. */
    private void weightGradient4(float[][] in, int inBase, int out, int q, Part p) {
        float[] d0 = grad[out];
        float[] d1 = grad[out + 1];
        float[] d2 = grad[out + 2];
        float[] d3 = grad[out + 3];
        add4(d0, d1, d2, d3, p.gB);
        int i0 = inBase + origin[q];
        int i1 = inBase + origin[q + 1];
        int i2 = inBase + origin[q + 2];
        int i3 = inBase + origin[q + 3];
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                int t = ky * inW + kx;
                float[] s0 = in[i0 + t];
                float[] s1 = in[i1 + t];
                float[] s2 = in[i2 + t];
                float[] s3 = in[i3 + t];
                int w0 = (ky * k + kx) * inC;
                for (int c = 0; c < inC; c++) {
                    acc4(s0[c], s1[c], s2[c], s3[c], d0, d1, d2, d3, p.gW[w0 + c]);
                }
            }
        }
    }

    /** dL/d(input rows under the kernel of one output pixel) += W^T d; {@code first}: the top-left input pixel in the sample. */
    private void inputGradient(float[] d, int first, float[][] dIn) {
        int o4 = outC & ~3;
        for (int ky = 0; ky < k; ky++) {
            for (int kx = 0; kx < k; kx++) {
                float[] dst = dIn[first + ky * inW + kx];
                int t0 = (ky * k + kx) * outC;
                int o = 0;
                for (; o < o4; o += 4) {
                    acc4(d[o], d[o + 1], d[o + 2], d[o + 3], wt[t0 + o], wt[t0 + o + 1], wt[t0 + o + 2], wt[t0 + o + 3], dst);
                }
                for (; o < outC; o++) {
                    axpy(d[o], wt[t0 + o], dst);
                }
            }
        }
    }

    /** Sums the parts' weight and bias gradients into part 0's, in part order. */
    void reduceGradients() {
        Part p0 = parts[0];
        for (int i = 1; i < parts.length; i++) {
            Part pi = parts[i];
            for (int r = 0; r < p0.gW.length; r++) {
                TrainerMath.add(pi.gW[r], p0.gW[r]);
            }
            TrainerMath.add(pi.gB, p0.gB);
        }
    }

    float[][] weightGradient() {
        return parts[0].gW;
    }

    float[] biasGradient() {
        return parts[0].gB;
    }

    // ---- update ----

    /** Adam on W (with L2), b, gamma, beta; then the running statistics, as DL4J: r = decay r + (1 - decay) batch. */
    void step(float alpha) {
        float[][] gW = parts[0].gW;
        for (int r = 0; r < w.length; r++) {
            TrainerMath.Adam.step(w[r], gW[r], mW[r], vW[r], alpha, l2);
        }
        TrainerMath.Adam.step(bias, parts[0].gB, moments[0], moments[1], alpha, 0);
        TrainerMath.Adam.step(gamma, gGamma, moments[2], moments[3], alpha, 0);
        TrainerMath.Adam.step(beta, gBeta, moments[4], moments[5], alpha, 0);
        transposeWeights();
        for (int c = 0; c < outC; c++) {
            runMean[c] = (float) (decay * runMean[c] + (1 - decay) * mean[c]);
            runVar[c] = (float) (decay * runVar[c] + (1 - decay) * var[c]);
        }
    }
}
