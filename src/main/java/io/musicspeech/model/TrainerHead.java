package io.musicspeech.model;

import io.musicspeech.model.net.Layer;

import static io.musicspeech.model.TrainerMath.axpy;

import java.util.Arrays;

/**
 * The end of {@link JavaCnnTrainer}'s network: flatten (NHWC: pixel by pixel, channels
 * innermost, as DL4J's CnnToFeedForwardPreProcessor) -> dense relu -> [inverted dropout] -> one
 * logit, trained with binary cross-entropy on the logit; forward and backward of one sample at
 * a time, down to dL/d(last pooled map).
 */
final class TrainerHead {

    final int pixels;
    final int channels;
    final int inputs;
    final int units;

    /** Dense W, one row of units per input (DL4J's {@code [in][out]}, c order). */
    final float[][] w;
    final float[] bias;
    /** Output layer W ({@code [units][1]}) and b. */
    final float[] out;
    final float[] outBias = new float[1];

    private final float[][] mW;
    private final float[][] vW;
    private final float[][] moments; // bias, out, outBias: m and v each

    final Part[] parts;
    /** Per sample: 0 or 1 / keep for each unit; null without dropout. */
    float[][] masks;

    static final class Part {
        final float[] pre;
        final float[] hidden;
        final float[] dPre;
        final float[][] gW;
        final float[] gBias;
        final float[] gOut;
        final float[] gOutBias = new float[1];
        double loss;

        Part(TrainerHead h) {
            pre = new float[h.units];
            hidden = new float[h.units];
            dPre = new float[h.units];
            gW = new float[h.inputs][h.units];
            gBias = new float[h.units];
            gOut = new float[h.units];
        }
    }

    TrainerHead(int pixels, int channels, int units, int parts) {
        this.pixels = pixels;
        this.channels = channels;
        this.inputs = pixels * channels;
        this.units = units;
        w = new float[inputs][units];
        bias = new float[units];
        out = new float[units];
        mW = new float[inputs][units];
        vW = new float[inputs][units];
        moments = new float[6][];
        for (int i = 0; i < 6; i++) {
            moments[i] = new float[i < 4 ? units : 1];
        }
        this.parts = new Part[parts];
        for (int i = 0; i < parts; i++) {
            this.parts[i] = new Part(this);
        }
    }

    /** A head with the parameters of a dense layer and an output layer of one unit ({@code Layer.Dense} rows layout). */
    static TrainerHead from(io.musicspeech.model.net.Layer.Dense dense, io.musicspeech.model.net.Layer.Dense out, int pixels,
                            int channels, int parts) {
        TrainerHead t = new TrainerHead(pixels, channels, dense.outputs(), parts);
        for (int r = 0; r < t.inputs; r++) {
            System.arraycopy(dense.weights()[r], 0, t.w[r], 0, t.units);
        }
        System.arraycopy(dense.bias(), 0, t.bias, 0, t.units);
        for (int r = 0; r < t.units; r++) {
            t.out[r] = out.weights()[r][0];
        }
        t.outBias[0] = out.bias()[0];
        return t;
    }

    /** The hidden dense layer {@code read} with this head's current weights. */
    Layer.Dense hiddenLayer(Layer.Dense read) {
        return new Layer.Dense(read.index(), read.inputs(), read.outputs(), read.activation(), TrainerMath.copy(w), bias.clone(),
                read.hasBias(), read.l2(), read.loss(), read.trainingIssues());
    }

    /** The one-logit output layer {@code read} with this head's current weights. */
    Layer.Dense outputLayer(Layer.Dense read) {
        float[][] weights = new float[units][1];
        for (int r = 0; r < units; r++) {
            weights[r][0] = out[r];
        }
        return new Layer.Dense(read.index(), read.inputs(), 1, read.activation(), weights, outBias.clone(), read.hasBias(), read.l2(),
                read.loss(), read.trainingIssues());
    }

