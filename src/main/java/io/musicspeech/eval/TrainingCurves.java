package io.musicspeech.eval;

import io.musicspeech.data.AtomicFiles;
import io.musicspeech.data.Csv;
import io.musicspeech.model.EpochStats;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A training run's per-epoch figures as {@code history.csv} and {@code curves.png} (loss and accuracy). */
public final class TrainingCurves {
    private TrainingCurves() {
    }

    public static void write(List<EpochStats> history, Path dir) throws IOException {
        write(history, dir, "");
    }

    /** A temporal head's epochs: {@code head_history.csv}, {@code head_curves_loss.png}, {@code head_curves_accuracy.png}. */
    public static void writeHead(List<EpochStats> history, Path dir) throws IOException {
        write(history, dir, "head_");
    }

    private static void write(List<EpochStats> history, Path dir, String prefix) throws IOException {
        StringBuilder csv = new StringBuilder(Csv.line("epoch", "train_loss", "train_accuracy", "validation_loss",
                "validation_accuracy", "seconds"));
        for (EpochStats s : history) {
            csv.append(Csv.line(s.epoch(), f(s.trainLoss()), f(s.trainAccuracy()), f(s.validationLoss()),
                    f(s.validationAccuracy()), String.format(Locale.ROOT, "%.2f", s.seconds())));
        }
        AtomicFiles.writeString(dir.resolve(prefix + "history.csv"), csv.toString());
        Figures.savePng(chart(history, "loss", EpochStats::trainLoss, EpochStats::validationLoss), dir.resolve(prefix + "curves_loss.png"));
        Figures.savePng(chart(history, "accuracy", EpochStats::trainAccuracy, EpochStats::validationAccuracy),
                dir.resolve(prefix + "curves_accuracy.png"));
    }

    private static XYChart chart(List<EpochStats> history, String what, ToDoubleFunction<EpochStats> train,
                                 ToDoubleFunction<EpochStats> validation) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title("Training " + what)
                .xAxisTitle("epoch").yAxisTitle(what).build();
        double[] epochs = history.stream().mapToDouble(EpochStats::epoch).toArray();
        chart.addSeries("train", epochs, history.stream().mapToDouble(train).toArray()).setMarker(SeriesMarkers.CIRCLE);
        double[] val = history.stream().mapToDouble(validation).toArray();
        if (java.util.Arrays.stream(val).noneMatch(Double::isNaN)) {
            chart.addSeries("validation", epochs, val).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static String f(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
