package io.musicspeech.model;

import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.ModelsConfig;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which model a stage uses, the same way for every stage: the file its own key names, else the
 * shipped model ({@code models.shipped}) if it exists, else the original project's Keras model
 * ({@code models.original}).
 */
public final class ModelLocator {

    /** The model file chosen and why, for the console. */
    public record Choice(Path path, String why) {
        @Override
        public String toString() {
            return path + " (" + why + ")";
        }
    }

    private ModelLocator() {
    }

    /**
     * @param explicit the stage's own key (e.g. {@code segment.model}); null when not set
     * @param key      that key's name, for the console
     * @throws UserError if nothing is set and neither the shipped nor the original model exists
     */
    public static Choice locate(Path explicit, String key, ModelsConfig models) {
        if (explicit != null) {
            return new Choice(explicit, key);
        }
        if (Files.exists(models.shipped())) {
            return new Choice(models.shipped(), "the shipped model");
        }
        if (Files.exists(models.original())) {
            return new Choice(models.original(), "the original project's Keras model: there is no shipped model at "
                    + models.shipped() + " yet");
        }
        throw new UserError("no model: " + key + " is not set, there is no shipped model at " + models.shipped()
                + " and no original model at " + models.original()
                + ". Train one (mvn exec:java -Ptrain -Dexec.args=\"train.export=true\") or pass " + key + "=PATH");
    }

    /** One load at a time, whoever asks (segment workers, the service's streams and uploads, executors): DL4J restores networks through shared native state. */
    private static final Object LOADING = new Object();

    /** Locates the model and loads it, checked against the configured features (see {@link ModelLoader#load}). */
    public static WindowClassifier load(Choice choice, Config config) {
        synchronized (LOADING) {
            return ModelLoader.load(choice.path(), config.featureSpec(), config.decision().threshold());
        }
    }
}
