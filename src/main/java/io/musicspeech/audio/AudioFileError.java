package io.musicspeech.audio;

import io.musicspeech.UserError;

import java.nio.file.Path;

/** An audio file that cannot be decoded; the message is always one line: {@code <path>: <problem>}. */
public class AudioFileError extends UserError {

    public AudioFileError(Path path, String problem) {
        super(oneLine(path, problem));
    }

    public AudioFileError(Path path, String problem, Throwable cause) {
        super(oneLine(path, problem), cause);
    }

    // Problems may embed messages from the JDK, which can span lines; the CLI prints exactly one.
    private static String oneLine(Path path, String problem) {
        return (path + ": " + problem).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
