package io.musicspeech.pipeline;

/**
 * Cuts the chunk stream into windows of {@code windowSamples}, one every {@code hopSamples}
 * (hop < window gives overlapping windows). Windows keep their true position in the stream; when
 * chunks were dropped (a gap), the window being filled is abandoned and filling starts again
 * after the gap. Allocates nothing per chunk or window.
 *
 * <p>Drivers feed it whatever blocks they have: a live session its captured chunks, a file driver
 * its decoded blocks.
 */
public final class Windower {
    private final int window;
    private final int hop;
    /** The last {@code window} samples, circular; {@code ring[position % window]} is the oldest. */
    private final float[] ring;
    private long position = -1;
    private long nextEnd;
    private long windows;
    private long gaps;

    public Windower(int windowSamples, int hopSamples) {
        if (windowSamples < 1 || hopSamples < 1 || hopSamples > windowSamples) {
            throw new IllegalArgumentException("need 1 <= hop <= window, got window " + windowSamples + ", hop " + hopSamples);
        }
        this.window = windowSamples;
        this.hop = hopSamples;
        this.ring = new float[windowSamples];
    }

    /**
     * Feeds {@code samples[0, length)}, which start at sample {@code startSample} of the stream;
     * {@code next} gets every window they complete, in {@code event} (overwritten each time).
     *
     * @param capturedNanos when the last of these samples had been captured ({@link System#nanoTime()})
     */
    public void accept(float[] samples, int length, long startSample, long capturedNanos, WindowEvent event, WindowProcessor next) {
        if (event.samples.length != window) {
            throw new IllegalArgumentException("event holds " + event.samples.length + " samples, windows have " + window);
        }
        if (position != startSample) {
            if (position >= 0) {
                gaps++;
            }
            position = startSample;
            nextEnd = position + window;
        }
        int offset = 0;
        while (offset < length) {
            int n = (int) Math.min(length - offset, nextEnd - position);
            int at = (int) (position % window);
            int first = Math.min(n, window - at);
            System.arraycopy(samples, offset, ring, at, first);
            System.arraycopy(samples, offset + first, ring, 0, n - first);
            offset += n;
            position += n;
            if (position == nextEnd) {
                emit(capturedNanos, event, next);
                nextEnd += hop;
            }
        }
    }

    private void emit(long capturedNanos, WindowEvent event, WindowProcessor next) {
        int oldest = (int) (position % window);
        System.arraycopy(ring, oldest, event.samples, 0, window - oldest);
        System.arraycopy(ring, 0, event.samples, window - oldest, oldest);
        event.reset();
        event.index = windows++;
        event.startSample = position - window;
        event.availableNanos = capturedNanos;
        event.cutNanos = System.nanoTime();
        next.process(event);
    }

    /** Times the stream jumped because chunks were dropped. */
    public long gaps() {
        return gaps;
    }

    public long windows() {
        return windows;
    }
}
