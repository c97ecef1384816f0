package io.musicspeech.features;

/**
 * Everything that decides what a window's features are. A model records the spec it was
 * trained with, so a mismatch between a model and the configuration can be detected.
 *
 * @param sampleRate    samples per second the audio is decoded to (librosa: sr=22050)
 * @param windowSamples samples per classified window (0.25 s at 22050 Hz = 5512, truncated as the original did)
 * @param nMfcc         cepstral coefficients kept (13)
 * @param nFft          STFT frame length (2048)
 * @param hopLength     STFT hop (512)
 * @param nMels         mel bands (librosa default 128)
 * @param fmin          lowest mel frequency in Hz (0)
 * @param fmax          highest mel frequency in Hz (sampleRate / 2)
 * @param topDb         dynamic range kept by power_to_db, relative to the window's maximum (80)
 */
public record FeatureSpec(int sampleRate, int windowSamples, int nMfcc, int nFft, int hopLength,
                          int nMels, double fmin, double fmax, double topDb) {

    /** Frames librosa produces for one window with centring: 1 + windowSamples / hopLength. */
    public int frames() {
        return 1 + windowSamples / hopLength;
    }

    /** Length of one window in seconds (5512 / 22050 = 0.24998 s: the truncated sample count, not 0.25). */
    public double windowSeconds() {
        return windowSamples / (double) sampleRate;
    }

    /** Number of values in one window's feature matrix (frames x nMfcc). */
    public int featureSize() {
        return frames() * nMfcc;
    }

    /** The original project's features: librosa defaults for a 0.25 s window at 22050 Hz. */
    public static FeatureSpec librosaDefault() {
        return new FeatureSpec(22050, 5512, 13, 2048, 512, 128, 0.0, 11025.0, 80.0);
    }
}
