package io.musicspeech.model;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spliced contexts: the oldest windows of a context of one class, the newest of a context of the
 * other, labelled with the class of the window the look-ahead points at.
 */
class TransitionSplicerTest {
    private static final int WINDOWS = 6;
    private static final int EMBEDDING = 3;
    private static final int COUNT = 20;
    private static final int AHEAD = 2;

    /**
     * Window j's embedding holds j in every value; windows 0-9 are one music recording, 10-19 one
     * speech recording, so context i holds the windows max(run start, i - 5) .. i.
     */
    private static HeadExamples contexts(float[] labels) {
        float[] embeddings = new float[COUNT * EMBEDDING];
        for (int j = 0; j < COUNT; j++) {
            Arrays.fill(embeddings, j * EMBEDDING, (j + 1) * EMBEDDING, j);
        }
        int[] runStarts = new int[COUNT];
        for (int j = 0; j < COUNT; j++) {
            runStarts[j] = j < 10 ? 0 : 10;
        }
        return HeadExamples.contexts(embeddings, EMBEDDING, runStarts, WINDOWS, labels);
    }

    private static float[] labels() {
        float[] y = new float[COUNT];
        Arrays.fill(y, 10, COUNT, 1f);
        return y;
    }

    /** The window each slot of input i holds. */
    private static int[] windowsOf(HeadExamples examples, int i) {
        float[] x = new float[examples.size()];
        examples.copy(i, x, 0);
        int[] w = new int[WINDOWS];
        for (int k = 0; k < WINDOWS; k++) {
            w[k] = (int) x[k * EMBEDDING];
            for (int e = 1; e < EMBEDDING; e++) {
                assertEquals(x[k * EMBEDDING], x[k * EMBEDDING + e], "one window per slot");
            }
        }
        return w;
    }

    @Test
    void contextsAreTheWindowAndItsPastInItsRecording() {
        HeadExamples plain = contexts(labels());
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 2}, windowsOf(plain, 2), "the first window stands in for a missing past");
        assertArrayEquals(new int[] {4, 5, 6, 7, 8, 9}, windowsOf(plain, 9));
        assertArrayEquals(new int[] {10, 10, 10, 10, 10, 11}, windowsOf(plain, 11), "a recording's past is its own");
    }

    @Test
    void splicedContextsCrossAChangeAndAreLabelledAtTheLookAhead() {
        float[] y = labels();
        HeadExamples out = TransitionSplicer.splice(contexts(y), AHEAD, 3.0, 5L);
        assertEquals(4 * COUNT, out.count(), "the contexts, then three times as many spliced ones");
        HeadExamples plain = contexts(y);
        for (int i = 0; i < COUNT; i++) {
            assertArrayEquals(windowsOf(plain, i), windowsOf(out, i), "the contexts themselves come first, unchanged");
            assertEquals(y[i], out.label(i));
        }
        int[] changesAt = new int[WINDOWS];
        for (int s = COUNT; s < 4 * COUNT; s++) {
            int[] w = windowsOf(out, s);
            boolean[] speech = new boolean[WINDOWS];
            for (int k = 0; k < WINDOWS; k++) {
                speech[k] = w[k] >= 10;
            }
            int change = 1;
            while (change < WINDOWS && speech[change] == speech[0]) {
                change++;
            }
            assertTrue(change < WINDOWS, "sample " + s + " holds both classes: " + Arrays.toString(w));
            for (int k = change; k < WINDOWS; k++) {
                assertEquals(speech[WINDOWS - 1], speech[k], "sample " + s + ": one change, no more");
            }
            for (int k = 1; k < WINDOWS; k++) {
                assertTrue(k == change || w[k] >= w[k - 1], "sample " + s + ": each part in its order " + Arrays.toString(w));
            }
            int labelled = WINDOWS - 1 - AHEAD;
            assertEquals(speech[labelled] ? 1f : 0f, out.label(s), "sample " + s + ": the class at the look-ahead");
            changesAt[change]++;
        }
        for (int k = 1; k < WINDOWS; k++) {
            assertTrue(changesAt[k] > 0, "a change at every place: " + Arrays.toString(changesAt));
        }
        HeadExamples again = TransitionSplicer.splice(contexts(y), AHEAD, 3.0, 5L);
        for (int s = COUNT; s < 4 * COUNT; s++) {
            assertArrayEquals(windowsOf(out, s), windowsOf(again, s), "seeded");
        }
    }

    @Test
    void nothingIsAddedWithoutAFractionAContextOrBothClasses() {
        HeadExamples plain = contexts(labels());
        assertSame(plain, TransitionSplicer.splice(plain, AHEAD, 0, 1L));
        HeadExamples oneClass = contexts(new float[COUNT]);
        assertSame(oneClass, TransitionSplicer.splice(oneClass, AHEAD, 1, 1L));
        HeadExamples oneWindow = HeadExamples.contexts(new float[COUNT], 1, new int[COUNT], 1, labels());
        assertSame(oneWindow, TransitionSplicer.splice(oneWindow, 0, 1, 1L));
    }
}