    /** The logit of sample {@code s} (its {@code pixels} rows of {@code rows}) at the current parameters, without dropout. */
    float logit(float[][] rows, int s, float[] hidden) {
        System.arraycopy(bias, 0, hidden, 0, units);
        int base = s * pixels;
        for (int q = 0; q < pixels; q++) {
            float[] x = rows[base + q];
            int r = q * channels;
            for (int c = 0; c < channels; c++) {
                axpy(x[c], w[r + c], hidden);
            }
        }
        for (int j = 0; j < units; j++) {
            hidden[j] = Math.max(hidden[j], 0f);
        }
        return outBias[0] + TrainerMath.dot(hidden, out);
    }

    void reset() {
        for (Part p : parts) {
            TrainerMath.zero(p.gW, 0, p.gW.length);
            Arrays.fill(p.gBias, 0f);
            Arrays.fill(p.gOut, 0f);
            p.gOutBias[0] = 0;
            p.loss = 0;
        }
    }

    /**
     * Sample {@code s}: forward from its {@code pixels} rows of {@code pooled}, the loss against
     * {@code label}, and backward: the part's gradients, and dL/d(pooled) into {@code dPooled}.
     * {@code scale} is 1 / minibatch size, so the gradients are minibatch means.
     */
    void run(float[][] pooled, int s, float label, float scale, int part, float[][] dPooled) {
        Part p = parts[part];
        float[] pre = p.pre;
        float[] h = p.hidden;
        int base = s * pixels;
        System.arraycopy(bias, 0, pre, 0, units);
        for (int q = 0; q < pixels; q++) {
            float[] x = pooled[base + q];
            int r = q * channels;
            for (int c = 0; c < channels; c++) {
                axpy(x[c], w[r + c], pre);
            }
        }
        float[] mask = masks == null ? null : masks[s];
        for (int j = 0; j < units; j++) {
            h[j] = Math.max(pre[j], 0f);
        }
        if (mask != null) {
            for (int j = 0; j < units; j++) {
                h[j] *= mask[j];
            }
        }
        float z = outBias[0] + TrainerMath.dot(h, out);

        // BCE on the logit, in the stable form; its gradient is sigmoid(z) - y
        double zd = z;
        p.loss += Math.max(zd, 0) - zd * label + Math.log1p(Math.exp(-Math.abs(zd)));
        float g = (float) ((1 / (1 + Math.exp(-zd)) - label) * scale);

        axpy(g, h, p.gOut);
        p.gOutBias[0] += g;
        float[] dPre = p.dPre;
        for (int j = 0; j < units; j++) {
            float d = g * out[j];
            dPre[j] = pre[j] > 0 ? d : 0f;
        }
        if (mask != null) {
            for (int j = 0; j < units; j++) {
                dPre[j] *= mask[j];
            }
        }
        TrainerMath.add(dPre, p.gBias);
        for (int q = 0; q < pixels; q++) {
            float[] x = pooled[base + q];
            float[] dx = dPooled[q];
            int r = q * channels;
            for (int c = 0; c < channels; c++) {
                axpy(x[c], dPre, p.gW[r + c]);
                dx[c] = TrainerMath.dot(w[r + c], dPre);
            }
        }
    }

    void reduceGradients() {
        Part p0 = parts[0];
        for (int i = 1; i < parts.length; i++) {
            Part pi = parts[i];
            for (int r = 0; r < inputs; r++) {
                TrainerMath.add(pi.gW[r], p0.gW[r]);
            }
            TrainerMath.add(pi.gBias, p0.gBias);
            TrainerMath.add(pi.gOut, p0.gOut);
            p0.gOutBias[0] += pi.gOutBias[0];
        }
    }

    /** The minibatch's summed loss, in part order. */
    double loss() {
        double sum = 0;
        for (Part p : parts) {
            sum += p.loss;
        }
        return sum;
    }

    void step(float alpha) {
        Part p0 = parts[0];
        for (int r = 0; r < inputs; r++) {
            TrainerMath.Adam.step(w[r], p0.gW[r], mW[r], vW[r], alpha, 0);
        }
        TrainerMath.Adam.step(bias, p0.gBias, moments[0], moments[1], alpha, 0);
        TrainerMath.Adam.step(out, p0.gOut, moments[2], moments[3], alpha, 0);
        TrainerMath.Adam.step(outBias, p0.gOutBias, moments[4], moments[5], alpha, 0);
    }
}
