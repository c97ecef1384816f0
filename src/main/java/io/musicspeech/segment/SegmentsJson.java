package io.musicspeech.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.pipeline.Label;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    public static ObjectNode toJson(SegmentedFile result, boolean withWindows) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("file", result.file());
        root.put("duration_s", round(result.durationSeconds(), 3));
        root.put("model", result.model());
        root.put("format", result.format());
        if (result.damage() == null) {
            root.putNull("damage");
        } else {
            root.put("damage", result.damage());
        }
        root.put("window_s", round(result.timing().windowSeconds(), 6));
        root.put("hop_s", round(result.timing().hopSeconds(), 6));
        ArrayNode segments = root.putArray("segments");
        for (Segment s : result.segments()) {
            ObjectNode node = segments.addObject();
            node.put("start_s", round(s.startSeconds(), 3));
            node.put("end_s", round(s.endSeconds(), 3));
            node.put("label", s.label().text());
            node.put("confidence", round(s.confidence(), 4));
        }
        if (withWindows && result.posteriors() != null) {
            ArrayNode windows = root.putArray("windows");
            Posteriors p = result.posteriors();
            for (int k = 0; k < p.size(); k++) {
                ObjectNode node = windows.addObject();
                node.put("t", round(result.timing().windowStart(k), 4));
                if (p.silent(k) || Float.isNaN(p.pSpeech(k))) {
                    node.putNull("p_speech");
                } else {
                    node.put("p_speech", round(p.pSpeech(k), 4));
                }
                node.put("rms", round(p.rms(k), 6));
            }
        }
        return root;
    }

    /** The segments of a JSON written by {@link #toJson}. */
    public static List<Segment> segments(JsonNode root) {
        List<Segment> out = new ArrayList<>();
        for (JsonNode node : root.path("segments")) {
            out.add(new Segment(node.get("start_s").asDouble(), node.get("end_s").asDouble(),
                    Label.valueOf(node.get("label").asText().toUpperCase(Locale.ROOT)), node.get("confidence").asDouble()));
        }
        return out;
    }

    private static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
