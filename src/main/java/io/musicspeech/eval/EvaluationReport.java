package io.musicspeech.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicspeech.data.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes an evaluation: {@code metrics.json} (the contract other tools read), {@code report.md}
 * for people, and the figures (confusion matrix, ROC, per-file accuracy, accuracy against threshold).
 */
public final class EvaluationReport {
    public static final List<String> LABELS = List.of("music", "speech");

    private EvaluationReport() {
    }

    /**
     * @param about what was evaluated (model, data, ...), written into metrics.json and the report
     */
    public static void write(Path out, Metrics metrics, WindowPredictions predictions, Map<String, Object> about) throws IOException {
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("metrics.json"), toJson(metrics, about));

        double[] thresholds = IntStream.rangeClosed(0, 100).mapToDouble(i -> i / 100.0).toArray();
        Figures.savePng(Figures.confusionMatrix(metrics.confusion(), LABELS), out.resolve("confusion_matrix.png"));
        Figures.savePng(Figures.roc(predictions, metrics.rocAuc()), out.resolve("roc.png"));
        Figures.savePng(Figures.perFileAccuracy(metrics.perFile()), out.resolve("per_file_accuracy.png"));
        Figures.savePng(Figures.accuracyAgainstThreshold(thresholds, Metrics.accuracyAtThresholds(predictions, thresholds),
                metrics.threshold()), out.resolve("accuracy_vs_threshold.png"));
        AtomicFiles.writeString(out.resolve("report.md"), markdown(metrics, about));
    }

    static String toJson(Metrics m, Map<String, Object> about) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("windows", m.windows());
        json.put("files", m.files());
        json.put("threshold", m.threshold());
        json.put("window_accuracy", number(m.windowAccuracy()));
        json.put("balanced_accuracy", number(m.balancedAccuracy()));
        json.put("music_recall", number(m.musicRecall()));
        json.put("speech_recall", number(m.speechRecall()));
        json.put("roc_auc", number(m.rocAuc()));
        json.put("clip_accuracy", number(m.clipAccuracy()));
        json.put("smoothed_window_accuracy", number(m.smoothedWindowAccuracy()));
        json.put("confusion", Map.of("rows_true_cols_predicted", LABELS, "counts", m.confusion()));
        json.put("per_file", m.perFile().stream().map(f -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("file", f.file());
            row.put("label", f.label());
            row.put("windows", f.windows());
            row.put("accuracy", number(f.accuracy()));
            row.put("mean_p_speech", number(f.meanPSpeech()));
            return row;
        }).toList());
        json.putAll(about);
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    }

    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }

    static String markdown(Metrics m, Map<String, Object> about) {
        StringBuilder md = new StringBuilder("# Evaluation\n\n");
        about.forEach((key, value) -> md.append("- **").append(key).append("**: ").append(value).append('\n'));
        md.append(String.format(Locale.ROOT, "%n| figure | value |%n|---|---|%n"));
        row(md, "windows", String.valueOf(m.windows()));
        row(md, "files", String.valueOf(m.files()));
        row(md, "threshold on p(speech)", String.format(Locale.ROOT, "%.2f", m.threshold()));
        row(md, "window accuracy", percent(m.windowAccuracy()));
        row(md, "balanced accuracy", percent(m.balancedAccuracy()));
        row(md, "music recall", percent(m.musicRecall()));
        row(md, "speech recall", percent(m.speechRecall()));
        row(md, "ROC AUC", String.format(Locale.ROOT, "%.4f", m.rocAuc()));
        row(md, "clip accuracy (majority vote)", percent(m.clipAccuracy()));
        row(md, "smoothed window accuracy (as listening)", percent(m.smoothedWindowAccuracy()));
        md.append("\n![confusion matrix](confusion_matrix.png)\n![ROC](roc.png)\n")
                .append("![accuracy against threshold](accuracy_vs_threshold.png)\n![per-file accuracy](per_file_accuracy.png)\n\n")
                .append("## Worst files\n\n| file | label | windows | accuracy |\n|---|---|---|---|\n");
        m.perFile().stream().sorted(java.util.Comparator.comparingDouble(Metrics.FileScore::accuracy)).limit(10)
                .forEach(f -> md.append("| ").append(f.file()).append(" | ").append(f.label()).append(" | ")
                        .append(f.windows()).append(" | ").append(percent(f.accuracy())).append(" |\n"));
        return md.toString();
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }
}
