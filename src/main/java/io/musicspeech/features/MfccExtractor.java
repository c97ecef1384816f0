package io.musicspeech.features;

import java.util.Objects;

/**
 * MFCCs of one window, value for value as {@code librosa.feature.mfcc(y=window, sr, n_mfcc,
 * n_fft, hop_length)} (librosa 0.10 defaults) computed them for the original project:
 * <ol>
 *   <li>centred STFT: the window is zero-padded by n_fft/2 on each side (pad_mode='constant'),
 *       so samples outside the window count as zero even if the caller's array has more;</li>
 *   <li>periodic Hann window, power spectrum |X|^2;</li>
 *   <li>Slaney mel filter bank ({@link MelFilterBank});</li>
 *   <li>power_to_db: 10 log10(max(1e-10, S)), then clipped at (max over the whole
 *       n_mels x frames window) - top_db;</li>
 *   <li>orthonormal DCT-II over the mel axis, first n_mfcc coefficients ({@link Dct}).</li>
 * </ol>
 * Computed in double precision (librosa works in float32; the difference is far inside the
 * fixture tolerance) and returned as float.
 *
 * <p>All buffers are allocated in the constructor and {@link #extract} allocates nothing, so an
 * instance is <b>not thread-safe</b>: use one per thread.
 */
public final class MfccExtractor {

    /** power_to_db's amin: the floor on power before the log (-100 dB). */
    private static final double AMIN = 1e-10;

    private final FeatureSpec spec;
    private final int frames;
    private final int nMels;
    private final int nMfcc;
    private final int nFft;
    private final int hop;
    private final int windowSamples;
    private final Fft fft;
    private final MelFilterBank melBank;
    private final Dct dct;
    private final double[] hann;
    private final double[] frame;
    private final double[] power;
    /** Mel power, frame-major (frame * nMels + mel) so the DCT reads each frame contiguously. */
    private final double[] mel;
    /** dB values, same layout as {@link #mel}. */
    private final double[] db;

    /**
     * @throws IllegalArgumentException if the spec cannot describe a librosa MFCC computation
     */
    public MfccExtractor(FeatureSpec spec) {
        this.spec = validate(Objects.requireNonNull(spec, "spec"));
        frames = spec.frames();
        nMels = spec.nMels();
        nMfcc = spec.nMfcc();
        nFft = spec.nFft();
        hop = spec.hopLength();
        windowSamples = spec.windowSamples();
        fft = new Fft(nFft);
        melBank = new MelFilterBank(spec.sampleRate(), nFft, nMels, spec.fmin(), spec.fmax());
        dct = new Dct(nMels, nMfcc);
        hann = new double[nFft];
        for (int i = 0; i < nFft; i++) {
            // periodic (fftbins=True) Hann, as scipy.signal.get_window('hann', n_fft) gives librosa
            hann[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / nFft);
        }
        frame = new double[nFft];
        power = new double[nFft / 2 + 1];
        mel = new double[frames * nMels];
        db = new double[frames * nMels];
    }

