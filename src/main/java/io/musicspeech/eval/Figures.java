package io.musicspeech.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The evaluation figures as PNG, drawn with XChart (no display or network needed). */
public final class Figures {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 560;

    private Figures() {
    }

    public static void savePng(Chart<?, ?> chart, Path file) throws IOException {
        String name = file.toString();
        BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
                BitmapEncoder.BitmapFormat.PNG);
    }

    public static HeatMapChart confusionMatrix(long[][] confusion, List<String> labels) {
        HeatMapChart chart = new HeatMapChartBuilder().width(560).height(480)
                .title("Confusion matrix (windows)").xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setRangeColors(new Color[]{new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
        chart.getStyler().setLegendVisible(false);
        List<Number[]> cells = new ArrayList<>();
        for (int truth = 0; truth < 2; truth++) {
            for (int predicted = 0; predicted < 2; predicted++) {
                cells.add(new Number[]{predicted, truth, confusion[truth][predicted]});
            }
        }
        chart.addSeries("windows", labels, labels, cells);
        return chart;
    }

    /** ROC curve: false positive rate (music called speech) against true positive rate (speech found). */
    public static XYChart roc(WindowPredictions predictions, double auc) {
        int n = predictions.size();
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> predictions.pSpeech()[i]).reversed());
        long speech = 0;
        for (boolean s : predictions.speech()) {
            speech += s ? 1 : 0;
        }
        long music = n - speech;
        List<Double> fpr = new ArrayList<>(List.of(0.0));
        List<Double> tpr = new ArrayList<>(List.of(0.0));
        long tp = 0;
        long fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (predictions.speech()[i]) {
                tp++;
            } else {
                fp++;
            }
            boolean lastOfTie = k == n - 1 || predictions.pSpeech()[order[k + 1]] != predictions.pSpeech()[i];
            if (lastOfTie) {
                fpr.add(music == 0 ? 0 : (double) fp / music);
                tpr.add(speech == 0 ? 0 : (double) tp / speech);
            }
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(String.format(java.util.Locale.ROOT, "ROC (AUC %.4f)", auc))
                .xAxisTitle("false positive rate (music called speech)").yAxisTitle("true positive rate (speech)").build();
        chart.addSeries("model", fpr, tpr).setMarker(SeriesMarkers.NONE);
        chart.addSeries("chance", List.of(0.0, 1.0), List.of(0.0, 1.0)).setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    public static CategoryChart perFileAccuracy(List<Metrics.FileScore> perFile) {
        List<Metrics.FileScore> sorted = perFile.stream().sorted(Comparator.comparingDouble(Metrics.FileScore::accuracy)).toList();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(WIDTH, 14 * sorted.size() + 200)).height(HEIGHT)
                .title("Window accuracy per file").xAxisTitle("file").yAxisTitle("accuracy").build();
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendVisible(true);
        for (String label : List.of("music", "speech")) {
            List<String> names = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (Metrics.FileScore score : sorted) {
                names.add(shortName(score.file()));
                values.add(score.label().equals(label) ? score.accuracy() : 0.0);
            }
            if (sorted.stream().anyMatch(s -> s.label().equals(label))) {
                chart.addSeries(label, names, values);
            }
        }
        chart.getStyler().setOverlapped(true);
        return chart;
    }

    public static XYChart accuracyAgainstThreshold(double[] thresholds, double[] accuracy, double chosen) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Window accuracy against threshold")
                .xAxisTitle("threshold on p(speech)").yAxisTitle("accuracy").build();
        chart.addSeries("accuracy", thresholds, accuracy).setMarker(SeriesMarkers.NONE);
        XYSeries marker = chart.addSeries("configured threshold", new double[]{chosen, chosen}, new double[]{0, 1});
        marker.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return chart;
    }

    private static String shortName(String file) {
        int slash = file.lastIndexOf('/');
        return slash >= 0 ? file.substring(slash + 1) : file;
    }
}
