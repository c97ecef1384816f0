package io.musicspeech.features;

/**
 * Power spectrum of a real signal whose length n is a power of two, in double precision.
 *
 * <p>A real FFT of size n is done as a complex FFT of size n/2 (even samples as the real part,
 * odd samples as the imaginary part) followed by a split step that separates the two
 * interleaved spectra; this halves the work of a plain complex FFT. Twiddles and the
 * bit-reversal table are computed once in the constructor.
 *
 * <p>An instance holds working buffers, so it is <b>not thread-safe</b>: use one per thread.
 */
public final class Fft {

    private final int n;
    /** Size of the complex FFT: n / 2. */
    private final int m;
    /** Bit-reversed index for each of the m complex inputs. */
    private final int[] bitReverse;
    /**
     * Twiddles of the complex FFT, stage by stage: the stage whose butterflies span h = 1, 2, 4, ...
     * reads exp(-2 pi i j / 2h), j = 0..h-1, at offset h - 1, so the inner loop reads them contiguously.
     */
    private final double[] stageCos;
    private final double[] stageSin;
    /** cos / sin of 2 pi k / n for k = 0..m/2, used by the split step. */
    private final double[] splitCos;
    private final double[] splitSin;
    private final double[] re;
    private final double[] im;

    /**
     * @param n transform size; a power of two, at least 4
     * @throws IllegalArgumentException if n is not a power of two or smaller than 4
     */
    public Fft(int n) {
        if (n < 4 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("FFT size must be a power of two >= 4, got " + n);
        }
        this.n = n;
        this.m = n / 2;
        int bits = Integer.numberOfTrailingZeros(m);
        bitReverse = new int[m];
        for (int i = 0; i < m; i++) {
            bitReverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        }
        stageCos = new double[Math.max(1, m - 1)];
        stageSin = new double[Math.max(1, m - 1)];
        for (int h = 1; h < m; h <<= 1) {
            for (int j = 0; j < h; j++) {
                double angle = Math.PI * j / h;
                stageCos[h - 1 + j] = Math.cos(angle);
                stageSin[h - 1 + j] = Math.sin(angle);
            }
        }
        splitCos = new double[m / 2 + 1];
        splitSin = new double[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            double angle = 2 * Math.PI * k / n;
            splitCos[k] = Math.cos(angle);
            splitSin[k] = Math.sin(angle);
        }
        re = new double[m];
        im = new double[m];
    }

    /** The transform size n. */
    public int size() {
        return n;
    }

    /**
     * Writes |X_k|^2 for k = 0..n/2 of the real input into {@code power}.
     *
     * @param input the n real samples (read only)
     * @param power receives n/2 + 1 values
     */
    public void powerSpectrum(double[] input, double[] power) {
        if (input.length < n || power.length < m + 1) {
            throw new IllegalArgumentException("need input of " + n + " and output of " + (m + 1)
                    + " values, got " + input.length + " and " + power.length);
        }
        transformPacked(input);
        // Split: with Z = FFT(z), z[j] = x[2j] + i x[2j+1], the real FFT is
        // X[k] = E[k] + W^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / 2i,
        // W = exp(-2 pi i / n). Bins k and m - k share Z[k] and Z[m-k], so they are done together.
        double r0 = re[0];
        double i0 = im[0];
        power[0] = (r0 + i0) * (r0 + i0);
        power[m] = (r0 - i0) * (r0 - i0);
        for (int k = 1, q = m - 1; k <= q; k++, q--) {
            double ar = re[k], ai = im[k];
            double cr = re[q], ci = im[q];
            double er = 0.5 * (ar + cr), ei = 0.5 * (ai - ci);
            double or = 0.5 * (ai + ci), oi = -0.5 * (ar - cr);
            double c = splitCos[k], s = splitSin[k];
            // W^k = c - i s
            double tr = c * or + s * oi;
            double ti = c * oi - s * or;
            double xr = er + tr, xi = ei + ti;
            power[k] = xr * xr + xi * xi;
            if (q != k) {
                // Bin m - k: E' = conj E, O' = conj O and W^(m-k) = -conj W^k,
                // so X[m-k] = conj(E - W^k O), which has the same magnitude as E - W^k O.
                double yr = er - tr, yi = ei - ti;
                power[q] = yr * yr + yi * yi;
            }
        }
    }

