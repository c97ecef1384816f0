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
 * @param onlyFolds   the folds to run (numbered from 1, as printed), the others skipped; null: all. A run is
 *                    seeded and repeatable, so a cross-validation cut short can be finished by running the
 *                    folds it did not reach (the summary is then that of the folds run)
 */
public record CrossValConfig(int folds, String by, @Nullable Integer sourceFolds, boolean baselines, @Nullable List<Integer> onlyFolds) {
    public static final List<String> GROUPINGS = List.of("recording", "source");

    public CrossValConfig {
        Check.between("folds", folds, 2, 20);
        Check.that(GROUPINGS.contains(by), "by", "must be one of " + GROUPINGS + ", got '" + by + "'");
        if (sourceFolds != null) {
            Check.between("source_folds", sourceFolds, 2, 100);
        }
        if (onlyFolds != null) {
            Check.that(!onlyFolds.isEmpty(), "only_folds", "must name at least one fold (null: all)");
            onlyFolds.forEach(f -> Check.between("only_folds", f, 1, 100));
            onlyFolds = List.copyOf(onlyFolds);
        }
    }

    /** Whether fold {@code fold} (numbered from 1) is to be run. */
    public boolean runs(int fold) {
        return onlyFolds == null || onlyFolds.contains(fold);
    }

    public boolean bySource() {
        return by.equals("source");
    }
}
