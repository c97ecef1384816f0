package io.musicspeech.eval;

import io.musicspeech.data.Csv;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Metrics of several models over several folds (or one split), with the mean and spread per model. */
public final class ScoreTable {
    private record Row(String part, String model, Metrics metrics) {
    }

    /** Mean and sample standard deviation of a model's window accuracy (and more) over the parts. */
    /**
     * A model's figures over the parts: means and the spread of window accuracy over parts, and the
     * pooled figures over every window and clip of all parts (the fairer figure when parts differ in size,
     * as leave-one-source-out folds do), with the count of clips wrong by majority.
     */
    public record Summary(String model, int parts, double meanWindowAccuracy, double stdWindowAccuracy,
                          double meanClipAccuracy, double meanSmoothedWindowAccuracy, double meanRocAuc,
                          double pooledWindowAccuracy, double pooledClipAccuracy, long clipsWrong, long clips) {
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(String part, String model, Metrics metrics) {
        rows.add(new Row(part, model, metrics));
    }

    public List<Summary> summaries() {
        Map<String, List<Metrics>> byModel = new LinkedHashMap<>();
        rows.forEach(r -> byModel.computeIfAbsent(r.model(), m -> new ArrayList<>()).add(r.metrics()));
        List<Summary> summaries = new ArrayList<>();
        byModel.forEach((model, metrics) -> {
            double[] accuracy = metrics.stream().mapToDouble(Metrics::windowAccuracy).toArray();
            double mean = mean(accuracy);
            double variance = 0;
            for (double a : accuracy) {
                variance += (a - mean) * (a - mean);
            }
            double std = accuracy.length > 1 ? Math.sqrt(variance / (accuracy.length - 1)) : 0;
            double right = 0;
            long windows = 0;
            double clipsRight = 0;
            long clips = 0;
            for (Metrics m : metrics) {
                right += m.windowAccuracy() * m.windows();
                windows += m.windows();
                clipsRight += m.clipAccuracy() * m.files();
                clips += m.files();
            }
            summaries.add(new Summary(model, accuracy.length, mean, std,
                    mean(metrics.stream().mapToDouble(Metrics::clipAccuracy).toArray()),
                    mean(metrics.stream().mapToDouble(Metrics::smoothedWindowAccuracy).toArray()),
                    mean(metrics.stream().mapToDouble(Metrics::rocAuc).toArray()),
                    windows == 0 ? Double.NaN : right / windows, clips == 0 ? Double.NaN : clipsRight / clips,
                    Math.round(clips - clipsRight), clips));
        });
        return summaries;
    }

    public String rowsCsv() {
        StringBuilder csv = new StringBuilder(Csv.line("part", "model", "windows", "files", "window_accuracy", "balanced_accuracy",
                "music_recall", "speech_recall", "roc_auc", "clip_accuracy", "smoothed_window_accuracy"));
        for (Row r : rows) {
            Metrics m = r.metrics();
            csv.append(Csv.line(r.part(), r.model(), m.windows(), m.files(), f(m.windowAccuracy()), f(m.balancedAccuracy()),
                    f(m.musicRecall()), f(m.speechRecall()), f(m.rocAuc()), f(m.clipAccuracy()), f(m.smoothedWindowAccuracy())));
        }
        return csv.toString();
    }

    public Table summaryTable(String title) {
        StringColumn model = StringColumn.create("model");
        IntColumn parts = IntColumn.create("parts");
        StringColumn accuracy = StringColumn.create("window accuracy");
        DoubleColumn pooled = DoubleColumn.create("pooled acc %");
        StringColumn wrong = StringColumn.create("clips wrong");
        DoubleColumn clip = DoubleColumn.create("clip acc %");
        DoubleColumn smoothed = DoubleColumn.create("smoothed acc %");
        DoubleColumn auc = DoubleColumn.create("ROC AUC");
        for (Summary s : summaries()) {
            model.append(s.model());
            parts.append(s.parts());
            accuracy.append(String.format(Locale.ROOT, "%.2f %% +- %.2f", 100 * s.meanWindowAccuracy(), 100 * s.stdWindowAccuracy()));
            pooled.append(round(100 * s.pooledWindowAccuracy()));
            wrong.append(s.clipsWrong() + " / " + s.clips());
            clip.append(round(100 * s.meanClipAccuracy()));
            smoothed.append(round(100 * s.meanSmoothedWindowAccuracy()));
            auc.append(Math.round(s.meanRocAuc() * 10000) / 10000.0);
        }
        return Table.create(title, model, parts, accuracy, pooled, wrong, clip, smoothed, auc);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? Double.NaN : sum / values.length;
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
