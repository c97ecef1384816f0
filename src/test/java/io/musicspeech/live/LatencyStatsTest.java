package io.musicspeech.live;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyStatsTest {

    @Test
    void quantilesAreWithinATenthOfAPercent() {
        LatencyStats stats = LatencyStats.compute();
        for (int i = 1; i <= 10_000; i++) {
            stats.record(i * 1_000L); // 1 us .. 10 ms
        }
        assertEquals(5.0, stats.quantileMillis(0.5), 0.005);
        assertEquals(9.9, stats.quantileMillis(0.99), 0.01);
        assertEquals(10.0, stats.maxMillis(), 1e-9);
        assertEquals(10_000, stats.count());
    }

    @Test
    void bucketsCoverMicrosecondsToHours() {
        for (long micros : new long[] {0, 1, 999, 1000, 1234, 99_999, 123_456_789, 3_600_000_000L}) {
            long lower = LatencyStats.lowerBound(LatencyStats.bucket(micros));
            assertTrue(lower <= micros && micros - lower <= Math.max(0, micros / 100), micros + " -> " + lower);
        }
        assertTrue(Double.isNaN(LatencyStats.compute().quantileMillis(0.5)), "no windows, no figure");
    }
}
