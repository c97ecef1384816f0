package io.musicspeech.data;

import io.musicspeech.UserError;

import java.util.List;
import java.util.Locale;

/**
 * Builds a context model's inputs from windows: each window together with the
 * {@code context - 1} windows before it in the same recording (same file, same augmentation
 * chain), stacked along time, oldest first. Where a clip has no past yet, its first window stands
 * in for the missing ones, as the live path does when a stream starts, so every window still gets
 * its own decision and the window count is unchanged.
 */
public final class ContextStacker {
    /**
     * Start times of neighbouring windows may differ from one window length by this much: manifests
     * written before start_s had six decimals round to 0.1 ms, and a hop a few samples off the
     * window changes nothing the model could notice.
     */
    private static final double TOLERANCE_SECONDS = 2e-4;

    private ContextStacker() {
    }

    /**
     * @param windows       per-window features in clip order, as prepare and evaluate build them
     * @param context       windows per input; 1 returns {@code windows} itself
     * @param windowSeconds one window's length: neighbouring windows must start this far apart
     * @throws UserError if the windows overlap or leave gaps (a hop other than the window length)
     */
    public static WindowSet stack(WindowSet windows, int context, double windowSeconds) {
        if (context < 1) {
            throw new IllegalArgumentException("context must be >= 1, got " + context);
        }
        if (context == 1) {
            return windows;
        }
        int size = windows.frames() * windows.nMfcc();
        int n = windows.size();
        float[] features = windows.features();
        int[] runStarts = runStarts(windows, context, windowSeconds);
        float[] stacked = new float[n * context * size];
        for (int i = 0; i < n; i++) {
            stackOne(features, size, runStarts, i, context, stacked, i * context * size);
        }
        return WindowSet.of(windows.frames() * context, windows.nMfcc(), stacked, windows.labels(), windows.origins());
    }

    /**
     * For every window, the first window of its run of back-to-back windows of one recording: as far
     * back as its context reaches.
     */
    public static int[] runStarts(WindowSet windows, int context, double windowSeconds) {
        List<WindowSet.Origin> origins = windows.origins();
        int[] starts = new int[origins.size()];
        for (int i = 1; i < starts.length; i++) {
            // One window alone needs no past, so its windows may have any hop.
            starts[i] = context > 1 && continues(origins.get(i - 1), origins.get(i), windowSeconds, context) ? starts[i - 1] : i;
        }
        return starts;
    }

    /**
     * Window {@code i}'s input, its {@code context} windows oldest first, written to {@code out} at
     * {@code offset} (for callers that cannot hold every stacked input at once).
     *
     * @param features  every window's features, {@code size} values each
     * @param runStarts from {@link #runStarts}
     */
    public static void stackOne(float[] features, int size, int[] runStarts, int i, int context, float[] out, int offset) {
        stackSlots(features, size, runStarts, i, context, 0, context, out, offset);
    }

    /** As {@link #stackOne}, only the slots {@code [fromSlot, toSlot)} of window {@code i}'s input (at their places). */
    public static void stackSlots(float[] features, int size, int[] runStarts, int i, int context, int fromSlot, int toSlot,
                                  float[] out, int offset) {
        for (int slot = fromSlot; slot < toSlot; slot++) {
            int source = Math.max(runStarts[i], i - (context - 1 - slot));
            System.arraycopy(features, source * size, out, offset + slot * size, size);
        }
    }

    /**
     * True if {@code next} is the window right after {@code previous} in the same recording.
     *
     * @throws UserError if they are of one recording but not back to back, for a context model
     */
    public static boolean continues(WindowSet.Origin previous, WindowSet.Origin next, double windowSeconds, int context) {
        if (!previous.file().equals(next.file()) || !previous.chain().equals(next.chain())
                || next.window() != previous.window() + 1) {
            return false;
        }
        double step = next.startSeconds() - previous.startSeconds();
        if (Math.abs(step - windowSeconds) > TOLERANCE_SECONDS) {
            throw new UserError(String.format(Locale.ROOT,
                    "a model with context_windows=%d needs windows back to back (%.4f s apart), but the windows of %s "
                            + "start %.4f s apart; leave the hop (preprocess.hop_seconds, evaluate.hop_seconds) at null",
                    context, windowSeconds, next.file(), step));
        }
        return true;
    }
}
