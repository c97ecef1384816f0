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
    private static final int COUNT = 10;
    private static final int AHEAD = 2;

    /** Context i's window k holds (i * 100 + k) in every value; contexts 0-4 are music, 5-9 speech. */
    private static float[] inputs() {
        float[] x = new float[COUNT * WINDOWS * EMBEDDING];
        for (int i = 0; i < COUNT; i++) {
            for (int k = 0; k < WINDOWS; k++) {
                for (int e = 0; e < EMBEDDING; e++) {
                    x[(i * WINDOWS + k) * EMBEDDING + e] = i * 100 + k;
                }
            }
        }
        return x;
    }

    private static float[] labels() {
        float[] y = new float[COUNT];
        Arrays.fill(y, 5, COUNT, 1f);
        return y;
    }

    @Test
    void splicedContextsCrossAChangeAndAreLabelledAtTheLookAhead() {
        float[] x = inputs();
        float[] y = labels();
        TransitionSplicer.Decisions out = TransitionSplicer.splice(x, y, WINDOWS, EMBEDDING, AHEAD, 3.0, 5L);
        assertEquals(4 * COUNT, out.labels().length, "the contexts, then three times as many spliced ones");
        assertArrayEquals(x, Arrays.copyOf(out.inputs(), x.length), "the contexts themselves come first, unchanged");
        assertArrayEquals(y, Arrays.copyOf(out.labels(), COUNT));
        int[] changesAt = new int[WINDOWS];
        for (int s = COUNT; s < 4 * COUNT; s++) {
            int[] context = new int[WINDOWS];
            for (int k = 0; k < WINDOWS; k++) {
                float v = out.inputs()[(s * WINDOWS + k) * EMBEDDING];
                context[k] = (int) v / 100;
                assertEquals(k, (int) v % 100, "windows keep their place in their context");
            }
            int change = 1;
            while (change < WINDOWS && context[change] == context[0]) {
                change++;
            }
            assertTrue(change >= 1 && change < WINDOWS, "sample " + s + " holds two contexts: " + Arrays.toString(context));
            for (int k = change; k < WINDOWS; k++) {
                assertEquals(context[WINDOWS - 1], context[k], "sample " + s + ": one change, no more");
            }
            assertTrue((context[0] >= 5) != (context[WINDOWS - 1] >= 5), "sample " + s + ": the two contexts differ in class");
            int labelled = WINDOWS - 1 - AHEAD;
            assertEquals(context[labelled] >= 5 ? 1f : 0f, out.labels()[s], "sample " + s + ": the class at the look-ahead");
            changesAt[change]++;
        }
        for (int k = 1; k < WINDOWS; k++) {
            assertTrue(changesAt[k] > 0, "a change at every place: " + Arrays.toString(changesAt));
        }
        assertArrayEquals(out.inputs(), TransitionSplicer.splice(x, y, WINDOWS, EMBEDDING, AHEAD, 3.0, 5L).inputs(), "seeded");
    }

    @Test
    void nothingIsAddedWithoutAFractionAContextOrBothClasses() {
        float[] x = inputs();
        float[] y = labels();
        assertSame(x, TransitionSplicer.splice(x, y, WINDOWS, EMBEDDING, AHEAD, 0, 1L).inputs());
        assertSame(x, TransitionSplicer.splice(x, y, 1, WINDOWS * EMBEDDING, 0, 1, 1L).inputs());
        assertSame(x, TransitionSplicer.splice(x, new float[COUNT], WINDOWS, EMBEDDING, AHEAD, 1, 1L).inputs());
    }
}
