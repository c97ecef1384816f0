package io.musicspeech.pipeline;

import io.musicspeech.UserError;

/**
 * Gives a context model its input: the current window's MFCCs stacked after those of the
 * {@code contextWindows - 1} windows that ended one, two, ... window lengths earlier, exactly as
 * {@link io.musicspeech.data.ContextStacker} stacks a clip's back-to-back windows for training and
 * evaluation. With a hop shorter than the window, the past windows are every
 * {@code window / hop}-th one. Until the stream (or a stretch after a gap) has that much past,
 * its first window stands in for the missing ones, as at a clip's start. Allocates nothing per window.
 */
public final class ContextFrames implements WindowProcessor {
    private final int contextWindows;
    private final int featureSize;
    private final int hopsPerWindow;
    private final int hopSamples;
    /** Features of the last {@code (contextWindows - 1) * hopsPerWindow + 1} windows, circular. */
    private final float[][] history;
    private final float[] stacked;
    /** Windows in {@link #history} since the stream (re)started: the past that really exists. */
    private long filled;
    private long nextStart = -1;
    private long written;

    /**
     * @throws UserError if the hop does not divide the window: then no past window ends exactly one
     *                   window length before the current one, and the model would see another context
     *                   than it was trained on
     */
    public ContextFrames(int contextWindows, int featureSize, int windowSamples, int hopSamples) {
        this(contextWindows, featureSize, windowSamples, hopSamples, "realtime.hop_seconds");
    }

    /** @param hopKey the config key that set the hop, for the message when it does not divide the window */
    public ContextFrames(int contextWindows, int featureSize, int windowSamples, int hopSamples, String hopKey) {
        if (contextWindows < 2) {
            throw new IllegalArgumentException("a context of " + contextWindows + " windows needs no ContextFrames");
        }
        if (windowSamples % hopSamples != 0) {
            throw new UserError(hopKey + ": this model sees " + contextWindows
                    + " windows back to back, so the hop must divide the window (" + windowSamples
                    + " samples) evenly; got " + hopSamples + " samples. Leave it at null (one window) or use a half, a quarter ...");
        }
        this.contextWindows = contextWindows;
        this.featureSize = featureSize;
        this.hopSamples = hopSamples;
        this.hopsPerWindow = windowSamples / hopSamples;
        this.history = new float[(contextWindows - 1) * hopsPerWindow + 1][featureSize];
        this.stacked = new float[contextWindows * featureSize];
    }

    @Override
    public void process(WindowEvent window) {
        if (window.startSample != nextStart) {
            filled = 0; // the stream started or jumped (dropped chunks): no usable past
        }
        nextStart = window.startSample + hopSamples;
        System.arraycopy(window.features, 0, history[(int) (written % history.length)], 0, featureSize);
        long current = written;
        written++;
        filled++;
        for (int slot = 0; slot < contextWindows; slot++) {
            long back = (long) (contextWindows - 1 - slot) * hopsPerWindow;
            long source = current - Math.min(back, (filled - 1) / hopsPerWindow * hopsPerWindow);
            System.arraycopy(history[(int) (source % history.length)], 0, stacked, slot * featureSize, featureSize);
        }
        window.input = stacked;
    }
}
