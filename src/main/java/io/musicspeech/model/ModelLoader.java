package io.musicspeech.model;

import io.musicspeech.UserError;
import io.musicspeech.features.FeatureSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens whatever model file a user points at: a {@link ModelBundle} (zip) or the original Keras
 * model (HDF5), told apart by their magic bytes, not their names (the Keras file is called
 * {@code .keras} but is HDF5).
 */
public final class ModelLoader {

    private static final String WHAT = "model";

    private ModelLoader() {
    }

    /**
     * @param configSpec      the audio the caller will decode and window (from the config), and the features a
     *                        Keras model gets; a bundle brings its own MFCC settings, as it brings its threshold
     * @param configThreshold used for a Keras model, which records no threshold; a bundle brings its own
     * @throws UserError naming the file if it cannot be loaded, or, for a bundle, naming the sample rate
     *                   or window length in which the config differs from the model's training
     */
    public static WindowClassifier load(Path file, FeatureSpec configSpec, double configThreshold) {
        ModelFiles.requireReadableFile(file, WHAT);
        return switch (ModelFiles.kindOf(file, WHAT)) {
            case HDF5 -> KerasModelImport.load(file, configSpec, configThreshold);
            case ZIP -> {
                ModelBundle bundle = ModelBundle.load(file);
                List<String> diffs = FeatureSpecJson.audioDifferences(bundle.featureSpec(), configSpec);
                if (!diffs.isEmpty()) {
                    throw new UserError(file + ": model was trained with " + String.join("; ", diffs)
                            + ". Set those config values back to the model's or retrain the model");
                }
                try {
                    yield bundle.classifier();
                } catch (IllegalArgumentException e) {
                    throw new UserError(file + ": " + e.getMessage(), e);
                }
            }
            case OTHER -> throw new UserError(file + " is neither a model bundle (zip) nor a Keras model (HDF5)");
        };
    }
}
