package io.musicspeech.pipeline;

import java.util.Locale;

/** What a live window is called. */
public enum Label {
    MUSIC, SPEECH, SILENCE;

    private final String text = name().toLowerCase(Locale.ROOT);

    /** The lower-case name written to the console and the predictions CSV. */
    public String text() {
        return text;
    }
}
