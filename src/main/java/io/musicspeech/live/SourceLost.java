package io.musicspeech.live;

/** The audio device stopped delivering audio: unplugged, or its sound server went away. */
public final class SourceLost extends Exception {
    public SourceLost(String message) {
        super(message);
    }

    public SourceLost(String message, Throwable cause) {
        super(message, cause);
    }
}
