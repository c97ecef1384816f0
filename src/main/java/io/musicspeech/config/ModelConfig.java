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
 *                     {@code contextWindows - 1} before it (1: the window alone, as the original). A decision
 *                     still comes every window; it just knows more past. Without a head they are stacked
 *                     along time into one input; with a head each window is encoded once (see headUnits)
 * @param relativeLevel centre coefficient 0 of every window on its mean (the model cannot see the level)
 * @param headUnits    0: no temporal head. Above 0: the network above (trained on single windows) is the
 *                     encoder, whose hidden dense layer's output is each window's embedding, and a head of this
 *                     many relu units over the last contextWindows embeddings gives the decision, so a stream
 *                     encodes each window once whatever the context
 * @param headDropout  dropout on the head's input
 * @param offlineLookAhead with a head: 0, or a second head for offline segmentation whose decision is about the
 *                     window this many places before the newest of its context (it hears what follows the window
 *                     it decides), trained on contexts spliced across changes of class so that it places them
 * @param offlineContextWindows the offline head's context, the window it decides among them; 0: contextWindows.
 *                     Its own, because the heads are measured apart: a longer past helps the live head decide, and
 *                     blurs where the offline head places a change
 */
public record ModelConfig(List<Integer> convFilters, List<Integer> convKernels, List<Integer> poolSizes,
                          int poolStride, double l2, int denseUnits, double dropout, boolean normalise,
                          int contextWindows, boolean relativeLevel, int headUnits, double headDropout,
                          int offlineLookAhead, int offlineContextWindows) {

    /** The original family's settings: absolute level, no temporal head. */
    public ModelConfig(List<Integer> convFilters, List<Integer> convKernels, List<Integer> poolSizes, int poolStride,
                       double l2, int denseUnits, double dropout, boolean normalise, int contextWindows) {
        this(convFilters, convKernels, poolSizes, poolStride, l2, denseUnits, dropout, normalise, contextWindows, false, 0, 0, 0, 0);
    }

    /** A temporal family's settings, the offline head over the live head's context. */
    public ModelConfig(List<Integer> convFilters, List<Integer> convKernels, List<Integer> poolSizes, int poolStride,
                       double l2, int denseUnits, double dropout, boolean normalise, int contextWindows, boolean relativeLevel,
                       int headUnits, double headDropout, int offlineLookAhead) {
        this(convFilters, convKernels, poolSizes, poolStride, l2, denseUnits, dropout, normalise, contextWindows, relativeLevel,
                headUnits, headDropout, offlineLookAhead, 0);
    }

    /** The offline head's context: offline_context_windows, or context_windows when that is 0. */
    public int offlineContext() {
        return offlineContext(offlineContextWindows, contextWindows);
    }

    /** Static, for the compact constructor, which checks it before the fields are set. */
    private static int offlineContext(int offlineContextWindows, int contextWindows) {
        return offlineContextWindows == 0 ? contextWindows : offlineContextWindows;
    }

    /** True for an encoder with a temporal head. */
    public boolean temporal() {
        return headUnits > 0;
    }
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
        Check.between("head_units", headUnits, 0, 4096);
        Check.between("head_dropout", headDropout, 0, 0.95);
        Check.that(offlineContextWindows >= 0 && offlineContextWindows <= MAX_CONTEXT_WINDOWS, "offline_context_windows",
                "must be 0 (the live head's context) or up to " + MAX_CONTEXT_WINDOWS + ", got " + offlineContextWindows);
        int offlineContext = offlineContext(offlineContextWindows, contextWindows);
        Check.that(offlineLookAhead >= 0 && (offlineLookAhead == 0 || headUnits > 0 && offlineLookAhead < offlineContext),
                "offline_look_ahead", "must be 0, or with a head (head_units > 0) below the offline head's context ("
                        + offlineContext + " windows), got " + offlineLookAhead);
    }
}
