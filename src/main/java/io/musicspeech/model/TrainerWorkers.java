package io.musicspeech.model;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The fixed thread pool of a {@link JavaCnnTrainer}: runs one phase of a step over the
 * minibatch's samples, split into contiguous parts, part 0 on the calling thread, and returns
 * when every part is done. The split depends only on the sample count and the number of parts,
 * so a step's arithmetic (and its summation order) does not depend on thread timing.
 *
 * <p>A step has a handful of short phases (two per convolution block), so the hand-over must be
 * cheaper than an executor's: workers spin briefly on a generation counter before parking, and
 * the last one to finish unparks the caller. One part runs inline, with no threads at all.
 * Not for concurrent callers (the trainer is not thread-safe).
 */
final class TrainerWorkers implements AutoCloseable {

    /** Work on samples {@code [from, to)} of the current phase, as part {@code part}. */
    interface Job {
        void run(int part, int from, int to);
    }

    /** How long an idle party busy-waits before parking: longer than a phase's serial reduction. */
    private static final long SPIN_NANOS = 50_000;

    private final int parts;
    private final Thread[] threads;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Job job;
    private volatile int count;
    /** Bumped by the caller to start a phase; its volatile write publishes job and count. */
    private volatile int generation;
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    TrainerWorkers(int parts, String name) {
        if (parts < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + parts);
        }
        this.parts = parts;
        this.threads = new Thread[parts - 1];
        for (int i = 1; i < parts; i++) {
            int part = i;
            Thread t = new Thread(() -> work(part), name + "-" + part);
            t.setDaemon(true); // a trainer that is never closed does not keep the JVM alive
            threads[i - 1] = t;
            t.start();
        }
    }

    /** First sample of {@code part} when {@code count} samples are split into {@code parts} parts. */
    static int from(int part, int parts, int count) {
        return (int) ((long) part * count / parts);
    }

    /** Runs {@code job} over samples {@code [0, count)} and waits for all parts; rethrows a part's failure. */
    void run(Job job, int count) {
        if (closed) {
            throw new IllegalStateException("the trainer is closed");
        }
        if (parts == 1) {
            job.run(0, 0, count);
            return;
        }
        this.job = job;
        this.count = count;
        this.caller = Thread.currentThread();
        this.failure = null;
        pending.set(parts - 1);
        generation++; // only the caller writes it
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        Throwable own = null;
        try {
            job.run(0, 0, from(1, parts, count));
        } catch (RuntimeException | Error e) {
            own = e;
        }
        awaitWorkers(); // even after a failure: the workers must be off the buffers before anyone reuses them
        this.job = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException e) {
            throw e;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new IllegalStateException("a training thread failed", f);
        }
    }

    private void awaitWorkers() {
        long start = System.nanoTime();
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 64 || System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }

    private void work(int part) {
        int seen = 0;
        while (true) {
            long start = System.nanoTime();
            int spins = 0;
            int g;
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                if (++spins < 64 || System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = g;
            try {
                int n = count;
                job.run(part, from(part, parts, n), from(part + 1, parts, n));
            } catch (Throwable t) {
                failure = t;
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** Stops the worker threads; idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
    }
}
