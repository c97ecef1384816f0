package io.musicspeech.config;

/** @param patience epochs without validation improvement before early stopping */
public record TrainConfig(double learningRate, int epochs, int batchSize, int patience, long seed) {
    public TrainConfig {
        Check.between("learning_rate", learningRate, 1e-7, 1);
        Check.positive("epochs", epochs);
        Check.positive("batch_size", batchSize);
        Check.positive("patience", patience);
    }
}
