package io.musicspeech.config;

/** @param silenceThreshold window RMS (full scale = 1) below which a window is silence, not classified */
public record RealtimeConfig(double silenceThreshold) {
    public RealtimeConfig {
        Check.between("silence_threshold", silenceThreshold, 0, 1);
    }
}
