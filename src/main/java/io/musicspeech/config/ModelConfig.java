package io.musicspeech.config;

import java.util.List;

/**
 * A network variant (config group {@code model}): convolution blocks of conv + batch norm +
 * 'same' max pooling, then a dense layer and one logit.
 *
 * @param convFilters  filters per convolution block
 * @param convKernels  square kernel size per block
 * @param poolSizes    square max-pool size per block (stride {@code poolStride}, Keras 'same' padding)
 * @param l2           L2 penalty on the first convolution's weights, as the original
 * @param dropout      dropout before the output layer; 0 disables it
 * @param normalise    standardise each MFCC coefficient with the training windows' mean and std
 * @param contextWindows consecutive windows the network sees: the window being classified and the
 *                     {@code contextWindows - 1} before it, stacked along time (1: the window alone,
 *                     as the original). A decision still comes every window; it just knows more past.
 */
public record ModelConfig(List<Integer> convFilters, List<Integer> convKernels, List<Integer> poolSizes,
                          int poolStride, double l2, int denseUnits, double dropout, boolean normalise,
                          int contextWindows) {
    /** 64 windows = 16 s of 0.25 s windows: far more past than music or speech needs. */
    public static final int MAX_CONTEXT_WINDOWS = 64;

    public ModelConfig {
        Check.that(!convFilters.isEmpty(), "conv_filters", "needs at least one block");
        Check.that(convKernels.size() == convFilters.size() && poolSizes.size() == convFilters.size(),
                "conv_filters", "must have one entry per block like conv_kernels and pool_sizes; got lengths "
                        + convFilters.size() + ", " + convKernels.size() + ", " + poolSizes.size());
        convFilters.forEach(f -> Check.positive("conv_filters", f));
        convKernels.forEach(k -> Check.positive("conv_kernels", k));
        poolSizes.forEach(p -> Check.positive("pool_sizes", p));
        Check.positive("pool_stride", poolStride);
        Check.nonNegative("l2", l2);
        Check.positive("dense_units", denseUnits);
        Check.between("dropout", dropout, 0, 0.95);
        Check.that(contextWindows >= 1 && contextWindows <= MAX_CONTEXT_WINDOWS, "context_windows",
                "must be between 1 and " + MAX_CONTEXT_WINDOWS + ", got " + contextWindows);
    }
}
