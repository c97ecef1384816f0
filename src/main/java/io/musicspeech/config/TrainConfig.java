package io.musicspeech.config;

import java.nio.file.Path;

/**
 * @param patience epochs without validation improvement before early stopping
 * @param threads  native threads for training; 0: one per core
 * @param export   also write the trained bundle to {@code exportTo} (the previous one is kept as *.previous.zip)
 * @param exportTo where the shipped model lives
 * @param baselines also train the Tribuo baselines on the same split and report them beside the CNN
 */
public record TrainConfig(double learningRate, int epochs, int batchSize, int patience, long seed, int threads,
                          boolean export, Path exportTo, boolean baselines) {
    public TrainConfig {
        Check.between("learning_rate", learningRate, 1e-7, 1);
        Check.positive("epochs", epochs);
        Check.positive("batch_size", batchSize);
        Check.positive("patience", patience);
        Check.nonNegative("threads", threads);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
