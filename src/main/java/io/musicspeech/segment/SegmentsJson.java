package io.musicspeech.segment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicspeech.pipeline.Label;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A file's segments as JSON, the one layout the segment stage writes per file and the service
 * answers with: {@code file}, {@code duration_s}, {@code model}, {@code format}, {@code damage},
 * {@code window_s}, {@code hop_s}, {@code segments} ({@code start_s, end_s, label, confidence}) and,
 * when asked for, {@code windows} ({@code t}: the window's start, {@code p_speech}: null where the
 * silence gate held it back, {@code rms}).
 */
public final class SegmentsJson {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SegmentsJson() {
    }

    /**
     * Writes the JSON of a file's result, streamed (a 10-hour file's windows are never a tree in
     * memory).
     *
     * @param extra further top-level fields (e.g. the segment stage's {@code source} and {@code settings}), or none;
     *              written before the segments, so {@link #head} finds them without reading the windows
     */
    public static void write(OutputStream stream, SegmentedFile result, boolean withWindows, Map<String, JsonNode> extra)
            throws IOException {
        try (JsonGenerator out = MAPPER.getFactory().createGenerator(stream)) {
            out.useDefaultPrettyPrinter();
            out.writeStartObject();
            out.writeStringField("file", result.file());
            out.writeNumberField("duration_s", round(result.durationSeconds(), 3));
            out.writeStringField("model", result.model());
            out.writeStringField("format", result.format());
            out.writeStringField("damage", result.damage());
            out.writeNumberField("window_s", round(result.timing().windowSeconds(), 6));
            out.writeNumberField("hop_s", round(result.timing().hopSeconds(), 6));
            for (Map.Entry<String, JsonNode> field : extra.entrySet()) {
                out.writeFieldName(field.getKey());
                MAPPER.writeTree(out, field.getValue());
            }
            out.writeArrayFieldStart("segments");
            for (Segment s : result.segments()) {
                out.writeStartObject();
                out.writeNumberField("start_s", round(s.startSeconds(), 3));
                out.writeNumberField("end_s", round(s.endSeconds(), 3));
                out.writeStringField("label", s.label().text());
                out.writeNumberField("confidence", round(s.confidence(), 4));
                out.writeEndObject();
            }
            out.writeEndArray();
            if (withWindows && result.posteriors() != null) {
                out.writeArrayFieldStart("windows");
                Posteriors p = result.posteriors();
                for (int k = 0; k < p.size(); k++) {
                    out.writeStartObject();
                    out.writeNumberField("t", round(result.timing().windowStart(k), 4));
                    if (p.silent(k) || Float.isNaN(p.pSpeech(k))) {
                        out.writeNullField("p_speech");
                    } else {
                        out.writeNumberField("p_speech", round(p.pSpeech(k), 4));
                    }
                    out.writeNumberField("rms", round(p.rms(k), 6));
                    out.writeEndObject();
                }
                out.writeEndArray();
            }
            out.writeEndObject();
            out.writeRaw('\n');
        }
    }

    /** The top-level fields of a file written by {@link #write} up to and including its segments (the windows are not read). */
    public static JsonNode head(java.nio.file.Path file) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode head = MAPPER.createObjectNode();
        try (com.fasterxml.jackson.core.JsonParser in = MAPPER.getFactory().createParser(file.toFile())) {
            if (in.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (in.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = in.getCurrentName();
                in.nextToken();
                if (name.equals("windows")) {
                    break;
                }
                head.set(name, MAPPER.readTree(in));
            }
        }
        return head;
    }

    /** The segments of a JSON written by {@link #write}. */
    public static List<Segment> segments(JsonNode root) {
        List<Segment> out = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            out.add(new Segment(node.get("start_s").asDouble(), node.get("end_s").asDouble(),
                    Label.valueOf(node.get("label").asText().toUpperCase(Locale.ROOT)), node.get("confidence").asDouble()));
        }
        return out;
    }

    /** {@code value} rounded to {@code decimals} places, as every table and JSON of segments writes it (NaN stays NaN). */
    public static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
