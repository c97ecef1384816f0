package io.musicspeech.model;

/**
 * The inner loops of {@link JavaCnnTrainer}. Every loop indexes all its arrays with the same
 * index from 0 (one row of channels each): C2 (JDK 17) vectorises such loops, not ones whose
 * stores and loads use different offsets into float[]s it cannot prove distinct (see
 * {@link JavaCnnClassifier}).
 */
final class TrainerMath {

    private TrainerMath() {
    }

    /** y += a * x. */
    static void axpy(float a, float[] x, float[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a * x[k];
        }
    }

    /**
     * y += a0 x0 + a1 x1 + a2 x2 + a3 x3: y loaded and stored once for four products, the fastest
     * of the forms measured on rows of 32 to 64 floats (about 10 multiply-adds per ns against 7 for
     * four outputs sharing one x; eight inputs or two outputs at once ran at scalar speed).
     */
    static void acc4(float a0, float a1, float a2, float a3,
                     float[] x0, float[] x1, float[] x2, float[] x3, float[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += a0 * x0[k] + a1 * x1[k] + a2 * x2[k] + a3 * x3[k];
        }
    }

    /** y += x0 + x1 + x2 + x3. */
    static void add4(float[] x0, float[] x1, float[] x2, float[] x3, float[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += x0[k] + x1[k] + x2[k] + x3[k];
        }
    }

    /** y += x. */
    static void add(float[] x, float[] y) {
        for (int k = 0; k < y.length; k++) {
            y[k] += x[k];
        }
    }

    static float dot(float[] x, float[] y) {
        float s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }

    /** A deep copy of rows. */
    static float[][] copy(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            out[r] = rows[r].clone();
        }
        return out;
    }

    static void zero(float[][] rows, int from, int to) {
        for (int r = from; r < to; r++) {
            java.util.Arrays.fill(rows[r], 0f);
        }
    }

    /** Adam's update, as DL4J's (libnd4j's) AdamUpdater computes it. */
    static final class Adam {
        static final float BETA1 = 0.9f;
        static final float BETA2 = 0.999f;
        /** Keras' epsilon, as CnnFactory configures DL4J's Adam. */
        static final float EPSILON = 1e-7f;

        private Adam() {
        }

        /**
         * The step size of iteration {@code t} (1 for the first step) with DL4J's bias correction:
         * {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)}, epsilon left uncorrected.
         */
        static float alpha(double learningRate, int t) {
            return (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        }

        /**
         * One step on a parameter row: {@code g += l2 * p} (DL4J's L2 term, applied to the
         * minibatch-mean gradient before the updater), then the moments and the parameter.
         */
        static void step(float[] p, float[] g, float[] m, float[] v, float alpha, float l2) {
            for (int k = 0; k < p.length; k++) {
                float grad = g[k] + l2 * p[k];
                float mk = BETA1 * m[k] + grad * (1 - BETA1);
                float vk = BETA2 * v[k] + grad * grad * (1 - BETA2);
                m[k] = mk;
                v[k] = vk;
                p[k] -= mk * alpha / ((float) Math.sqrt(vk) + EPSILON);
            }
        }
    }
}
