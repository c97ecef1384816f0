package io.musicspeech.data;

/**
 * Where the windows of a clip start: every {@code hop} samples from the start, as many as fit
 * whole; a partial tail is dropped, as the original project did.
 */
public record Windows(int length, int hop) {
    public Windows {
        if (length < 1 || hop < 1) {
            throw new IllegalArgumentException("window length and hop must be >= 1, got " + length + " and " + hop);
        }
    }

    /** Number of whole windows in {@code samples} samples (0 when the clip is shorter than one window). */
    public int count(int samples) {
        return samples < length ? 0 : 1 + (samples - length) / hop;
    }

    public int start(int window) {
        return window * hop;
    }
}
