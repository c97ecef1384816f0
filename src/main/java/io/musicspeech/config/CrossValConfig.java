package io.musicspeech.config;

import java.util.List;

/**
 * @param folds     k of grouped k-fold cross-validation (with {@code by: recording})
 * @param by        {@code recording}: k folds of whole recordings; {@code source}: leave one source out, a fold per
 *                  source named in a dataset folder's MANIFEST.tsv (clips without a source always train)
 * @param baselines also score the Tribuo baselines on every fold
 */
public record CrossValConfig(int folds, String by, boolean baselines) {
    public static final List<String> GROUPINGS = List.of("recording", "source");

    public CrossValConfig {
        Check.between("folds", folds, 2, 20);
        Check.that(GROUPINGS.contains(by), "by", "must be one of " + GROUPINGS + ", got '" + by + "'");
    }

    public boolean bySource() {
        return by.equals("source");
    }
}
