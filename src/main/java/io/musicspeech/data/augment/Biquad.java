package io.musicspeech.data.augment;

/** A second-order IIR section (RBJ Audio EQ Cookbook), run in double precision. */
final class Biquad {
    private final double b0, b1, b2, a1, a2; // normalised so that a0 == 1

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    /** Cookbook high-pass; q = 1/sqrt(2) makes it a 2nd-order Butterworth (12 dB/octave). */
    static Biquad highPass(double cutoffHz, int sampleRate, double q) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Cookbook low-pass; q = 1/sqrt(2) makes it a 2nd-order Butterworth (12 dB/octave). */
    static Biquad lowPass(double cutoffHz, int sampleRate, double q) {
        double w0 = 2 * Math.PI * cutoffHz / sampleRate;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Filters x from rest (zero state) into a new array: transposed direct form II. */
    float[] filter(float[] x) {
        float[] y = new float[x.length];
        double s1 = 0, s2 = 0;
        for (int i = 0; i < x.length; i++) {
            double in = x[i];
            double out = b0 * in + s1;
            s1 = b1 * in - a1 * out + s2;
            s2 = b2 * in - a2 * out;
            y[i] = (float) out;
        }
        return y;
    }
}
