package io.musicspeech.features;

/**
 * The mel filter bank of {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False,
 * norm='slaney')}: triangular filters on the Slaney mel scale, each scaled to unit area in Hz.
 *
 * <p>librosa stores the weights as float32 (its default dtype); they are rounded the same way
 * here so the bank is the one librosa used, not a slightly more precise one. Each filter is
 * kept as its non-zero run of FFT bins, so applying the bank costs about two multiplications
 * per bin instead of n_mels.
 *
 * <p>Immutable and thread-safe.
 */
public final class MelFilterBank {

    /** Below this frequency the Slaney scale is linear. */
    private static final double MIN_LOG_HZ = 1000.0;
    /** Hz per mel in the linear part. */
    private static final double F_SP = 200.0 / 3;
    /** The mel value of 1 kHz: 15. */
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    /** Log step per mel in the log part: ln(6.4) / 27. */
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private final int nMels;
    private final int nBins;
    private final int[] start;
    private final double[][] weights;

    /**
     * @param sampleRate sample rate in Hz
     * @param nFft       FFT size; the bank covers its 1 + nFft/2 bins
     * @param nMels      number of filters
     * @param fmin       lowest edge in Hz
     * @param fmax       highest edge in Hz
     */
    public MelFilterBank(int sampleRate, int nFft, int nMels, double fmin, double fmax) {
        if (sampleRate <= 0 || nFft < 2 || nMels < 1) {
            throw new IllegalArgumentException("mel filter bank needs sampleRate > 0, nFft >= 2 and nMels >= 1, got "
                    + sampleRate + ", " + nFft + ", " + nMels);
        }
        if (!(fmin >= 0 && fmin < fmax && fmax <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("mel filter bank needs 0 <= fmin < fmax <= sampleRate/2, got fmin "
                    + fmin + ", fmax " + fmax + " at sampleRate " + sampleRate);
        }
        this.nMels = nMels;
        this.nBins = 1 + nFft / 2;
        double[] fftFreqs = new double[nBins];
        double binHz = 1.0 / (nFft * (1.0 / sampleRate)); // as numpy.fft.rfftfreq computes it
        for (int k = 0; k < nBins; k++) {
            fftFreqs[k] = k * binHz;
        }
        double[] melF = melFrequencies(nMels + 2, fmin, fmax);
        start = new int[nMels];
        weights = new double[nMels][];
        double[] row = new double[nBins];
        for (int i = 0; i < nMels; i++) {
            double lowDiff = melF[i + 1] - melF[i];
            double highDiff = melF[i + 2] - melF[i + 1];
            double enorm = 2.0 / (melF[i + 2] - melF[i]);
            int first = -1, last = -1;
            for (int k = 0; k < nBins; k++) {
                double lower = -(melF[i] - fftFreqs[k]) / lowDiff;
                double upper = (melF[i + 2] - fftFreqs[k]) / highDiff;
                // librosa: weights[i] = max(0, min(lower, upper)) into a float32 array, then *= enorm
                float w = (float) Math.max(0.0, Math.min(lower, upper));
                row[k] = (float) (w * enorm);
                if (row[k] != 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                // An empty filter (too many mels for the FFT size): librosa keeps it as zeros too.
                start[i] = 0;
                weights[i] = new double[0];
            } else {
                start[i] = first;
                weights[i] = java.util.Arrays.copyOfRange(row, first, last + 1);
            }
        }
    }

    /** Hz to mel on the Slaney scale (librosa.hz_to_mel with htk=False). */
    public static double hzToMel(double hz) {
        if (hz >= MIN_LOG_HZ) {
            return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
        }
        return hz / F_SP;
    }

    /** Mel to Hz on the Slaney scale (librosa.mel_to_hz with htk=False). */
    public static double melToHz(double mel) {
        if (mel >= MIN_LOG_MEL) {
            return MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
        }
        return F_SP * mel;
    }

    /**
     * librosa.mel_frequencies(n, fmin, fmax, htk=False): n points evenly spaced in mel, in Hz.
     * The spacing follows numpy.linspace (start + i * step, last point exactly the end).
     */
    public static double[] melFrequencies(int n, double fmin, double fmax) {
        double minMel = hzToMel(fmin);
        double maxMel = hzToMel(fmax);
        double[] hz = new double[n];
        double step = n > 1 ? (maxMel - minMel) / (n - 1) : 0;
        for (int i = 0; i < n; i++) {
            double mel = (i == n - 1 && n > 1) ? maxMel : minMel + i * step;
            hz[i] = melToHz(mel);
        }
        return hz;
    }

    /** Number of filters. */
    public int nMels() {
        return nMels;
    }

    /** Number of FFT bins the bank expects: 1 + nFft/2. */
    public int nBins() {
        return nBins;
    }

    /** First FFT bin with a non-zero weight in filter {@code mel} (0 for an empty filter). */
    public int start(int mel) {
        return start[mel];
    }

    /** Number of consecutive non-zero weights of filter {@code mel}, starting at {@link #start}. */
    public int length(int mel) {
        return weights[mel].length;
    }

    /** Weight of filter {@code mel} at FFT bin {@code bin} (0 outside its non-zero range). */
    public double weight(int mel, int bin) {
        int j = bin - start[mel];
        return j >= 0 && j < weights[mel].length ? weights[mel][j] : 0.0;
    }

    /**
     * Applies the bank to one power spectrum: {@code out[outOffset + i * outStride]} = sum over bins
     * of weight(i, k) * power[k], for i = 0..nMels-1.
     */
    public void apply(double[] power, double[] out, int outOffset, int outStride) {
        for (int i = 0; i < nMels; i++) {
            double[] w = weights[i];
            int s = start[i];
            double sum = 0;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * power[s + j];
            }
            out[outOffset + i * outStride] = sum;
        }
    }
}
