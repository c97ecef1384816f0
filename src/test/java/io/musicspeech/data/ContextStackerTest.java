package io.musicspeech.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.UserError;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextStackerTest {
    private static final int RATE = 100;
    private static final int WINDOW = 25;
    private static final double WINDOW_SECONDS = WINDOW / (double) RATE;
    /** 2 frames x 1 coefficient per window, so a window's values can say which window it is. */
    private static final int FRAMES = 2;

    /** Windows of clip a (recorded, then an augmented copy) and clip b; window w of a sequence holds (id*100 + w) in both frames. */
    private static WindowSet windows(int hop) {
        WindowSet set = new WindowSet(FRAMES, 1);
        add(set, "a.wav", 0, DatasetBuilder.RECORDED, 1, 5, hop);
        add(set, "a.wav", 0, "noise", 2, 5, hop);
        add(set, "b.wav", 1, DatasetBuilder.RECORDED, 3, 2, hop);
        return set;
    }

    private static void add(WindowSet set, String file, int label, String chain, int id, int count, int hop) {
        float[] features = new float[count * FRAMES];
        for (int w = 0; w < count; w++) {
            features[2 * w] = id * 100 + w;
            features[2 * w + 1] = id * 100 + w;
        }
        Clip clip = new Clip(Path.of(file), file, label == 0 ? "music" : "speech", file.substring(0, 1));
        set.add(clip, label, chain, features, null, new Windows(WINDOW, hop), RATE);
    }

    /** The window id in slot {@code slot} of input {@code i}. */
    private static float slot(WindowSet stacked, int i, int slot) {
        float[] f = stacked.features();
        int size = stacked.frames() * stacked.nMfcc();
        float first = f[i * size + slot * FRAMES];
        assertEquals(first, f[i * size + slot * FRAMES + 1], "both frames of a window travel together");
        return first;
    }

    @Test
    void eachInputIsItsWindowAfterThePreviousOnesOfTheSameSequence() {
        WindowSet stacked = ContextStacker.stack(windows(WINDOW), 3, WINDOW_SECONDS);
        assertEquals(12, stacked.size(), "one input per window");
        assertEquals(3 * FRAMES, stacked.frames());
        // clip a, recorded: windows 100..104
        assertEquals(List.of(100f, 100f, 100f), List.of(slot(stacked, 0, 0), slot(stacked, 0, 1), slot(stacked, 0, 2)),
                "the first window stands in for the past it does not have");
        assertEquals(List.of(100f, 100f, 101f), List.of(slot(stacked, 1, 0), slot(stacked, 1, 1), slot(stacked, 1, 2)));
        assertEquals(List.of(102f, 103f, 104f), List.of(slot(stacked, 4, 0), slot(stacked, 4, 1), slot(stacked, 4, 2)));
        // the augmented copy of a is its own sequence: nothing of the recorded windows leaks in
        assertEquals(List.of(200f, 200f, 200f), List.of(slot(stacked, 5, 0), slot(stacked, 5, 1), slot(stacked, 5, 2)));
        assertEquals(List.of(200f, 201f, 202f), List.of(slot(stacked, 7, 0), slot(stacked, 7, 1), slot(stacked, 7, 2)));
        // clip b starts afresh
        assertEquals(List.of(300f, 300f, 301f), List.of(slot(stacked, 11, 0), slot(stacked, 11, 1), slot(stacked, 11, 2)));
        assertEquals(windows(WINDOW).origins(), stacked.origins());
        float[] labels = stacked.labels();
        assertEquals(0f, labels[4]);
        assertEquals(1f, labels[11]);
    }

    @Test
    void oneWindowOfContextIsTheSetItself() {
        WindowSet set = windows(WINDOW);
        assertSame(set, ContextStacker.stack(set, 1, WINDOW_SECONDS));
    }

    @Test
    void overlappingWindowsAreRefusedWithTheKeyToChange() {
        UserError e = assertThrows(UserError.class, () -> ContextStacker.stack(windows(10), 2, WINDOW_SECONDS));
        assertTrue(e.getMessage().contains("hop_seconds"), e.getMessage());
    }
}
