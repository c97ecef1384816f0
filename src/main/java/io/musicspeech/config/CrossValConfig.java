package io.musicspeech.config;

/**
 * @param folds     k of grouped k-fold cross-validation
 * @param baselines also score the Tribuo baselines on every fold
 */
public record CrossValConfig(int folds, boolean baselines) {
    public CrossValConfig {
        Check.between("folds", folds, 2, 20);
    }
}
