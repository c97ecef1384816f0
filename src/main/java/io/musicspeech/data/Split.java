package io.musicspeech.data;

import java.util.Locale;

/** The side of a split a clip (and so every window of it) belongs to. */
public enum Split {
    TRAIN, VALIDATION, TEST;

    /** As written in split.csv and in file names: train, validation, test. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
