package io.musicspeech.audio;

import io.musicspeech.UserError;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * An audio file (or upload) that cannot be decoded; the message is always one line:
 * {@code <name>: <problem>}, and {@link #problem()} is the part after the name.
 */
public class AudioFileError extends UserError {
    private final String problem;

    public AudioFileError(Path path, String problem) {
        this(path.toString(), problem);
    }

    public AudioFileError(Path path, String problem, Throwable cause) {
        this(path.toString(), problem, cause);
    }

    /** @param name what the audio is called: a path, or an upload's name */
    public AudioFileError(String name, String problem) {
        super(oneLine(name, problem));
        this.problem = oneLine(problem);
    }

    public AudioFileError(String name, String problem, Throwable cause) {
        super(oneLine(name, problem), cause);
        this.problem = oneLine(problem);
    }

    /** What is wrong, without the file's name (for tables that have the name in a column of its own). */
    public String problem() {
        return problem;
    }

    /** An I/O failure, e.g. {@code "cannot write file: permission denied"}; the exception's own path is not repeated. */
    static AudioFileError io(Path path, String action, IOException e) {
        return io(path.toString(), action, e);
    }

    static AudioFileError io(String path, String action, IOException e) {
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
    private static String oneLine(String name, String problem) {
        return oneLine(name + ": " + problem);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
