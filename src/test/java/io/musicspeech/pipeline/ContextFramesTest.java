package io.musicspeech.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;

class ContextFramesTest {
    private static final int WINDOW = 8;

    /** Runs windows starting at {@code starts} through ContextFrames; window k's features are {k}; returns each input. */
    private static float[][] run(ContextFrames frames, long... starts) {
        WindowEvent event = new WindowEvent(WINDOW, 1, 100);
        float[][] inputs = new float[starts.length][];
        for (int k = 0; k < starts.length; k++) {
            event.reset();
            event.startSample = starts[k];
            event.features[0] = k;
            frames.process(event);
            inputs[k] = event.input.clone();
        }
        return inputs;
    }

    @Test
    void backToBackWindowsAreStackedAsForTrainingAndEvaluation() {
        float[][] inputs = run(new ContextFrames(3, 1, WINDOW, WINDOW), 0, 8, 16, 24);
        // ContextStacker's rule: the first window stands in for the missing past.
        assertArrayEquals(new float[] {0, 0, 0}, inputs[0]);
        assertArrayEquals(new float[] {0, 0, 1}, inputs[1]);
        assertArrayEquals(new float[] {0, 1, 2}, inputs[2]);
        assertArrayEquals(new float[] {1, 2, 3}, inputs[3]);
    }

    @Test
    void withHalfAWindowHopThePastIsWholeWindowsBack() {
        float[][] inputs = run(new ContextFrames(3, 1, WINDOW, WINDOW / 2), 0, 4, 8, 12, 16, 20);
        assertArrayEquals(new float[] {0, 0, 2}, inputs[2], "window 2 starts one window after window 0");
        assertArrayEquals(new float[] {1, 1, 3}, inputs[3]);
        assertArrayEquals(new float[] {0, 2, 4}, inputs[4]);
        assertArrayEquals(new float[] {1, 3, 5}, inputs[5]);
    }

    @Test
    void aGapInTheStreamStartsTheContextAgain() {
        float[][] inputs = run(new ContextFrames(2, 1, WINDOW, WINDOW), 0, 8, 40, 48);
        assertArrayEquals(new float[] {0, 1}, inputs[1]);
        assertArrayEquals(new float[] {2, 2}, inputs[2], "window 2 follows dropped chunks: no past");
        assertArrayEquals(new float[] {2, 3}, inputs[3]);
    }

    @Test
    void aHopThatDoesNotDivideTheWindowIsRefused() {
        UserError e = assertThrows(UserError.class, () -> new ContextFrames(2, 1, WINDOW, 3));
        assertTrue(e.getMessage().contains("realtime.hop_seconds"), e.getMessage());
    }
}
