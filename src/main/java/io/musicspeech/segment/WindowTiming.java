package io.musicspeech.segment;

/**
 * Which stretch of time each window's decision stands for: window k starts at k * hop and is
 * {@code window} long; its decision covers the time from halfway between its centre and the
 * previous window's to halfway to the next one's. The first window's stretch starts at 0 and the
 * last one's ends at the end of the file, so the windows' stretches tile the file. With the hop
 * equal to the window, window k stands for [k * window, (k + 1) * window).
 */
public record WindowTiming(int windowSamples, int hopSamples, int sampleRate, int windows, double durationSeconds) {

    public WindowTiming {
        if (windowSamples < 1 || hopSamples < 1 || sampleRate < 1 || windows < 0) {
            throw new IllegalArgumentException("bad timing: window " + windowSamples + ", hop " + hopSamples
                    + ", rate " + sampleRate + ", windows " + windows);
        }
    }

    /** Where the stretch of window {@code k} starts, in seconds; {@code k == windows} gives the end of the file. */
    public double boundary(int k) {
        if (k <= 0) {
            return 0;
        }
        if (k >= windows) {
            return durationSeconds;
        }
        double at = (k * (double) hopSamples + (windowSamples - hopSamples) / 2.0) / sampleRate;
        return Math.min(at, durationSeconds);
    }

    /** The start of window {@code k}'s samples, in seconds. */
    public double windowStart(int k) {
        return k * (double) hopSamples / sampleRate;
    }

    public double windowSeconds() {
        return windowSamples / (double) sampleRate;
    }

    public double hopSeconds() {
        return hopSamples / (double) sampleRate;
    }
}
