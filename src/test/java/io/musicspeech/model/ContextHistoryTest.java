package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class ContextHistoryTest {

    /** Pushes windows whose one feature is their number k; {@code continues[k]} false restarts; returns each context. */
    private static float[][] run(ContextHistory history, boolean... continues) {
        float[][] contexts = new float[continues.length][];
        for (int k = 0; k < continues.length; k++) {
            history.next(continues[k])[0] = k;
            contexts[k] = new float[history.contextWindows()];
            history.assemble(contexts[k]);
        }
        return contexts;
    }

    private static boolean[] flowing(int n) {
        boolean[] c = new boolean[n];
        java.util.Arrays.fill(c, 1, n, true);
        return c;
    }

    @Test
    void backToBackWindowsAreStackedAsForTrainingAndEvaluation() {
        float[][] contexts = run(new ContextHistory(3, 1, 1), flowing(4));
        // ContextStacker's rule: the first window stands in for the missing past.
        assertArrayEquals(new float[] {0, 0, 0}, contexts[0]);
        assertArrayEquals(new float[] {0, 0, 1}, contexts[1]);
        assertArrayEquals(new float[] {0, 1, 2}, contexts[2]);
        assertArrayEquals(new float[] {1, 2, 3}, contexts[3]);
    }

    @Test
    void withHalfAWindowHopThePastIsWholeWindowsBack() {
        float[][] contexts = run(new ContextHistory(3, 2, 1), flowing(6));
        assertArrayEquals(new float[] {0, 0, 2}, contexts[2], "window 2 starts one window after window 0");
        assertArrayEquals(new float[] {1, 1, 3}, contexts[3]);
        assertArrayEquals(new float[] {0, 2, 4}, contexts[4]);
        assertArrayEquals(new float[] {1, 3, 5}, contexts[5]);
    }

    @Test
    void aGapInTheStreamStartsTheContextAgain() {
        float[][] contexts = run(new ContextHistory(2, 1, 1), false, true, false, true);
        assertArrayEquals(new float[] {0, 1}, contexts[1]);
        assertArrayEquals(new float[] {2, 2}, contexts[2], "window 2 follows dropped chunks: no past");
        assertArrayEquals(new float[] {2, 3}, contexts[3]);
    }
}
