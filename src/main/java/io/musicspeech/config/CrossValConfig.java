package io.musicspeech.config;

import java.util.List;

/**
 * @param folds       k of grouped k-fold cross-validation (with {@code by: recording})
 * @param by          {@code recording}: k folds of whole recordings; {@code source}: sources named in a dataset
 *                    folder's MANIFEST.tsv are held out (clips without a source always train)
 * @param sourceFolds with {@code by: source}: null holds out one source per fold (leave-one-source-out);
 *                    k spreads the sources over k folds, each source wholly in one, so that every source is
 *                    still tested by a model that never heard it, at a k-th of the cost
 * @param baselines   also score the Tribuo baselines on every fold
 */
public record CrossValConfig(int folds, String by, @Nullable Integer sourceFolds, boolean baselines) {
    public static final List<String> GROUPINGS = List.of("recording", "source");

    public CrossValConfig {
        Check.between("folds", folds, 2, 20);
        Check.that(GROUPINGS.contains(by), "by", "must be one of " + GROUPINGS + ", got '" + by + "'");
        if (sourceFolds != null) {
            Check.between("source_folds", sourceFolds, 2, 100);
        }
    }

    public boolean bySource() {
        return by.equals("source");
    }
}
