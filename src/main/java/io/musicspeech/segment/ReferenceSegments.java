package io.musicspeech.segment;

import io.musicspeech.UserError;
import io.musicspeech.pipeline.Label;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reference segments to score against ({@code segment.reference}, {@code realtime.reference}): one CSV with
 * {@code file,start_s,end_s,label} for every file, or a folder of CSVs with {@code start_s,end_s,label},
 * one per input, named after it ({@code show.mp3.csv} or {@code show.csv}). Labels are music,
 * speech and silence. A result is matched to its reference by its name, then by its file name,
 * then by its file name without extension.
 */
public final class ReferenceSegments {
    private final Map<String, List<Segment>> byName;

    private ReferenceSegments(Map<String, List<Segment>> byName) {
        this.byName = byName;
    }

    /** @param key the config key that named the reference, for the error if it is missing */
    public static ReferenceSegments read(Path reference, String key) {
        if (!Files.exists(reference)) {
            throw new UserError(reference + ": no such file or folder (" + key + ")");
        }
        Map<String, List<Segment>> byName = new LinkedHashMap<>();
        if (Files.isDirectory(reference)) {
            List<Path> files;
            try (Stream<Path> list = Files.list(reference)) {
                files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv"))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException e) {
                throw new UserError(reference + ": cannot list the folder (" + e.getMessage() + ")");
            }
            if (files.isEmpty()) {
                throw new UserError(reference + ": no .csv files of reference segments in this folder");
            }
            for (Path file : files) {
                String name = file.getFileName().toString();
                byName.put(name.substring(0, name.length() - 4), rows(file, false).getOrDefault("", List.of()));
            }
        } else {
            byName.putAll(rows(reference, true));
        }
        byName.replaceAll((name, segments) -> sorted(name, segments));
        return new ReferenceSegments(byName);
    }

    /** The reference for a result, or null if there is none. */
    public List<Segment> forFile(String name) {
        String base = Path.of(name).getFileName().toString();
        int dot = base.lastIndexOf('.');
        for (String key : new String[] {name, base, dot > 0 ? base.substring(0, dot) : base}) {
            List<Segment> found = byName.get(key);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    public int files() {
        return byName.size();
    }

    private static Map<String, List<Segment>> rows(Path csv, boolean withFile) {
        Map<String, List<Segment>> out = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(in)) {
                String file = withFile ? row.get("file") : "";
                double start = Double.parseDouble(row.get("start_s"));
                double end = Double.parseDouble(row.get("end_s"));
                Label label;
                try {
                    label = Label.valueOf(row.get("label").toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new UserError(csv + ", line " + row.getRecordNumber() + ": label must be music, speech or silence, got '"
                            + row.get("label") + "'");
                }
                if (!(end >= start) || start < 0 || !Double.isFinite(end)) {
                    throw new UserError(csv + ", line " + row.getRecordNumber() + ": a segment needs 0 <= start_s <= end_s, got "
                            + start + " .. " + end);
                }
                out.computeIfAbsent(file, f -> new ArrayList<>()).add(new Segment(start, end, label, 1));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(csv + ": cannot read the reference segments (" + e.getMessage() + ")");
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(csv + ": reference segments need the columns " + (withFile ? "file," : "")
                    + "start_s,end_s,label (" + e.getMessage() + ")");
        }
        return out;
    }

    private static List<Segment> sorted(String name, List<Segment> segments) {
        List<Segment> out = new ArrayList<>(segments);
        out.sort(Comparator.comparingDouble(Segment::startSeconds));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).startSeconds() < out.get(i - 1).endSeconds() - 1e-6) {
                throw new UserError("reference segments of " + name + " overlap at " + out.get(i).startSeconds() + " s");
            }
        }
        return out;
    }
}
