package io.musicspeech.live;

import io.musicspeech.pipeline.Label;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.UserError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a listen run did, printed on exit and written to {@code summary.json}.
 *
 * @param ending        why it stopped
 * @param problem       for {@link Ending#SOURCE_LOST} and {@link Ending#FAILED}: what happened; else null
 * @param audioSeconds  audio captured (everything in recording.wav)
 * @param labels        windows per label
 * @param droppedChunks chunks dropped because the worker fell behind
 * @param gaps          places where the windows skip audio because of dropped chunks
 * @param maxQueued     the most chunks that waited for the worker at once
 * @param latencyP50    chunk captured -> decision, median, ms (NaN without windows)
 * @param latencyP99    the same, 99th percentile
 * @param latencyMax    the same, maximum
 * @param computeP50    window cut -> decision (MFCC, model, smoothing), median, ms
 * @param computeP99    the same, 99th percentile
 */
public record Summary(Ending ending, String problem, double audioSeconds, Map<Label, Long> labels,
                      long droppedChunks, long gaps, int maxQueued,
                      double latencyP50, double latencyP99, double latencyMax, double computeP50, double computeP99) {

    /** Why a run ended. */
    public enum Ending {
        END_OF_INPUT("end of input"),
        DURATION("realtime.duration reached"),
        STOPPED("stopped (Ctrl-C)"),
        SOURCE_LOST("the audio device was lost"),
        FAILED("failed");

        private final String text;

        Ending(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Whether the run ended as the user asked (not by a lost device or an error). */
        public boolean clean() {
            return this != SOURCE_LOST && this != FAILED;
        }
    }

    static Summary of(Ending ending, String problem, double audioSeconds, LabelCounts counts, long dropped, long gaps,
                      int maxQueued, LatencyStats latency, LatencyStats compute) {
        Map<Label, Long> labels = new EnumMap<>(Label.class);
        for (Label label : Label.values()) {
            labels.put(label, counts.count(label));
        }
        return new Summary(ending, problem, audioSeconds, labels, dropped, gaps, maxQueued,
                latency.quantileMillis(0.50), latency.quantileMillis(0.99), latency.count() == 0 ? Double.NaN : latency.maxMillis(),
                compute.quantileMillis(0.50), compute.quantileMillis(0.99));
    }

    public long windows() {
        return labels.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Two lines for the console. */
    public String describe() {
        StringBuilder labelText = new StringBuilder();
        labels.forEach((label, n) -> labelText.append(labelText.length() == 0 ? "" : ", ").append(label.text()).append(' ').append(n));
        return String.format(Locale.ROOT,
                "summary: %d windows (%s) in %.2f s of audio; %d chunk(s) dropped; ended: %s%s%n"
                        + "latency (chunk captured -> decision): p50 %.3f ms, p99 %.3f ms, max %.3f ms"
                        + " (MFCC + model + smoothing alone: p50 %.3f ms, p99 %.3f ms)",
                windows(), labelText, audioSeconds, droppedChunks, ending.text(), problem == null ? "" : " (" + problem + ")",
                latencyP50, latencyP99, latencyMax, computeP50, computeP99);
    }

    public void writeJson(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("ended", ending.name().toLowerCase(Locale.ROOT));
        if (problem != null) {
            root.put("problem", problem);
        }
        root.put("audio_seconds", audioSeconds);
        root.put("windows", windows());
        ObjectNode perLabel = root.putObject("labels");
        labels.forEach((label, n) -> perLabel.put(label.text(), n));
        root.put("dropped_chunks", droppedChunks);
        root.put("gaps", gaps);
        root.put("max_queued_chunks", maxQueued);
        ObjectNode latency = root.putObject("latency_ms");
        putNumber(latency, "p50", latencyP50);
        putNumber(latency, "p99", latencyP99);
        putNumber(latency, "max", latencyMax);
        ObjectNode compute = root.putObject("compute_ms");
        putNumber(compute, "p50", computeP50);
        putNumber(compute, "p99", computeP99);
        try {
            mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write the summary (" + e.getMessage() + ")", e);
        }
    }

    private static void putNumber(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
