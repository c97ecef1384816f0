package io.musicspeech.model.net;

/** A layer (or preprocessor, activation, setting) that the Java passes do not implement. */
public final class UnsupportedLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedLayerException(String message) {
        super(message);
    }
}
