package io.musicspeech.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may use the service: requests from the page's own origin or a listed one, and with
 * {@code serve.token} set, only bearers of the token. Thread-safe (immutable).
 */
final class AccessPolicy {
    private final byte[] token;
    private final List<String> allowedOrigins;

    /** @param token null: no token needed */
    AccessPolicy(String token, List<String> allowedOrigins) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** @throws Refused (403) unless the origin is the service's own ({@code host}) or a listed one */
    void checkOrigin(String origin, String host, String what) {
        boolean own = host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
        if (!own && !allowedOrigins.contains(origin)) {
            throw new Refused(403, "cross-origin " + what + " from " + origin + " refused (serve.allowed_origins)");
        }
    }

    /** Whether an Authorization header lets the request in (any header does when there is no token). */
    boolean authorised(String authorizationHeader) {
        if (token == null) {
            return true;
        }
        String given = authorizationHeader != null && authorizationHeader.startsWith("Bearer ")
                ? authorizationHeader.substring(7).trim() : null;
        return tokenMatches(given);
    }

    /** Constant time: the comparison does not tell how much of a guess was right. */
    boolean tokenMatches(String given) {
        return token == null || given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }
}
