package io.musicspeech.audio;

/**
 * Decoded mono audio: what every stage works on once a file or stream has been read.
 *
 * @param samples    mono samples, nominally in [-1, 1] (librosa's float32 scale)
 * @param sampleRate samples per second
 */
public record AudioClip(float[] samples, int sampleRate) {

    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
