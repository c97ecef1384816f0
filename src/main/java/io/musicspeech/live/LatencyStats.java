package io.musicspeech.live;

import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.WindowEvent;
/**
 * Latency of each decided window, one of two spans: {@link #captureToDecision()}, from the moment
 * the chunk that completed the window had been captured to the moment its label was decided
 * (hand-over to the worker, windowing, MFCC, model, smoothing: what the listener waits), or
 * {@link #compute()}, from the window being cut to its decision (MFCC, model, smoothing only).
 * Kept in a fixed log-linear histogram (1 us steps below 1 ms, then 3 significant digits), so a
 * run of any length uses the same memory and recording allocates nothing.
 */
public final class LatencyStats implements WindowProcessor {
    private static final int EXACT = 1000;
    private static final int PER_DECADE = 900;
    private static final int DECADES = 9; // up to 10^12 us
    private final long[] counts = new long[EXACT + DECADES * PER_DECADE];
    private final boolean fromCapture;
    private long total;
    private long maxMicros;

    private LatencyStats(boolean fromCapture) {
        this.fromCapture = fromCapture;
    }

    /** Chunk captured -> decision. */
    public static LatencyStats captureToDecision() {
        return new LatencyStats(true);
    }

    /** Window cut -> decision: the work of the chain alone. */
    public static LatencyStats compute() {
        return new LatencyStats(false);
    }

    @Override
    public void process(WindowEvent window) {
        record(window.decidedNanos() - (fromCapture ? window.availableNanos() : window.cutNanos()));
    }

    /** Adds one latency in nanoseconds (negative values count as 0). */
    public void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[bucket(micros)]++;
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    public long count() {
        return total;
    }

    /** The q-quantile (0..1) in milliseconds, rounded down by at most 1 % (1 us below 1 ms); NaN when nothing was recorded. */
    public double quantileMillis(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(lowerBound(i), maxMicros) / 1000.0;
            }
        }
        return maxMicros / 1000.0;
    }

    public double maxMillis() {
        return maxMicros / 1000.0;
    }

    static int bucket(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int decade = 0;
        long v = micros;
        while (v >= EXACT) {
            v /= 10;
            decade++;
        }
        if (decade > DECADES) {
            return EXACT + DECADES * PER_DECADE - 1;
        }
        return EXACT + (decade - 1) * PER_DECADE + (int) (v - 100);
    }

    static long lowerBound(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        int decade = (bucket - EXACT) / PER_DECADE + 1;
        long v = 100 + (bucket - EXACT) % PER_DECADE;
        for (int i = 0; i < decade; i++) {
            v *= 10;
        }
        return v;
    }
}
