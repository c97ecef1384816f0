package io.musicspeech.config;

/**
 * librosa.feature.mfcc parameters and the window they are computed over.
 *
 * @param windowSeconds length of one classified window; samples = floor(seconds * sample_rate)
 * @param fmax          highest mel frequency; null means sample_rate / 2 (librosa's default)
 * @param topDb         power_to_db dynamic range, relative to the maximum of the whole window
 */
public record FeaturesConfig(double windowSeconds, int nMfcc, int nFft, int hopLength, int nMels,
                             double fmin, @Nullable Double fmax, double topDb) {
    public FeaturesConfig {
        Check.between("window_seconds", windowSeconds, 0.01, 10);
        Check.positive("n_mfcc", nMfcc);
        Check.powerOfTwo("n_fft", nFft);
        Check.between("hop_length", hopLength, 1, nFft);
        Check.between("n_mels", nMels, 1, nFft / 2 + 1);
        Check.that(nMfcc <= nMels, "n_mfcc", "must be at most n_mels (" + nMels + "), got " + nMfcc);
        Check.nonNegative("fmin", fmin);
        Check.positive("top_db", topDb);
    }

    /** Python's int(window_seconds * sample_rate), guarded against 0.1*22050 = 2204.9999... style rounding. */
    public int windowSamples(int sampleRate) {
        return (int) Math.floor(windowSeconds * sampleRate + 1e-9);
    }
}
