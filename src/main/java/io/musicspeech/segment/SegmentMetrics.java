package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well segments match reference segments, with the definitions of the MIREX 2018 music and
 * speech detection task as sed_eval computes them:
 * <ul>
 *   <li><b>frame accuracy</b>: the share of 10 ms frames labelled speech or music in the reference
 *       that the segments label the same (a frame's label is the one at its centre);</li>
 *   <li><b>segment F1</b> per class, at 10 ms: from the frames where the class is active in the
 *       reference, in the estimate, or both;</li>
 *   <li><b>event F1</b> per class, onsets only: a reference segment of the class and an estimated
 *       one match when their onsets are at most the collar apart, each used once (the largest such
 *       matching); precision over estimated segments, recall over reference ones.</li>
 * </ul>
 * Counts are summed over files before the ratios are taken (micro-averaging within a class);
 * the means are over speech and music. Neighbouring segments of the same label count as one.
 */
public final class SegmentMetrics {
    public static final double FRAME_SECONDS = 0.01;
    private static final Label[] CLASSES = {Label.SPEECH, Label.MUSIC};

    private final double collar;
    private long referenceFrames;
    private long rightFrames;
    private final long[][] frameCounts = new long[2][3]; // [class][tp, fp, fn]
    private final long[][] eventCounts = new long[2][3];
    private final List<Map<String, Object>> perFile = new ArrayList<>();

    public SegmentMetrics(double collarSeconds) {
        this.collar = collarSeconds;
    }

    /** Adds one file's estimate and reference. */
    public void add(String file, List<Segment> estimate, List<Segment> reference) {
        List<Segment> est = merged(estimate);
        List<Segment> ref = merged(reference);
        double end = Math.max(last(est), last(ref));
        int frames = (int) Math.floor(end / FRAME_SECONDS + 1e-9);
        long fileReference = 0;
        long fileRight = 0;
        long[][] fileFrames = new long[2][3];
        int e = 0;
        int r = 0;
        for (int i = 0; i < frames; i++) {
            double t = (i + 0.5) * FRAME_SECONDS;
            while (e < est.size() && est.get(e).endSeconds() <= t) {
                e++;
            }
            while (r < ref.size() && ref.get(r).endSeconds() <= t) {
                r++;
            }
            Label estimated = e < est.size() && est.get(e).startSeconds() <= t ? est.get(e).label() : Label.SILENCE;
            Label truth = r < ref.size() && ref.get(r).startSeconds() <= t ? ref.get(r).label() : Label.SILENCE;
            if (truth != Label.SILENCE) {
                fileReference++;
                fileRight += estimated == truth ? 1 : 0;
            }
            for (int c = 0; c < CLASSES.length; c++) {
                boolean inEst = estimated == CLASSES[c];
                boolean inRef = truth == CLASSES[c];
                if (inEst && inRef) {
                    fileFrames[c][0]++;
                } else if (inEst) {
                    fileFrames[c][1]++;
                } else if (inRef) {
                    fileFrames[c][2]++;
                }
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("file", file);
        row.put("frame_accuracy", ratio(fileRight, fileReference));
        Map<String, Object> events = new LinkedHashMap<>();
        double eventMean = 0;
        for (int c = 0; c < CLASSES.length; c++) {
            long[] counts = eventCounts(est, ref, CLASSES[c]);
            for (int k = 0; k < 3; k++) {
                eventCounts[c][k] += counts[k];
                frameCounts[c][k] += fileFrames[c][k];
            }
            double f = f1(counts);
            events.put(CLASSES[c].text(), f);
            eventMean += f / CLASSES.length;
        }
        events.put("mean", eventMean);
        row.put("event_f1", events);
        perFile.add(row);
        referenceFrames += fileReference;
        rightFrames += fileRight;
    }

    public int files() {
        return perFile.size();
    }

    public double frameAccuracy() {
        return ratio(rightFrames, referenceFrames);
    }

    /** Mean over speech and music of the onset event F1. */
    public double eventF1() {
        return (f1(eventCounts[0]) + f1(eventCounts[1])) / 2;
    }

    public double segmentF1() {
        return (f1(frameCounts[0]) + f1(frameCounts[1])) / 2;
    }

    /** Everything, for segment_metrics.json. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("files", perFile.size());
        out.put("frame_seconds", FRAME_SECONDS);
        out.put("collar_seconds", collar);
        out.put("frame_accuracy", frameAccuracy());
        out.put("segment_f1", byClass(frameCounts, false));
        out.put("event_f1", byClass(eventCounts, true));
        out.put("per_file", perFile);
        return out;
    }

    private static Map<String, Object> byClass(long[][] counts, boolean withRates) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int c = 0; c < CLASSES.length; c++) {
            long[] k = counts[c];
            if (withRates) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("precision", ratio(k[0], k[0] + k[1]));
                one.put("recall", ratio(k[0], k[0] + k[2]));
                one.put("f1", f1(k));
                one.put("matched", k[0]);
                one.put("estimated", k[0] + k[1]);
                one.put("reference", k[0] + k[2]);
                out.put(CLASSES[c].text(), one);
            } else {
                out.put(CLASSES[c].text(), f1(k));
            }
        }
        out.put("mean", (f1(counts[0]) + f1(counts[1])) / 2);
        return out;
    }

    /** {matched, unmatched estimates, unmatched references} of onsets of one class. */
    private long[] eventCounts(List<Segment> est, List<Segment> ref, Label label) {
        List<Double> estOnsets = onsets(est, label);
        List<Double> refOnsets = onsets(ref, label);
        // Onsets are points on a line and a match is a distance within the collar: taking, in time
        // order, each reference onset's earliest unmatched estimate in reach gives the largest matching.
        int matched = 0;
        int j = 0;
        for (double refOnset : refOnsets) {
            while (j < estOnsets.size() && estOnsets.get(j) < refOnset - collar - 1e-9) {
                j++;
            }
            if (j < estOnsets.size() && estOnsets.get(j) <= refOnset + collar + 1e-9) {
                matched++;
                j++;
            }
        }
        return new long[] {matched, estOnsets.size() - matched, refOnsets.size() - matched};
    }

    private static List<Double> onsets(List<Segment> segments, Label label) {
        List<Double> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.label() == label) {
                out.add(s.startSeconds());
            }
        }
        return out;
    }

    private static List<Segment> merged(List<Segment> segments) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s.duration() <= 0) {
                continue;
            }
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.label() == s.label() && Math.abs(last.endSeconds() - s.startSeconds()) < 1e-6) {
                out.set(out.size() - 1, new Segment(last.startSeconds(), s.endSeconds(), s.label(), last.confidence()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static double last(List<Segment> segments) {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).endSeconds();
    }

    private static double f1(long[] counts) {
        long denominator = 2 * counts[0] + counts[1] + counts[2];
        return denominator == 0 ? Double.NaN : 2.0 * counts[0] / denominator;
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
