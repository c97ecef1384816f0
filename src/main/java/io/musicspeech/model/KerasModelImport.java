package io.musicspeech.model;

import io.musicspeech.UserError;
import io.musicspeech.features.FeatureSpec;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Loads the original project's Keras 2 model (an HDF5 file, whatever its extension) through
 * DL4J's Keras import. The Keras file records neither the features nor the decision threshold,
 * so the caller passes the config's.
 *
 * <p>Checked against Keras: DL4J imports the 'same' max pooling with {@code ConvolutionMode.Same},
 * which like Keras puts the odd padding cell bottom/right (in this model: the second pooling,
 * 3 x 4 -> 2 x 2, pads one column on the right only); the logits of all 14 golden windows match
 * Keras to about 1e-5 (SeedModelTest), so no padding fix is needed.
 */
public final class KerasModelImport {

    private static final String WHAT = "Keras model";

    private KerasModelImport() {
    }

    /**
     * The Keras model as a classifier of windows of {@code spec}: a {@link JavaCnnClassifier}, or
     * DL4J's {@link NetworkClassifier} if the model has a layer the Java forward pass does not support.
     *
     * @throws UserError naming the file if it is missing, a folder, not HDF5, not a Keras model
     *                   DL4J can import, or does not take windows of {@code spec}
     */
    public static WindowClassifier load(Path file, FeatureSpec spec, double threshold) {
        MultiLayerNetwork network = importNetwork(file);
        try {
            return JavaCnnClassifier.orNetworkClassifier(network, spec, 1, threshold, null);
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The imported network itself: input {@code [n, frames, nMfcc, 1]} channels-last, output one logit.
     *
     * @throws UserError as {@link #load}
     */
    public static MultiLayerNetwork importNetwork(Path file) {
        ModelFiles.requireReadableFile(file, WHAT);
        switch (ModelFiles.kindOf(file, WHAT)) {
            case HDF5 -> { }
            case ZIP -> throw new UserError(file + " is a zip archive (a model bundle or a Keras 3 .keras file), "
                    + "not a Keras 2 HDF5 model; DL4J imports only HDF5 (in Keras: model.save('model.h5'))");
            default -> throw new UserError(file + " is not an HDF5 file; a Keras 2 model saved in HDF5 format is expected");
        }
        NativeSetup.ensure();
        try {
            // enforceTrainingConfig=false: the saved optimizer is a custom one DL4J does not know; inference does not need it.
            return org.deeplearning4j.nn.modelimport.keras.KerasModelImport
                    .importKerasSequentialModelAndWeights(file.toString(), false);
        } catch (Exception e) {
            throw new UserError(file + " is an HDF5 file but not a Keras Sequential model DL4J can import: "
                    + ModelFiles.reason(e), e);
        }
    }
}
