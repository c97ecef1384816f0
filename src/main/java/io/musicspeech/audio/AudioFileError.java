package io.musicspeech.audio;

import io.musicspeech.UserError;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An audio file that cannot be decoded; the message is always one line: {@code <path>: <problem>}. */
public class AudioFileError extends UserError {

    public AudioFileError(Path path, String problem) {
        super(oneLine(path, problem));
    }

    public AudioFileError(Path path, String problem, Throwable cause) {
        super(oneLine(path, problem), cause);
    }

    /** An I/O failure, e.g. {@code "cannot write file: permission denied"}; the exception's own path is not repeated. */
    static AudioFileError io(Path path, String action, IOException e) {
        String reason;
        if (e instanceof NoSuchFileException) {
            reason = "no such file or folder";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            reason = fse.getReason();
        } else {
            reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return new AudioFileError(path, action + ": " + reason, e);
    }

    // Problems may embed messages from the JDK, which can span lines; the CLI prints exactly one.
    private static String oneLine(Path path, String problem) {
        return (path + ": " + problem).replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
