package io.musicspeech.spark;

import io.musicspeech.segment.Segment;
import io.musicspeech.segment.SegmentedFile;

import java.io.Serializable;
import java.util.List;

/**
 * What one task sends back for one input: its segments (a few hundred numbers per hour of audio,
 * never the audio), or why it could not be segmented.
 */
final class FileOutcome implements Serializable {
    private static final long serialVersionUID = 1L;

    final String file;
    final String error;
    final double durationSeconds;
    final String damage;
    final double[] starts;
    final double[] ends;
    final String[] labels;
    final double[] confidences;
    final double[] secondsPerLabel;
    /** How many segments the file has (also when they were left out: {@link #withoutSegments()}). */
    final int segments;

    private FileOutcome(String file, String error, double durationSeconds, String damage, List<Segment> segments,
                        double[] secondsPerLabel) {
        this.file = file;
        this.error = error;
        this.durationSeconds = durationSeconds;
        this.damage = damage;
        int n = segments.size();
        this.starts = new double[n];
        this.ends = new double[n];
        this.labels = new String[n];
        this.confidences = new double[n];
        for (int i = 0; i < n; i++) {
            Segment s = segments.get(i);
            starts[i] = s.startSeconds();
            ends[i] = s.endSeconds();
            labels[i] = s.label().text();
            confidences[i] = s.confidence();
        }
        this.secondsPerLabel = secondsPerLabel;
        this.segments = n;
    }

    private FileOutcome(FileOutcome all) {
        this.file = all.file;
        this.error = all.error;
        this.durationSeconds = all.durationSeconds;
        this.damage = all.damage;
        this.starts = new double[0];
        this.ends = new double[0];
        this.labels = new String[0];
        this.confidences = new double[0];
        this.secondsPerLabel = all.secondsPerLabel;
        this.segments = all.segments;
    }

    static FileOutcome of(SegmentedFile result) {
        return new FileOutcome(result.file(), null, result.durationSeconds(), result.damage(), result.segments(),
                result.secondsPerLabel());
    }

    static FileOutcome failed(String file, String reason) {
        return new FileOutcome(file, reason, 0, null, List.of(), new double[3]);
    }

    /** The file's figures (for its summary or errors row) without the segments themselves. */
    FileOutcome withoutSegments() {
        return new FileOutcome(this);
    }

    boolean failed() {
        return error != null;
    }
}
