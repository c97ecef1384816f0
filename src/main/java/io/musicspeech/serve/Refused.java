package io.musicspeech.serve;

import java.util.Map;

/** A request that fails with this status and message (and headers, such as Retry-After): a JSON error. */
final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final Map<String, String> headers;

    Refused(int status, String message) {
        this(status, message, Map.of());
    }

    Refused(int status, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.headers = headers;
    }
}
