package io.musicspeech.config;

/** @param sampleRate every file and stream is decoded and resampled to this rate (Hz) */
public record AudioConfig(int sampleRate) {
    public AudioConfig {
        Check.between("sample_rate", sampleRate, 4000, 192000);
    }
}
