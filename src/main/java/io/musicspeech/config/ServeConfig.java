package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The service: HTTP ({@code POST /v1/segments}), WebSocket ({@code /v1/stream}), the page, health and metrics.
 *
 * @param host           the address to bind (loopback by default)
 * @param port           the TCP port
 * @param model          a bundle or Keras file; null: {@code models.shipped}, else {@code models.original}
 * @param maxUploadMb    the largest request body accepted, in MiB (larger: 413)
 * @param maxStreams     concurrent WebSocket streams (one more: 503 with Retry-After)
 * @param workers        uploads segmented at once, each with its own copy of the model; 0: one per core
 * @param idleSeconds    a stream that sends nothing for this long is closed
 * @param bufferSeconds  audio a stream may have waiting to be classified; beyond it, audio is dropped and counted
 * @param token          if set, every route but /health needs it as a bearer token
 * @param allowedOrigins origins allowed to make cross-origin requests (the page's own origin always is)
 */
public record ServeConfig(String host, int port, @Nullable Path model, int maxUploadMb, int maxStreams, int workers,
                          double idleSeconds, double bufferSeconds, @Nullable String token, List<String> allowedOrigins) {
    public ServeConfig {
        Check.that(!host.isBlank(), "host", "must not be empty");
        Check.between("port", port, 0, 65535);
        Check.between("max_upload_mb", maxUploadMb, 1, 2047); // bodies are held in byte arrays
        Check.between("max_streams", maxStreams, 1, 10000);
        Check.nonNegative("workers", workers);
        Check.between("idle_seconds", idleSeconds, 0.1, 86400);
        Check.between("buffer_seconds", bufferSeconds, 0.5, 600);
        if (token != null) {
            Check.that(!token.isBlank(), "token", "must not be empty (null: no token)");
        }
        for (String origin : allowedOrigins) {
            Check.that(origin.matches("https?://[^/\\s]+"), "allowed_origins", "each must be scheme://host[:port], got '" + origin + "'");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** 0: one per core (with 8 uploads and 16 streams on 2 cores the streams' p99 stayed at 9 ms: README, Serving). */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    public long maxUploadBytes() {
        return maxUploadMb * 1024L * 1024L;
    }
}
