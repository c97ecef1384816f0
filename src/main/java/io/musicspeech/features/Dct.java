package io.musicspeech.features;

/**
 * DCT-II with norm='ortho' (as scipy.fftpack.dct(type=2, norm='ortho')), keeping only the first
 * rows. With 13 of 128 outputs a precomputed matrix is cheaper than a fast DCT.
 *
 * <p>Row k: c_k * cos(pi * k * (2n + 1) / (2N)), c_0 = sqrt(1/N), c_k = sqrt(2/N) otherwise.
 *
 * <p>Immutable and thread-safe.
 */
public final class Dct {

    private final int size;
    private final int keep;
    /** keep x size, row-major. */
    private final double[] matrix;

    /**
     * @param size input length N
     * @param keep number of leading coefficients computed, 1..N
     */
    public Dct(int size, int keep) {
        if (size < 1 || keep < 1 || keep > size) {
            throw new IllegalArgumentException("DCT needs 1 <= keep <= size, got keep " + keep + ", size " + size);
        }
        this.size = size;
        this.keep = keep;
        matrix = new double[keep * size];
        for (int k = 0; k < keep; k++) {
            double scale = Math.sqrt((k == 0 ? 1.0 : 2.0) / size);
            for (int n = 0; n < size; n++) {
                matrix[k * size + n] = scale * Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * size));
            }
        }
    }

    public int size() {
        return size;
    }

    public int keep() {
        return keep;
    }

    /** Coefficient of input n in output k. */
    public double coefficient(int k, int n) {
        return matrix[k * size + n];
    }

    /**
     * Transforms {@code in[inOffset .. inOffset + size)} into {@code keep} coefficients written to
     * {@code out[outOffset ..]} as floats (the caller's feature layout).
     */
    public void transform(double[] in, int inOffset, float[] out, int outOffset) {
        for (int k = 0; k < keep; k++) {
            int row = k * size;
            double sum = 0;
            for (int n = 0; n < size; n++) {
                sum += matrix[row + n] * in[inOffset + n];
            }
            out[outOffset + k] = (float) sum;
        }
    }
}
