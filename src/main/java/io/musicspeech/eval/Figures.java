package io.musicspeech.eval;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HorizontalBarChart;
import org.knowm.xchart.HorizontalBarChartBuilder;
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

    /** Files shown in the per-file figure; the rest are counted in its title. */
    static final int PER_FILE_SHOWN = 40;
    /** Characters of a file name shown; longer names keep their start and end. */
    private static final int NAME_CHARS = 34;

    /**
     * Window accuracy per file as horizontal bars, worst first (the files to look at): at most {@value #PER_FILE_SHOWN} files, with the count of the others in the
     * title, names shortened in the middle and led by the label, and a height that grows with the
     * number of bars, so the figure reads the same for 10 files as for 500.
     */
    public static HorizontalBarChart perFileAccuracy(List<Metrics.FileScore> perFile) {
        List<Metrics.FileScore> sorted = perFile.stream().sorted(Comparator.comparingDouble(Metrics.FileScore::accuracy)
                .thenComparing(Metrics.FileScore::file)).toList();
        List<Metrics.FileScore> shown = sorted.subList(0, Math.min(PER_FILE_SHOWN, sorted.size()));
        int rest = sorted.size() - shown.size();
        String title = rest == 0 ? "Window accuracy per file, worst first"
                : String.format(java.util.Locale.ROOT, "Window accuracy of the %d worst files (%d more, all above %.1f %%)",
                shown.size(), rest, 100 * sorted.get(shown.size()).accuracy());
        HorizontalBarChart chart = new HorizontalBarChartBuilder().width(1000).height(140 + 20 * Math.max(3, shown.size()))
                .title(title).xAxisTitle("window accuracy").yAxisTitle("file").build();
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTickMarkSpacingHint(12).setXAxisTickMarkSpacingHint(12); // a name for every bar
        chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        // The label leads each name (one series: XChart 4's horizontal bars cannot overlap two).
        List<String> names = shown.stream().map(s -> s.label() + ": " + shortName(s.file())).toList();
        chart.addSeries("window accuracy", shown.stream().map(Metrics.FileScore::accuracy).toList(), names);
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

    /** The file name without its folders, shortened in the middle (a unique start and end stay readable). */
    static String shortName(String file) {
        int slash = file.lastIndexOf('/');
        String name = slash >= 0 ? file.substring(slash + 1) : file;
        if (name.length() <= NAME_CHARS) {
            return name;
        }
        int keep = (NAME_CHARS - 1) / 2;
        return name.substring(0, keep) + "\u2026" + name.substring(name.length() - keep);
    }
}