    private static FeatureSpec validate(FeatureSpec s) {
        require(s.sampleRate() > 0, "sampleRate must be positive, got " + s.sampleRate());
        require(s.windowSamples() > 0, "windowSamples must be positive, got " + s.windowSamples());
        require(s.nFft() >= 4 && Integer.bitCount(s.nFft()) == 1,
                "nFft must be a power of two >= 4, got " + s.nFft());
        require(s.hopLength() > 0, "hopLength must be positive, got " + s.hopLength());
        require(s.nMels() > 0, "nMels must be positive, got " + s.nMels());
        require(s.nMfcc() > 0 && s.nMfcc() <= s.nMels(),
                "nMfcc must be between 1 and nMels (" + s.nMels() + "), got " + s.nMfcc());
        require(s.fmin() >= 0 && s.fmin() < s.fmax(),
                "need 0 <= fmin < fmax, got fmin " + s.fmin() + ", fmax " + s.fmax());
        require(s.fmax() <= s.sampleRate() / 2.0,
                "fmax must not exceed the Nyquist frequency " + s.sampleRate() / 2.0 + ", got " + s.fmax());
        require(s.topDb() >= 0, "topDb must be >= 0, got " + s.topDb());
        return s;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("invalid feature spec: " + message);
        }
    }

    public FeatureSpec spec() {
        return spec;
    }

    /**
     * MFCCs of {@code samples[offset .. offset + windowSamples)} into {@code out} as frames x nMfcc,
     * row-major ({@code out[frame * nMfcc + c]}), the layout the original model was fed.
     * Allocates nothing.
     *
     * @throws IndexOutOfBoundsException if the window does not fit in {@code samples}
     * @throws IllegalArgumentException  if {@code out} is shorter than {@link FeatureSpec#featureSize()}
     */
    public void extract(float[] samples, int offset, float[] out) {
        if (out.length < frames * nMfcc) {
            throw new IllegalArgumentException("output needs " + frames * nMfcc + " values, got " + out.length);
        }
        computeDb(samples, offset);
        for (int t = 0; t < frames; t++) {
            dct.transform(db, t * nMels, out, t * nMfcc);
        }
    }

    /**
     * For diagnostics and tests: the mel power spectrogram of the window, nMels x frames row-major
     * ({@code out[mel * frames + frame]}, librosa's layout).
     */
    public void melPower(float[] samples, int offset, double[] out) {
        checkMatrix(out);
        computeMel(samples, offset);
        transposeInto(mel, out);
    }

    /**
     * For diagnostics and tests: the log-mel matrix after power_to_db (clipped at top_db), nMels x
     * frames row-major ({@code out[mel * frames + frame]}, librosa's layout).
     */
    public void logMelDb(float[] samples, int offset, double[] out) {
        checkMatrix(out);
        computeDb(samples, offset);
        transposeInto(db, out);
    }

    private void checkMatrix(double[] out) {
        if (out.length < frames * nMels) {
            throw new IllegalArgumentException("output needs " + frames * nMels + " values, got " + out.length);
        }
    }

    private void transposeInto(double[] frameMajor, double[] out) {
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < nMels; m++) {
                out[m * frames + t] = frameMajor[t * nMels + m];
            }
        }
    }

    /** Fills {@link #db}: power_to_db of the mel spectrogram with the window-wide top_db clip. */
    private void computeDb(float[] samples, int offset) {
        computeMel(samples, offset);
        int cells = frames * nMels;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < cells; i++) {
            double v = 10.0 * Math.log10(Math.max(AMIN, mel[i]));
            db[i] = v;
            max = Math.max(max, v);
        }
        double floor = max - spec.topDb();
        for (int i = 0; i < cells; i++) {
            if (db[i] < floor) {
                db[i] = floor;
            }
        }
    }

    /** Fills {@link #mel}: centred STFT with zero padding, Hann, power spectrum, mel bank. */
    private void computeMel(float[] samples, int offset) {
        Objects.checkFromIndexSize(offset, windowSamples, samples.length);
        int half = nFft / 2;
        for (int t = 0; t < frames; t++) {
            // Frame t covers window positions t*hop - half .. t*hop + half - 1; outside the window
            // is the zero padding, so only frame[lo..hi) comes from samples.
            int first = t * hop - half;
            int lo = Math.max(0, -first);
            int hi = Math.min(nFft, windowSamples - first);
            if (hi < lo) {
                hi = lo;
            }
            for (int j = 0; j < lo; j++) {
                frame[j] = 0;
            }
            int base = offset + first;
            for (int j = lo; j < hi; j++) {
                frame[j] = hann[j] * samples[base + j];
            }
            for (int j = hi; j < nFft; j++) {
                frame[j] = 0;
            }
            fft.powerSpectrum(frame, power);
            melBank.apply(power, mel, t * nMels, 1);
        }
    }
}
