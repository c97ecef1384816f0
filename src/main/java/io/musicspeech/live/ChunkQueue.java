package io.musicspeech.live;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded hand-over between the capture thread and the worker, with its own pool of chunks
 * so that memory stays fixed: at most {@code capacity} chunks wait, plus one being filled and
 * one being processed.
 *
 * <p>When the worker falls behind a live source, {@link #acquire} takes the <b>oldest</b>
 * waiting chunk back for the next capture and counts it as dropped: the newest audio matters
 * most to a live listener. A source that can wait (a file read as fast as possible) calls
 * {@link #awaitIdle} before each read instead, so nothing is dropped and no chunk waits behind
 * another.
 *
 * <p>One capture thread calls acquire, publish, awaitIdle and close; one worker calls take and
 * release.
 */
public final class ChunkQueue {
    private final int capacity;
    private final int poolSize;
    private final ArrayDeque<Chunk> free;
    private final ArrayDeque<Chunk> waiting;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean closed;
    private long dropped;
    private int maxWaiting;

    /**
     * @param capacity     chunks that may wait for the worker
     * @param chunkSamples samples each chunk holds
     */
    public ChunkQueue(int capacity, int chunkSamples) {
        if (capacity < 1 || chunkSamples < 1) {
            throw new IllegalArgumentException("need capacity >= 1 and chunk samples >= 1, got " + capacity + ", " + chunkSamples);
        }
        this.capacity = capacity;
        this.poolSize = capacity + 2;
        this.free = new ArrayDeque<>(poolSize);
        this.waiting = new ArrayDeque<>(poolSize);
        for (int i = 0; i < poolSize; i++) {
            free.add(new Chunk(chunkSamples));
        }
    }

    public int capacity() {
        return capacity;
    }

    /**
     * A chunk to fill. If {@code capacity} chunks are already waiting, the oldest of them is
     * dropped (counted in {@link #dropped}) to make room.
     *
     * @return the chunk, and whether one was dropped for it is visible through {@link #dropped}
     */
    public Chunk acquire() {
        lock.lock();
        try {
            if (waiting.size() >= capacity) {
                free.add(waiting.pollFirst());
                dropped++;
            }
            Chunk chunk = free.pollFirst();
            if (chunk == null) {
                throw new IllegalStateException("chunk pool exhausted: more than one chunk acquired before publishing");
            }
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    /** Hands a filled chunk to the worker. */
    public void publish(Chunk chunk) {
        lock.lock();
        try {
            waiting.addLast(chunk);
            maxWaiting = Math.max(maxWaiting, waiting.size());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no chunk is waiting or being processed (the worker is idle). */
    public void awaitIdle() throws InterruptedException {
        lock.lock();
        try {
            while (free.size() < poolSize) { // the caller (capture) holds none, so all are free when idle
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more chunks will be published; the worker drains what waits, then {@link #take} returns null. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest waiting chunk, blocking until there is one; null once the queue is closed and
     * empty. The worker must {@link #release} it when done.
     */
    public Chunk take() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty()) {
                if (closed) {
                    return null;
                }
                changed.await();
            }
            Chunk chunk = waiting.pollFirst();
            changed.signalAll();
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a chunk to the pool: processed by the worker, or acquired by capture and not published. */
    public void release(Chunk chunk) {
        lock.lock();
        try {
            free.addLast(chunk);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Chunks dropped so far because the worker fell behind. */
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    /** The most chunks that were ever waiting at once. */
    public int maxWaiting() {
        lock.lock();
        try {
            return maxWaiting;
        } finally {
            lock.unlock();
        }
    }
}
