package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;

/**
 * @param patience epochs without validation improvement before early stopping
 * @param monitor  what early stopping and the choice of the kept epoch look at: {@code val_loss}
 *                 (binary cross-entropy) or {@code val_accuracy} (at the decision threshold)
 * @param tuneThreshold choose the bundle's decision threshold on the validation windows (best accuracy)
 *                 instead of taking {@code decision.threshold}
 * @param engine   {@code java}: the plain-Java trainer ({@link io.musicspeech.model.JavaCnnTrainer}), or
 *                 {@code dl4j}: DL4J's own fit (the reference; several times slower)
 * @param threads  training threads (each minibatch split over them); 0: one per core
 * @param export   also write the trained bundle to {@code models.shipped} (the previous one is kept as *.previous.zip)
 * @param baselines also train the Tribuo baselines on the same split and report them beside the CNN
 */
public record TrainConfig(double learningRate, int epochs, int batchSize, int patience, String monitor,
                          boolean tuneThreshold, String engine,
                          long seed, int threads, boolean export, boolean baselines) {
    public static final List<String> MONITORS = List.of("val_loss", "val_accuracy");
    public static final List<String> ENGINES = List.of("java", "dl4j");

    public TrainConfig {
        Check.that(MONITORS.contains(monitor), "monitor", "must be one of " + MONITORS + ", got '" + monitor + "'");
        Check.that(ENGINES.contains(engine), "engine", "must be one of " + ENGINES + ", got '" + engine + "'");
        Check.between("learning_rate", learningRate, 1e-7, 1);
        Check.positive("epochs", epochs);
        Check.positive("batch_size", batchSize);
        Check.positive("patience", patience);
        Check.nonNegative("threads", threads);
    }

    public boolean monitorsAccuracy() {
        return monitor.equals("val_accuracy");
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
