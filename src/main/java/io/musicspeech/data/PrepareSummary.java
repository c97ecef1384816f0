package io.musicspeech.data;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a prepare run: clips and windows per split and label, and the clips skipped with why. */
public final class PrepareSummary {
    /** A clip that contributed nothing, and why. */
    public record Skipped(String file, String reason) {
    }

    private record Key(Split split, String label) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int bySplit = split.compareTo(other.split);
            return bySplit != 0 ? bySplit : label.compareTo(other.label);
        }
    }

    private final Map<Key, int[]> counts = new TreeMap<>();
    private final List<Skipped> skipped = new ArrayList<>();

    void addClip(Split split, String label, int windows, int augmentedWindows) {
        int[] c = counts.computeIfAbsent(new Key(split, label), k -> new int[3]);
        c[0]++;
        c[1] += windows;
        c[2] += augmentedWindows;
    }

    void skip(String file, String reason) {
        skipped.add(new Skipped(file, reason));
    }

    public List<Skipped> skipped() {
        return List.copyOf(skipped);
    }

    /** Windows (recorded plus augmented) of one split and label. */
    public int windows(Split split, String label) {
        int[] c = counts.get(new Key(split, label));
        return c == null ? 0 : c[1] + c[2];
    }

    public Table table() {
        StringColumn split = StringColumn.create("split");
        StringColumn label = StringColumn.create("label");
        IntColumn clips = IntColumn.create("clips");
        IntColumn windows = IntColumn.create("windows");
        IntColumn augmented = IntColumn.create("augmented_windows");
        counts.forEach((key, c) -> {
            split.append(key.split().id());
            label.append(key.label());
            clips.append(c[0]);
            windows.append(c[1]);
            augmented.append(c[2]);
        });
        return Table.create("windows per split and label", split, label, clips, windows, augmented);
    }

    public String summaryCsv() {
        StringBuilder csv = new StringBuilder(Csv.line("split", "label", "clips", "windows", "augmented_windows"));
        counts.forEach((key, c) -> csv.append(Csv.line(key.split().id(), key.label(), c[0], c[1], c[2])));
        return csv.toString();
    }

    public String skippedCsv() {
        StringBuilder csv = new StringBuilder(Csv.line("file", "reason"));
        skipped.forEach(s -> csv.append(Csv.line(s.file(), s.reason())));
        return csv.toString();
    }
}
