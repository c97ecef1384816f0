package io.musicspeech.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WindowerTest {

    private static float[] ramp(int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    /** Feeds {@code signal} in chunks of {@code chunkSize}; returns each window's contents and adds its start to {@code starts}. */
    private static List<float[]> windows(int window, int hop, float[] signal, int chunkSize, List<Long> starts) {
        Windower windower = new Windower(window, hop);
        List<float[]> out = new ArrayList<>();
        WindowEvent event = new WindowEvent(window, 1, 100);
        float[] chunk = new float[chunkSize];
        for (int at = 0; at < signal.length; at += chunkSize) {
            int length = Math.min(chunkSize, signal.length - at);
            System.arraycopy(signal, at, chunk, 0, length);
            windower.accept(chunk, length, at, 0, event, w -> {
                starts.add(w.startSample);
                out.add(w.samples.clone());
            });
        }
        return out;
    }

    @Test
    void hopEqualToTheWindowGivesConsecutiveWindows() {
        List<Long> starts = new ArrayList<>();
        float[] signal = ramp(520);
        List<float[]> got = windows(50, 50, signal, 50, starts);
        assertEquals(10, got.size(), "the partial tail makes no window");
        for (int k = 0; k < got.size(); k++) {
            assertEquals(50L * k, starts.get(k));
            assertArrayEquals(Arrays.copyOfRange(signal, 50 * k, 50 * k + 50), got.get(k));
        }
    }

    @Test
    void aSmallerHopGivesOverlappingWindowsWhateverTheChunkSize() {
        for (int chunk : new int[] {7, 10, 33, 40, 100}) {
            List<Long> starts = new ArrayList<>();
            float[] signal = ramp(300);
            List<float[]> got = windows(40, 10, signal, chunk, starts);
            assertEquals(27, got.size(), "chunk " + chunk);
            for (int k = 0; k < got.size(); k++) {
                long start = starts.get(k);
                assertEquals(10L * k, start);
                assertArrayEquals(Arrays.copyOfRange(signal, (int) start, (int) start + 40), got.get(k), "chunk " + chunk);
            }
        }
    }

    @Test
    void aGapFromDroppedChunksRestartsFillingAtItsTruePosition() {
        Windower windower = new Windower(20, 10);
        WindowEvent event = new WindowEvent(20, 1, 100);
        List<Long> starts = new ArrayList<>();
        List<float[]> contents = new ArrayList<>();
        float[] signal = ramp(200);
        float[] chunk = new float[10];
        for (int at : new int[] {0, 10, 20, 60, 70, 80}) { // 30..59 dropped
            System.arraycopy(signal, at, chunk, 0, 10);
            windower.accept(chunk, 10, at, 0, event, w -> {
                starts.add(w.startSample);
                contents.add(w.samples.clone());
            });
        }
        assertEquals(List.of(0L, 10L, 60L, 70L), starts);
        assertArrayEquals(Arrays.copyOfRange(signal, 60, 80), contents.get(2), "no stale samples from before the gap");
        assertEquals(1, windower.gaps());
    }
}
