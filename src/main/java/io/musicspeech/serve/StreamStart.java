package io.musicspeech.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.audio.PcmFrames;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

/**
 * A stream's first message: {@code {"sample_rate":48000,"encoding":"pcm_s16le"|"f32le","channels":1|2}},
 * and {@code "token"} where the service has one.
 */
record StreamStart(int sampleRate, PcmFrames.Encoding encoding, int channels, String token) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEYS = Set.of("sample_rate", "encoding", "channels", "token");
    static final int MIN_RATE = 8000;
    static final int MAX_RATE = 192000;

    /** A start message that cannot be used; the message says why, in a form a close reason can carry. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Whether a text message after the start asks for the end: {@code {"end":true}}. */
    static boolean isEnd(String text) {
        try {
            JsonNode root = JSON.readTree(text);
            return root != null && root.path("end").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    static StreamStart parse(String text) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new Invalid("the start message is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("the start message must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new Invalid("unknown key '" + name + "' (sample_rate, encoding, channels, token)");
            }
        }
        JsonNode rate = root.get("sample_rate");
        if (rate == null || !rate.canConvertToInt() || !rate.isIntegralNumber() || rate.asInt() < MIN_RATE || rate.asInt() > MAX_RATE) {
            throw new Invalid("sample_rate must be an integer from " + MIN_RATE + " to " + MAX_RATE);
        }
        JsonNode encoding = root.get("encoding");
        PcmFrames.Encoding parsed;
        try {
            parsed = PcmFrames.Encoding.of(encoding == null ? "pcm_s16le" : encoding.asText());
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
        JsonNode channels = root.get("channels");
        int count = channels == null ? 1 : channels.isIntegralNumber() ? channels.asInt() : -1;
        if (count != 1 && count != 2) {
            throw new Invalid("channels must be 1 or 2");
        }
        JsonNode token = root.get("token");
        return new StreamStart(rate.asInt(), parsed, count, token == null ? null : token.asText());
    }
}
