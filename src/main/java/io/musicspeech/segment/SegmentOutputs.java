package io.musicspeech.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.UserError;
import io.musicspeech.data.AtomicFiles;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input's files in {@code segment.out}: {@code <name>.txt} (Audacity labels),
 * {@code <name>.TextGrid} (Praat), {@code <name>.png} (with plots) and {@code <name>.json}, which
 * is written last and so marks the others complete. Each is written to a temporary file and moved
 * into place, so an interrupted run leaves either the old file or the new one, never half of one.
 *
 * <p>The JSON records the input's size and modification time and the settings that made it
 * ({@code settings}), so a rerun can tell finished inputs from changed ones, and tell files this
 * stage wrote from files of the user's that happen to have the same name (those are never
 * overwritten).
 */
final class SegmentOutputs {
    private final Path json;
    private final Path audacity;
    private final Path textGrid;
    private final Path png;
    private boolean previousRead;
    private JsonNode previous;

    SegmentOutputs(Path out, Path stem) {
        String base = out.resolve(stem).toString();
        this.json = Path.of(base + ".json");
        this.audacity = Path.of(base + ".txt");
        this.textGrid = Path.of(base + ".TextGrid");
        this.png = Path.of(base + ".png");
    }

    Path json() {
        return json;
    }

    /**
     * The earlier result for this input, if its outputs are complete and were made from the same
     * file with the same settings; null otherwise.
     */
    JsonNode complete(Path input, JsonNode settings, boolean plots) {
        JsonNode previous = previous();
        if (previous == null || !normalised(settings).equals(previous.get("settings")) || (plots && !Files.exists(png))
                || !Files.exists(audacity) || !Files.exists(textGrid)) {
            return null;
        }
        JsonNode source = source(input);
        return source != null && normalised(source).equals(previous.get("source")) ? previous : null;
    }

    /** The node as it reads back from JSON (a long that fits an int reads back as an int, and nodes compare by type). */
    private static JsonNode normalised(JsonNode node) {
        try {
            return SegmentsJson.MAPPER.readTree(SegmentsJson.MAPPER.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree that does not serialise: " + node, e);
        }
    }

    /**
     * @throws UserError if an output file exists that this stage did not write (no JSON of ours
     *                   beside it): it is the user's, and it is left alone
     */
    void requireOurs() {
        if (previous() != null) {
            return;
        }
        for (Path file : List.of(json, audacity, textGrid, png)) {
            if (Files.exists(file)) {
                throw new UserError(file + " exists and was not written by the segment stage; it is left alone "
                        + "(move it, or choose another segment.out)");
            }
        }
    }

    /** @param source the input's size and time as they were before it was decoded ({@link #source}), or null */
    void write(SegmentedFile result, JsonNode source, JsonNode settings, boolean plots, boolean windows) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        AtomicFiles.writeString(audacity, AudacityLabels.format(result.segments()));
        AtomicFiles.writeString(textGrid, PraatTextGrid.format(result.segments(), result.durationSeconds()));
        if (plots) {
            AtomicFiles.write(png, target -> TimelinePlot.write(result, target));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        if (source != null) {
            extra.put("source", source);
        }
        extra.put("settings", settings);
        AtomicFiles.write(json, target -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
                SegmentsJson.write(out, result, windows, extra);
            }
        });
    }

    /** The files written for this input, for the console. */
    List<Path> files(boolean plots) {
        List<Path> files = new ArrayList<>(List.of(json, audacity, textGrid));
        if (plots) {
            files.add(png);
        }
        return files;
    }

    /** The earlier JSON's fields up to its segments (the window list, the bulk of it, is not read); null if there is none of ours. */
    private JsonNode previous() {
        if (previousRead) {
            return previous;
        }
        previousRead = true;
        if (Files.isRegularFile(json)) {
            try {
                JsonNode node = SegmentsJson.head(json);
                previous = node.has("segments") && node.has("settings") ? node : null;
            } catch (IOException | RuntimeException e) {
                previous = null;
            }
        }
        return previous;
    }

    /** The input's size and modification time, which a rerun compares; null if it cannot be read. */
    static JsonNode source(Path input) {
        try {
            ObjectNode node = SegmentsJson.MAPPER.createObjectNode();
            node.put("bytes", Files.size(input));
            FileTime modified = Files.getLastModifiedTime(input);
            node.put("modified", modified.toString());
            return node;
        } catch (IOException e) {
            return null;
        }
    }
}
