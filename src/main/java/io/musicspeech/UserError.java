package io.musicspeech;

/**
 * A problem the user can fix (a bad file, a wrong config key, a missing device).
 * The command line prints its message as one line and exits non-zero, never a stack trace,
 * so the message must name the thing at fault and say what is wrong with it.
 */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
