package io.musicspeech.model.baseline;

import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.WindowSet;
import io.musicspeech.features.FeatureSpec;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.List;

/** The Tribuo baselines the CNN is compared with: logistic regression and XGBoost on window statistics. */
public final class Baselines {
    /** Baseline names, as reports show them. */
    public static final List<String> NAMES = List.of("logistic_regression", "xgboost");
    private static final int XGBOOST_TREES = 100;
    /** One thread: the same trees on every machine, and the live path keeps the other core. */
    private static final int XGBOOST_THREADS = 1;

    /** Held so the level sticks (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        // Tribuo's SGD logs every few thousand iterations at INFO; a report should not drown in it.
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private Baselines() {
    }

    /**
     * Trains a baseline on every window of {@code windows} (per-window features in clip order),
     * each seen with the {@code contextWindows - 1} windows before it, as a context CNN sees them.
     * Both trainers are deterministic (fixed seeds, fixed threads).
     */
    public static BaselineClassifier train(String name, WindowSet windows, FeatureSpec spec, int contextWindows,
                                           double threshold) {
        Trainer<Label> trainer = switch (name) {
            case "logistic_regression" -> new LogisticRegressionTrainer();
            case "xgboost" -> new XGBoostClassificationTrainer(XGBOOST_TREES, XGBOOST_THREADS, true);
            default -> throw new IllegalArgumentException("unknown baseline " + name + "; baselines: " + NAMES);
        };
        // Each window's context is stacked into one buffer in turn: all of them at once would not fit
        // the heap for an augmented set with a long context (66,000 windows x 16 x 11 x 40 floats: 1.9 GB).
        int[] runStarts = ContextStacker.runStarts(windows, contextWindows, spec.windowSeconds());
        float[] input = new float[contextWindows * spec.featureSize()];
        WindowStatistics statistics = new WindowStatistics(contextWindows * spec.frames(), spec.nMfcc());
        int n = windows.size();
        int size = statistics.size();
        float[] features = windows.features();
        float[] labels = windows.labels();
        double[][] rows = new double[n][size];
        double[] mean = new double[size];
        double[] std = new double[size];
        for (int i = 0; i < n; i++) {
            ContextStacker.stackOne(features, spec.featureSize(), runStarts, i, contextWindows, input, 0);
            statistics.compute(input, 0, rows[i]);
            for (int f = 0; f < size; f++) {
                mean[f] += rows[i][f] / n;
            }
        }
        for (double[] row : rows) {
            for (int f = 0; f < size; f++) {
                std[f] += (row[f] - mean[f]) * (row[f] - mean[f]) / n;
            }
        }
        for (int f = 0; f < size; f++) {
            std[f] = std[f] > 1e-12 ? Math.sqrt(std[f]) : 1;
        }
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(
                new SimpleDataSourceProvenance("prepared windows", OffsetDateTime.now(), factory), factory);
        String[] names = statistics.names();
        Label speech = new Label(BaselineClassifier.SPEECH);
        Label music = new Label("music");
        for (int i = 0; i < n; i++) {
            BaselineClassifier.standardise(rows[i], mean, std);
            dataset.add(new ArrayExample<>(labels[i] >= 0.5f ? speech : music, names, rows[i]));
        }
        Model<Label> model = trainer.train(dataset);
        return new BaselineClassifier(model, spec, contextWindows, threshold, mean, std);
    }
}
