package io.musicspeech.data;

import java.nio.file.Path;

/**
 * One labelled audio file of a dataset.
 *
 * @param file         where it is
 * @param relativePath its path below the dataset folder, with '/' separators (stable across machines; used in CSVs and seeds)
 * @param label        the class, from its folder through the label map
 * @param group        the recording it comes from (see {@link RecordingGroups})
 */
public record Clip(Path file, String relativePath, String label, String group) {
}
