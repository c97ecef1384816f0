package io.musicspeech.live;

import io.musicspeech.pipeline.Windower;
import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.audio.WavWriter;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a live classification: a capture thread reads chunks of {@code hop} samples from the
 * {@link AudioSource}, writes them to the recording and hands them over a bounded
 * {@link ChunkQueue}; a worker thread cuts them into windows ({@link Windower}) and runs the
 * processor chain on each (silence gate, features, model, smoothing, sinks).
 *
 * <p>The run ends at the end of the input, after {@code maxSamples}, on {@link #stop()} (Ctrl-C
 * calls it from a shutdown hook), when the device is lost, or when a step fails. Either way the
 * recording and the chain's files are flushed and closed, and the worker writes the
 * {@link Summary} (console and {@code summary.json}) before {@link #await} returns.
 */
public final class ListenSession {
    private static final long DROP_WARNING_NANOS = 5_000_000_000L;

    private final AudioSource source;
    private final ChunkQueue queue;
    private final Windower windower;
    private final WindowEvent event;
    private final WindowProcessor chain;
    private final LabelCounts counts;
    private final LatencyStats latency;
    private final LatencyStats compute;
    private final WavWriter recording;
    private final Path summaryFile;
    private final PrintStream console;
    private final int chunkSamples;
    private final long maxSamples;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread capture;
    private final Thread worker;

    private volatile boolean stopRequested;
    private volatile Summary.Ending ending;
    private volatile String problem;
    private volatile long position;
    private volatile Summary summary;

    /**
     * @param chain       the per-window steps; must include {@code counts}, {@code latency} and {@code compute}
     *                    after the decision
     * @param recording   where every captured sample goes (flushed each chunk), or null
     * @param summaryFile where the summary is written, or null
     * @param maxSamples  stop after this many samples; negative: no limit
     */
    public ListenSession(AudioSource source, int windowSamples, int hopSamples, int queueChunks, int featureSize,
                         WindowProcessor chain, LabelCounts counts, LatencyStats latency, LatencyStats compute, WavWriter recording,
                         Path summaryFile, PrintStream console, long maxSamples) {
        this.source = source;
        this.chunkSamples = hopSamples;
        this.queue = new ChunkQueue(queueChunks, hopSamples);
        this.windower = new Windower(windowSamples, hopSamples);
        this.event = new WindowEvent(windowSamples, featureSize, source.sampleRate());
        this.chain = chain;
        this.counts = counts;
        this.latency = latency;
        this.compute = compute;
        this.recording = recording;
        this.summaryFile = summaryFile;
        this.console = console;
        this.maxSamples = maxSamples;
        this.capture = new Thread(this::captureLoop, "listen-capture");
        this.capture.setPriority(Thread.MAX_PRIORITY);
        this.worker = new Thread(this::workLoop, "listen-worker");
    }

    /** Starts the source (the microphone records from now on) and both threads. */
    public void start() {
        source.start();
        capture.start();
        worker.start();
    }

    /** Asks the run to end; returns at once. Safe from any thread (a shutdown hook). */
    public void stop() {
        stopRequested = true;
        source.stop();
    }

    /** Waits for the run to end and its files and summary to be written. */
    public Summary await() throws InterruptedException {
        done.await();
        return summary;
    }

    /** As {@link #await()} with a limit; null if the run has not finished by then. */
    public Summary await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit) ? summary : null;
    }

    public boolean finished() {
        return done.getCount() == 0;
    }

    private void captureLoop() {
        long lastWarning = 0;
        long warnedDrops = 0;
        try {
            while (!stopRequested) {
                int want = maxSamples < 0 ? chunkSamples : (int) Math.min(chunkSamples, maxSamples - position);
                if (want <= 0) {
                    end(Summary.Ending.DURATION, null);
                    break;
                }
                if (!source.live()) {
                    queue.awaitIdle();
                }
                Chunk chunk = queue.acquire();
                long dropped = queue.dropped();
                if (dropped > warnedDrops && System.nanoTime() - lastWarning > DROP_WARNING_NANOS) {
                    console.printf("warning: the worker is falling behind; %d chunk(s) dropped so far (oldest first)%n", dropped);
                    lastWarning = System.nanoTime();
                    warnedDrops = dropped;
                }
                int n = source.read(chunk.samples, 0, want);
                chunk.completedNanos = System.nanoTime();
                chunk.length = n;
                chunk.startSample = position;
                if (n > 0) {
                    position += n;
                    // The worker starts on the chunk while it is written down: both only read it,
                    // and only this thread can take it back (acquire), after this write.
                    queue.publish(chunk);
                    if (recording != null) {
                        recording.write(chunk.samples, 0, n);
                        recording.flush();
                    }
                } else {
                    queue.release(chunk);
                }
                if (n < want) {
                    end(stopRequested ? Summary.Ending.STOPPED : Summary.Ending.END_OF_INPUT, null);
                    break;
                }
            }
            end(Summary.Ending.STOPPED, null);
        } catch (SourceLost e) {
            end(Summary.Ending.SOURCE_LOST, e.getMessage());
        } catch (InterruptedException e) {
            end(Summary.Ending.STOPPED, null);
        } catch (RuntimeException e) {
            end(Summary.Ending.FAILED, "capture: " + message(e));
        } finally {
            queue.close();
            try {
                if (recording != null) {
                    recording.close();
                }
            } catch (RuntimeException e) {
                end(Summary.Ending.FAILED, "recording: " + message(e));
            }
            try {
                source.close();
            } catch (RuntimeException ignored) {
                // the device is released as far as it can be
            }
        }
    }

    private void workLoop() {
        try {
            Chunk chunk;
            boolean failed = false;
            while ((chunk = queue.take()) != null) {
                if (!failed) {
                    try {
                        windower.accept(chunk.samples, chunk.length, chunk.startSample, chunk.completedNanos, event, chain);
                    } catch (RuntimeException e) {
                        failed = true;
                        end(Summary.Ending.FAILED, "window " + event.index() + ": " + message(e));
                        stop();
                    }
                }
                queue.release(chunk);
            }
        } catch (InterruptedException e) {
            end(Summary.Ending.STOPPED, null);
            stop();
        } finally {
            try {
                chain.finish();
            } catch (RuntimeException e) {
                end(Summary.Ending.FAILED, message(e));
            }
            finishSummary();
        }
    }

    private void finishSummary() {
        try {
            Summary.Ending why = ending == null ? Summary.Ending.STOPPED : ending;
            summary = Summary.of(why, problem, position / (double) source.sampleRate(), counts, queue.dropped(),
                    windower.gaps(), queue.maxWaiting(), latency, compute);
            console.println(summary.describe());
            if (summaryFile != null) {
                summary.writeJson(summaryFile);
            }
            console.flush();
        } catch (RuntimeException e) {
            console.println("cannot write the summary: " + message(e));
        } finally {
            done.countDown();
        }
    }

    /** Records the first reason the run ended; a failure overrides a plain ending. */
    private synchronized void end(Summary.Ending why, String what) {
        if (ending == null || (!why.clean() && ending.clean())) {
            ending = why;
            problem = what;
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
