package io.musicspeech.config;

import java.nio.file.Path;

/**
 * @param data       folder of labelled audio in the layout prepare reads; null: the test split of the last prepare
 * @param model      a model bundle or a Keras HDF5 file; null: the shipped model
 * @param out        where metrics and the report go; null: the run folder
 * @param hopSeconds between window starts; null: the window length (non-overlapping, as the original)
 */
public record EvaluateConfig(@Nullable Path data, @Nullable Path model, @Nullable Path out, @Nullable Double hopSeconds) {
    public EvaluateConfig {
        if (hopSeconds != null) {
            Check.between("hop_seconds", hopSeconds, 0.001, 10);
        }
    }
}