    /**
     * In-place complex FFT of size m of the packed input (even samples real, odd imaginary):
     * iterative radix-2 decimation in time, with stages fused in pairs (radix-2^2) so the data
     * is read and written half as often; the first two stages need no multiplications and are
     * done while loading in bit-reversed order.
     */
    private void transformPacked(double[] x) {
        final double[] re = this.re, im = this.im;
        int h;
        if (m == 2) {
            double ar = x[0], ai = x[1], br = x[2], bi = x[3];
            re[0] = ar + br;
            im[0] = ai + bi;
            re[1] = ar - br;
            im[1] = ai - bi;
            return;
        }
        // Positions p..p+3 (p a multiple of 4) hold inputs r, r + m/2, r + m/4, r + 3m/4 with
        // r = bitReverse[p]; the 4-point DFT over them is stages h = 1 and h = 2.
        int q1 = m / 4, q2 = m / 2, q3 = 3 * m / 4;
        for (int p = 0; p < m; p += 4) {
            int r = 2 * bitReverse[p];
            double a0r = x[r], a0i = x[r + 1];
            double a1r = x[r + 2 * q2], a1i = x[r + 2 * q2 + 1];
            double a2r = x[r + 2 * q1], a2i = x[r + 2 * q1 + 1];
            double a3r = x[r + 2 * q3], a3i = x[r + 2 * q3 + 1];
            double b0r = a0r + a1r, b0i = a0i + a1i;
            double b1r = a0r - a1r, b1i = a0i - a1i;
            double b2r = a2r + a3r, b2i = a2i + a3i;
            double b3r = a2r - a3r, b3i = a2i - a3i;
            re[p] = b0r + b2r;
            im[p] = b0i + b2i;
            re[p + 2] = b0r - b2r;
            im[p + 2] = b0i - b2i;
            // twiddle -i: (-i) * b3 = (b3i, -b3r)
            re[p + 1] = b1r + b3i;
            im[p + 1] = b1i - b3r;
            re[p + 3] = b1r - b3i;
            im[p + 3] = b1i + b3r;
        }
        // Stages h and 2h together on 4 points i, i+h, i+2h, i+3h. Stage h uses W1 = w^2j, stage 2h
        // uses W2 = w^j on (i, i+2h) and w^(j+h) = -i W2 on (i+h, i+3h), w = exp(-i pi / 2h).
        for (h = 4; 4 * h <= m; h <<= 2) {
            int span = 4 * h;
            for (int j = 0; j < h; j++) {
                double c1 = stageCos[h - 1 + j], s1 = stageSin[h - 1 + j];
                double c2 = stageCos[2 * h - 1 + j], s2 = stageSin[2 * h - 1 + j];
                for (int i0 = j; i0 < m; i0 += span) {
                    int i1 = i0 + h, i2 = i1 + h, i3 = i2 + h;
                    double a1r = re[i1], a1i = im[i1];
                    double t1r = c1 * a1r + s1 * a1i, t1i = c1 * a1i - s1 * a1r;
                    double a3r = re[i3], a3i = im[i3];
                    double t3r = c1 * a3r + s1 * a3i, t3i = c1 * a3i - s1 * a3r;
                    double a0r = re[i0], a0i = im[i0];
                    double a2r = re[i2], a2i = im[i2];
                    double b0r = a0r + t1r, b0i = a0i + t1i;
                    double b1r = a0r - t1r, b1i = a0i - t1i;
                    double b2r = a2r + t3r, b2i = a2i + t3i;
                    double b3r = a2r - t3r, b3i = a2i - t3i;
                    double u2r = c2 * b2r + s2 * b2i, u2i = c2 * b2i - s2 * b2r;
                    // -i W2 b3
                    double w3r = c2 * b3r + s2 * b3i, w3i = c2 * b3i - s2 * b3r;
                    double u3r = w3i, u3i = -w3r;
                    re[i0] = b0r + u2r;
                    im[i0] = b0i + u2i;
                    re[i2] = b0r - u2r;
                    im[i2] = b0i - u2i;
                    re[i1] = b1r + u3r;
                    im[i1] = b1i + u3i;
                    re[i3] = b1r - u3r;
                    im[i3] = b1i - u3i;
                }
            }
        }
        // An odd number of stages leaves one radix-2 stage (h = m/2).
        if (h < m) {
            for (int j = 0; j < h; j++) {
                double c = stageCos[h - 1 + j], s = stageSin[h - 1 + j];
                int i1 = j, i2 = j + h;
                double br = re[i2], bi = im[i2];
                double tr = c * br + s * bi;
                double ti = c * bi - s * br;
                double ar = re[i1], ai = im[i1];
                re[i1] = ar + tr;
                im[i1] = ai + ti;
                re[i2] = ar - tr;
                im[i2] = ai - ti;
            }
        }
    }
}
