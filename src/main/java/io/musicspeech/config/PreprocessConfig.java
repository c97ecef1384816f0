package io.musicspeech.config;

import java.nio.file.Path;

/**
 * @param path               folder of labelled audio (one subfolder per label)
 * @param out                where processed windows are written
 * @param testFraction       share of recording groups held out for testing
 * @param validationFraction share held out for early stopping
 * @param seed               seeds the split and the augmentation
 */
public record PreprocessConfig(Path path, Path out, double testFraction, double validationFraction, long seed) {
    public PreprocessConfig {
        Check.between("test_fraction", testFraction, 0, 0.9);
        Check.between("validation_fraction", validationFraction, 0, 0.9);
        Check.that(testFraction + validationFraction < 1, "validation_fraction",
                "plus test_fraction must leave something to train on (< 1), got " + (testFraction + validationFraction));
    }
}
