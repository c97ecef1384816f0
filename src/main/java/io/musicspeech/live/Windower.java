package io.musicspeech.live;

/**
 * Cuts the chunk stream into windows of {@code windowSamples}, one every {@code hopSamples}
 * (hop < window gives overlapping windows). Windows keep their true position in the stream; when
 * chunks were dropped (a gap), the window being filled is abandoned and filling starts again
 * after the gap. Allocates nothing per chunk or window.
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

    /** Feeds one chunk; {@code next} gets every window it completes, in {@code event} (overwritten each time). */
    public void accept(Chunk chunk, WindowEvent event, WindowProcessor next) {
        if (event.samples.length != window) {
            throw new IllegalArgumentException("event holds " + event.samples.length + " samples, windows have " + window);
        }
        if (position != chunk.startSample) {
            if (position >= 0) {
                gaps++;
            }
            position = chunk.startSample;
            nextEnd = position + window;
        }
        int offset = 0;
        while (offset < chunk.length) {
            int n = (int) Math.min(chunk.length - offset, nextEnd - position);
            int at = (int) (position % window);
            int first = Math.min(n, window - at);
            System.arraycopy(chunk.samples, offset, ring, at, first);
            System.arraycopy(chunk.samples, offset + first, ring, 0, n - first);
            offset += n;
            position += n;
            if (position == nextEnd) {
                emit(chunk, event, next);
                nextEnd += hop;
            }
        }
    }

    private void emit(Chunk chunk, WindowEvent event, WindowProcessor next) {
        int oldest = (int) (position % window);
        System.arraycopy(ring, oldest, event.samples, 0, window - oldest);
        System.arraycopy(ring, 0, event.samples, window - oldest, oldest);
        event.reset();
        event.index = windows++;
        event.startSample = position - window;
        event.availableNanos = chunk.completedNanos;
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
