package io.musicspeech.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * @param path               folders of labelled audio (one subfolder per label each); one folder or a list
 *                           {@code [a, b]}; a {@code MANIFEST.tsv} in a folder gives its clips' groups and sources
 * @param trainOnly          folders of {@code path} whose clips only ever train: never in validation, the test split
 *                           or a cross-validation's test fold (synthesised audio such as stage synth's speech, so
 *                           that every figure is still measured on real recordings alone)
 * @param out                where processed windows are written (never inside {@code path})
 * @param labels             subfolder name -> label
 * @param groupPattern       regex whose named group {@code group} is a clip's recording
 * @param testFraction       share of each label's clips held out for testing, by recording
 * @param validationFraction share held out for early stopping, by recording
 * @param hopSeconds         distance between window starts; null: the window length (no overlap)
 * @param strict             an unreadable file stops the run instead of being skipped
 * @param workers            files processed in parallel; 0: one per core
 * @param seed               seeds the split and the augmentation
 */
public record PreprocessConfig(List<Path> path, List<Path> trainOnly, Path out, Map<String, String> labels, String groupPattern,
                               double testFraction, double validationFraction, @Nullable Double hopSeconds,
                               boolean strict, int workers, long seed) {
    public PreprocessConfig {
        Check.that(!path.isEmpty(), "path", "needs at least one folder");
        trainOnly.forEach(folder -> Check.that(path.stream().anyMatch(p -> same(p, folder)), "train_only",
                "names " + folder + ", which is not one of preprocess.path " + path));
        trainOnly = List.copyOf(trainOnly);
        Check.that(!labels.isEmpty(), "labels", "needs at least one folder: label entry");
        // The classifier is binary: class 0 music, class 1 speech.
        labels.forEach((folder, label) -> Check.that(label.equals("music") || label.equals("speech"),
                "labels." + folder, "must be music or speech, got '" + label + "'"));
        Check.notBlank("group_pattern", groupPattern);
        Check.between("test_fraction", testFraction, 0, 0.9);
        Check.between("validation_fraction", validationFraction, 0, 0.9);
        Check.that(testFraction + validationFraction < 1, "validation_fraction",
                "plus test_fraction must leave something to train on (< 1), got " + (testFraction + validationFraction));
        if (hopSeconds != null) {
            Check.between("hop_seconds", hopSeconds, 0.001, 10);
        }
        Check.nonNegative("workers", workers);
    }

    /** Whether {@code clip} lies in one of the {@code train_only} folders. */
    public boolean trainsOnly(Path clip) {
        Path file = clip.toAbsolutePath().normalize();
        return trainOnly.stream().anyMatch(folder -> file.startsWith(folder.toAbsolutePath().normalize()));
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** Parallel workers to use: the configured number, or one per core. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
