package io.musicspeech.model.net;

import java.util.List;

/**
 * One layer of a {@link NetworkDescription}: what it computes, its parameters as plain float
 * arrays in the layout the Java passes use, and the shape it maps. {@code index} is the layer's
 * position in the DL4J network it was read from (parameters go back there); {@code trainingIssues}
 * lists what the plain-Java trainer does not reproduce (empty when it can train the layer).
 */
public sealed interface Layer {

    int index();

    List<String> trainingIssues();

    /** Activation after a layer's weighted sum. */
    enum Activation { IDENTITY, RELU, SIGMOID }

    /**
     * 2-D convolution on a channels-last map.
     *
     * @param mode    DL4J's convolution mode (Truncate, Strict or Same), for messages; the axes hold its geometry
     * @param weights one row of {@code outChannels} per (ky, kx, input channel)
     * @param l2      DL4J's L2 coefficient on the weights (gradient += l2 * W), 0 for none
     */
    record Conv(int index, String mode, Axis rows, Axis cols, int inChannels, int outChannels, Activation activation,
                float[][] weights, float[] bias, boolean hasBias, double l2, List<String> trainingIssues) implements Layer {
    }

    /**
     * Batch normalisation per channel (of a map, or of a vector's values); running statistics as
     * stored (variance, not log-std), {@code decay} as DL4J's (r = decay r + (1 - decay) batch).
     */
    record BatchNorm(int index, int channels, float[] gamma, float[] beta, float[] mean, float[] var, double eps,
                     double decay, List<String> trainingIssues) implements Layer {
    }

    /** Max pooling; cells outside the input (Same padding) take no part. */
    record MaxPool(int index, String mode, Axis rows, Axis cols, int channels, List<String> trainingIssues) implements Layer {
    }

    /** A map into a vector, pixel by pixel with channels innermost (DL4J's NHWC flattening); index: the layer it feeds. */
    record Flatten(int index, int height, int width, int channels, List<String> trainingIssues) implements Layer {
    }

    /**
     * Fully connected.
     *
     * @param weights one row of {@code outputs} per input (DL4J's {@code [in][out]})
     * @param loss    for an output layer, its loss ("xent": unweighted binary cross-entropy); null otherwise
     */
    record Dense(int index, int inputs, int outputs, Activation activation, float[][] weights, float[] bias, boolean hasBias,
                 double l2, String loss, List<String> trainingIssues) implements Layer {
    }

    /** Inverted dropout in training (keep probability {@code keep}); the identity at inference. */
    record Dropout(int index, double keep, List<String> trainingIssues) implements Layer {
    }
}
