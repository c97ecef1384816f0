package io.musicspeech.config;

import java.nio.file.Path;

/**
 * Which model file a stage uses when its own key ({@code realtime.model}, {@code evaluate.model},
 * {@code segment.model}, {@code bench.model}) is not set: the shipped model if it exists, else the
 * original project's. {@link io.musicspeech.model.ModelLocator} applies this order for every stage.
 *
 * @param shipped  the shipped model bundle; {@code train.export=true} writes it
 * @param original the original project's Keras model
 */
public record ModelsConfig(Path shipped, Path original) {
}
