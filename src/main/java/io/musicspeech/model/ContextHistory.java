package io.musicspeech.model;

/**
 * The one rule for what a decision in a stream sees: the current window together with the
 * {@code contextWindows - 1} windows that ended one, two, ... window lengths before it, exactly as
 * {@link io.musicspeech.data.ContextStacker} stacks a clip's back-to-back windows for training and
 * evaluation. With a hop shorter than the window, the past windows are every
 * {@code hopsPerWindow}-th one. Until the stream (or a stretch after a gap) has that much past,
 * its first window (of the same phase) stands in for the missing ones, as at a clip's start.
 *
 * <p>Each window leaves a slot of {@code slotSize} floats (its features, or its embedding); the
 * history keeps the last {@code (contextWindows - 1) * hopsPerWindow + 1} of them. Allocates nothing
 * per window.
 */
public final class ContextHistory {
    private final int contextWindows;
    private final int hopsPerWindow;
    private final int slotSize;
    private final float[][] slots;
    /** Windows in the history since the stream (re)started: the past that really exists. */
    private long filled;
    private long written;

    public ContextHistory(int contextWindows, int hopsPerWindow, int slotSize) {
        if (contextWindows < 1 || hopsPerWindow < 1 || slotSize < 1) {
            throw new IllegalArgumentException("need context >= 1, hops per window >= 1, slot size >= 1; got "
                    + contextWindows + ", " + hopsPerWindow + ", " + slotSize);
        }
        this.contextWindows = contextWindows;
        this.hopsPerWindow = hopsPerWindow;
        this.slotSize = slotSize;
        this.slots = new float[(contextWindows - 1) * hopsPerWindow + 1][slotSize];
    }

    public int contextWindows() {
        return contextWindows;
    }

    /**
     * The slot of the next window, to be filled by the caller.
     *
     * @param continues false when the stream starts or jumps here (dropped audio, a new clip): no usable past
     */
    public float[] next(boolean continues) {
        if (!continues) {
            filled = 0;
        }
        float[] slot = slots[(int) (written % slots.length)];
        written++;
        filled++;
        return slot;
    }

    /** The context of the window last given by {@link #next}: {@code contextWindows} slots into {@code out}, oldest first. */
    public void assemble(float[] out) {
        long current = written - 1;
        for (int k = 0; k < contextWindows; k++) {
            long back = (long) (contextWindows - 1 - k) * hopsPerWindow;
            long source = current - Math.min(back, (filled - 1) / hopsPerWindow * hopsPerWindow);
            System.arraycopy(slots[(int) (source % slots.length)], 0, out, k * slotSize, slotSize);
        }
    }
}
