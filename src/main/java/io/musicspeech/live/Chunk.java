package io.musicspeech.live;

/**
 * One block of captured samples on its way from the capture thread to the worker. Chunks are
 * pooled by {@link ChunkQueue} and reused, so nothing is allocated per chunk.
 */
public final class Chunk {
    /** Mono samples; {@code samples[0, length)} are valid. */
    final float[] samples;
    int length;
    /** Position of {@code samples[0]} in the stream, in samples from the start of capture. */
    long startSample;
    /** {@link System#nanoTime()} when the last sample of the chunk had been captured. */
    long completedNanos;

    Chunk(int capacity) {
        samples = new float[capacity];
    }

    public int length() {
        return length;
    }

    public long startSample() {
        return startSample;
    }
}
