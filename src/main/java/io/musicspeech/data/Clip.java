package io.musicspeech.data;

import java.nio.file.Path;

/**
 * One labelled audio file of a dataset.
 *
 * @param file         where it is
 * @param relativePath its path below the dataset folder, with '/' separators (stable across machines; used in CSVs and
 *                     seeds); with several dataset folders, prefixed with the folder's name
 * @param label        the class, from its folder through the label map
 * @param group        the recording it comes from (see {@link RecordingGroups}, or the folder's MANIFEST.tsv)
 * @param source       where the recording comes from, as the folder's MANIFEST.tsv names it (the Debian package of
 *                     the extra corpus), for leave-one-source-out cross-validation; null without a manifest
 */
public record Clip(Path file, String relativePath, String label, String group, String source) {

    /** A clip without a known source. */
    public Clip(Path file, String relativePath, String label, String group) {
        this(file, relativePath, label, group, null);
    }
}
