package io.musicspeech.model;

import io.musicspeech.UserError;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Builds a fresh, untrained network of the original architecture, layer for layer (with the
 * seed model's configuration it has the same 25,921 parameters in the same order, so the Keras
 * weights can be loaded into it):
 * <pre>
 * per block: Conv2D(filters, k x k, relu, 'valid') -> BatchNorm -> MaxPool(p x p, stride, 'same')
 * then: flatten -> Dense(dense_units, relu) -> [Dropout] -> Dense(1) logit
 * </pre>
 * Input is channels-last {@code [n, context_windows * frames, nMfcc, 1]}, the convention of the classifiers
 * ({@link JavaCnnClassifier}, {@link NetworkClassifier}).
 * Keras defaults are carried over where DL4J's differ: Glorot-uniform weights, batch-norm
 * momentum 0.99 and epsilon 1e-3, Adam epsilon 1e-7.
 */
public final class CnnFactory {

    private static final CNN2DFormat CHANNELS_LAST = CNN2DFormat.NHWC;

    private CnnFactory() {
    }

    /**
     * @param seed         seeds the weight initialisation (and DL4J's dropout masks)
     * @param learningRate Adam's learning rate
     * @throws UserError if the blocks shrink a {@code frames x nMfcc} window to nothing
     */
    public static MultiLayerNetwork build(ModelConfig model, FeatureSpec spec, long seed, double learningRate) {
        checkFits(model, spec);
        NativeSetup.ensure();
        var layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .list();
        int blocks = model.convFilters().size();
        for (int b = 0; b < blocks; b++) {
            int k = model.convKernels().get(b);
            var conv = new ConvolutionLayer.Builder(k, k)
                    .nOut(model.convFilters().get(b))
                    .stride(1, 1)
                    .convolutionMode(ConvolutionMode.Truncate) // Keras 'valid' (its default): no padding
                    .dataFormat(CHANNELS_LAST)
                    .activation(Activation.RELU);
            if (b == 0 && model.l2() > 0) {
                // Keras adds l2 * sum(w^2) to the loss; DL4J adds 0.5 * l2 * sum(w^2): twice the coefficient
                // gives the same gradient. Weights only, as Keras' kernel_regularizer.
                conv.l2(2 * model.l2());
            }
            layers.layer(conv.build());
            layers.layer(new BatchNormalization.Builder()
                    .decay(0.99).eps(1e-3)  // Keras' momentum and epsilon
                    .useLogStd(false)       // store variance, as Keras (and the imported model) do
                    .dataFormat(CHANNELS_LAST)
                    .build());
            int p = model.poolSizes().get(b);
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                    .kernelSize(p, p)
                    .stride(model.poolStride(), model.poolStride())
                    // Keras 'same': out = ceil(in / stride), the odd padding cell bottom/right.
                    // DL4J's Same mode does the same (checked by CnnFactoryTest with the seed weights).
                    .convolutionMode(ConvolutionMode.Same)
                    .dataFormat(CHANNELS_LAST)
                    .build());
        }
        layers.layer(new DenseLayer.Builder().nOut(model.denseUnits()).activation(Activation.RELU).build());
        if (model.dropout() > 0) {
            layers.layer(new DropoutLayer.Builder(1 - model.dropout()).build()); // DL4J takes the keep probability
        }
        // Sigmoid + binary cross-entropy trains exactly as Keras' from_logits loss; the classifiers
        // drop the sigmoid at inference to read the logit.
        layers.layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build());
        layers.setInputType(InputType.convolutional(inputFrames(model, spec), spec.nMfcc(), 1, CHANNELS_LAST));

        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }

    /**
     * A fresh temporal head (model.head_units > 0): the last {@code model.context_windows} window
     * embeddings of {@code embedding} values each, oldest first, in one vector -> Dense(head_units, relu)
     * -> [Dropout(head_dropout)] -> Dense(1) logit (sigmoid + XENT for training, as the window network).
     */
    public static MultiLayerNetwork buildHead(ModelConfig model, int embedding, long seed, double learningRate) {
        return buildHead(model, model.contextWindows(), embedding, seed, learningRate);
    }

    /** A head of the model's shape over {@code windows} embeddings (the offline head's context may be its own). */
    public static MultiLayerNetwork buildHead(ModelConfig model, int windows, int embedding, long seed, double learningRate) {
        NativeSetup.ensure();
        var layers = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list();
        layers.layer(new DenseLayer.Builder().nOut(model.headUnits()).activation(Activation.RELU).build());
        if (model.headDropout() > 0) {
            layers.layer(new DropoutLayer.Builder(1 - model.headDropout()).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunction.XENT).nOut(1).activation(Activation.SIGMOID).build());
        layers.setInputType(InputType.feedForward((long) windows * embedding));
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }

    /** Rows of the network's input: the context's windows' frames, stacked (one window when a head gives the context). */
    public static int inputFrames(ModelConfig model, FeatureSpec spec) {
        return (model.temporal() ? 1 : model.contextWindows()) * spec.frames();
    }

    /** Walks the feature map through the blocks so a config that shrinks it to nothing fails with its keys named. */
    static void checkFits(ModelConfig model, FeatureSpec spec) {
        int h = inputFrames(model, spec);
        int w = spec.nMfcc();
        for (int b = 0; b < model.convFilters().size(); b++) {
            int k = model.convKernels().get(b);
            if (k > h || k > w) {
                throw new UserError("model.conv_kernels: block " + (b + 1) + "'s " + k + "x" + k
                        + " kernel does not fit the " + h + "x" + w + " feature map left of a " + inputFrames(model, spec) + "x"
                        + spec.nMfcc() + " input (frames x features.n_mfcc); use fewer blocks or smaller kernels");
            }
            h = h - k + 1;
            w = w - k + 1;
            h = (h + model.poolStride() - 1) / model.poolStride();
            w = (w + model.poolStride() - 1) / model.poolStride();
        }
    }
}
