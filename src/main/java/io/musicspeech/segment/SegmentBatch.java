package io.musicspeech.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.UserError;
import io.musicspeech.audio.AudioFileError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.data.AtomicFiles;
import io.musicspeech.pipeline.StreamDriver;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Segments a list of inputs with {@code workers} threads, each with its own {@link FileSegmenter},
 * and writes every output: per input (see {@link SegmentOutputs}), then for all of them
 * {@code segments.csv}, {@code summary.csv} and {@code errors.csv}.
 *
 * <p>An input that cannot be read becomes a row of errors.csv and the batch goes on. Inputs whose
 * outputs are complete from an earlier run with the same settings are skipped (unless
 * {@code overwrite}), so an interrupted batch resumes where it stopped. A progress bar shows files
 * and audio hours done, the speed in audio hours per second and the time left.
 */
public final class SegmentBatch {
    /** Left in the output folder: the tables there were written by this stage and may be replaced. */
    static final String MARKER = ".musicspeech-segment";
    static final List<String> TABLES = List.of("segments.csv", "summary.csv", "errors.csv", "segment_metrics.json");
    private static final long SHUTDOWN_WAIT_SECONDS = 10;

    /**
     * What the batch did.
     *
     * @param results every input that has segments (just made or from an earlier run), in input order
     * @param errors  {file, reason} of every input that has none
     * @param audioSeconds audio segmented in this run (not counting inputs skipped as done)
     */
    public record Outcome(List<SegmentedFile> results, int segmented, int skipped, List<String[]> errors, double audioSeconds,
                          double wallSeconds) {
    }

    /** What one input gave: a result (made now, or an earlier one), or the reason it has none. */
    private record Done(SegmentedFile result, boolean skipped, String error) {
    }

    private final Supplier<FileSegmenter> segmenters;
    private final JsonNode settings;
    private final Path out;
    private final int workers;
    private final boolean overwrite;
    private final boolean plots;
    private final boolean windows;
    private final int sampleRate;
    private final PrintStream console;
    private volatile boolean stopping;

    /**
     * @param segmenters makes one segmenter per worker thread
     * @param settings   what made the outputs (model, features, decoder); a rerun redoes inputs made otherwise
     */
    public SegmentBatch(Supplier<FileSegmenter> segmenters, JsonNode settings, Path out, int workers, boolean overwrite,
                        boolean plots, boolean windows, int sampleRate, PrintStream console) {
        this.segmenters = segmenters;
        this.settings = settings;
        this.out = out;
        this.workers = workers;
        this.overwrite = overwrite;
        this.plots = plots;
        this.windows = windows;
        this.sampleRate = sampleRate;
        this.console = console;
    }

    /**
     * Makes the output folder, refusing one whose tables were not written by this stage.
     *
     * @throws UserError if it cannot be made, or holds a segments.csv (or another table) of someone else's
     */
    public static void prepareOutput(Path out) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UserError(out + ": cannot create the output folder (" + e.getMessage() + "); set segment.out to a writable folder");
        }
        if (!Files.exists(out.resolve(MARKER))) {
            for (String table : TABLES) {
                if (Files.exists(out.resolve(table))) {
                    throw new UserError(out.resolve(table) + " exists and was not written by the segment stage; "
                            + "choose another segment.out (nothing was changed)");
                }
            }
            try {
                Files.writeString(out.resolve(MARKER), "segment.out of the music-speech segment stage\n");
            } catch (IOException e) {
                throw new UserError(out + ": cannot write in the output folder (" + e.getMessage() + ")");
            }
        }
    }

    public Outcome run(List<InputScan.Input> inputs, List<String[]> earlierProblems) throws InterruptedException {
        long started = System.nanoTime();
        ThreadLocal<FileSegmenter> local = ThreadLocal.withInitial(segmenters);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "segment-worker");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch written = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping = true;
            console.println("stopping: finishing the files being segmented and writing the tables ...");
            try {
                written.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "segment-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        AtomicLong audioMillis = new AtomicLong();
        List<SegmentedFile> results = new ArrayList<>();
        List<String[]> errors = new ArrayList<>(earlierProblems);
        int segmented = 0;
        int skipped = 0;
        try (ProgressBar bar = progressBar(inputs.size())) {
            List<Future<Done>> futures = new ArrayList<>();
            for (InputScan.Input input : inputs) {
                futures.add(pool.submit(() -> {
                    Done done = stopping ? new Done(null, false, "not done: the run was stopped") : process(input, local.get());
                    if (done.result() != null && !done.skipped()) {
                        audioMillis.addAndGet(Math.round(done.result().durationSeconds() * 1000));
                    }
                    synchronized (bar) {
                        bar.step();
                        bar.setExtraMessage(speed(audioMillis.get() / 1000.0, started));
                    }
                    return done;
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Done done = get(futures.get(i), inputs.get(i));
                if (done.result() != null) {
                    results.add(done.result());
                    if (done.skipped()) {
                        skipped++;
                    } else {
                        segmented++;
                    }
                } else {
                    errors.add(new String[] {inputs.get(i).name(), done.error()});
                }
            }
        } finally {
            pool.shutdownNow();
            try {
                writeTables(results, errors);
            } finally {
                written.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running and waits for the tables
                }
            }
        }
        return new Outcome(List.copyOf(results), segmented, skipped, List.copyOf(errors), audioMillis.get() / 1000.0,
                (System.nanoTime() - started) / 1e9);
    }

    private Done process(InputScan.Input input, FileSegmenter segmenter) {
        SegmentOutputs outputs = new SegmentOutputs(out, input.outputStem());
        try {
            if (!overwrite) {
                JsonNode previous = outputs.complete(input.path(), settings, plots);
                if (previous != null) {
                    return new Done(fromJson(input.name(), previous), true, null);
                }
            }
            outputs.requireOurs();
            JsonNode source = SegmentOutputs.source(input.path()); // before decoding: a file that changes meanwhile is redone next time
            SegmentedFile result = segmenter.segment(AudioDecoder.open(input.path(), sampleRate), input.name(), () -> stopping);
            if (result.damage() != null) {
                console.println("warning: " + input.name() + ": " + result.damage() + "; segmented what could be decoded ("
                        + String.format(Locale.ROOT, "%.1f s", result.durationSeconds()) + ")");
            }
            outputs.write(result, source, settings, plots, windows);
            // The tables need only the segments: the posteriors (1.3 MB per 10 hours) go now, not at the end of the batch.
            return new Done(result.withoutPosteriors(), false, null);
        } catch (StreamDriver.Stopped e) {
            return new Done(null, false, "not done: the run was stopped");
        } catch (AudioFileError e) {
            console.println("error: " + e.getMessage());
            return new Done(null, false, e.problem());
        } catch (UserError e) {
            console.println("error: " + input.name() + ": " + e.getMessage());
            return new Done(null, false, e.getMessage());
        } catch (IOException e) {
            String reason = "cannot write the outputs (" + e.getMessage() + ")";
            console.println("error: " + input.name() + ": " + reason);
            return new Done(null, false, reason);
        } catch (RuntimeException e) {
            // A bug, not the input's fault; the batch still goes on and the trace says where.
            String reason = "internal error: " + e;
            console.println("error: " + input.name() + ": " + reason);
            e.printStackTrace(console);
            return new Done(null, false, reason);
        }
    }

    private static Done get(Future<Done> future, InputScan.Input input) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            return new Done(null, false, "internal error: " + e.getCause());
        }
    }

    /** An earlier run's result, as far as the tables need it (no window posteriors). */
    private static SegmentedFile fromJson(String name, JsonNode json) {
        return new SegmentedFile(name, json.path("duration_s").asDouble(), json.path("format").asText(),
                json.path("model").asText(), json.path("damage").isNull() ? null : json.path("damage").asText(),
                SegmentsJson.segments(json), null, null);
    }

    private void writeTables(List<SegmentedFile> results, List<String[]> errors) {
        try {
            AtomicFiles.writeString(out.resolve("segments.csv"), SegmentsCsv.table(results));
            StringWriter summary = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(summary, SegmentsCsv.FORMAT)) {
                csv.printRecord("file", "duration_s", "music_s", "speech_s", "silence_s", "music_share", "speech_share",
                        "silence_share", "segments", "damage");
                for (SegmentedFile r : results) {
                    double[] s = r.secondsPerLabel();
                    double d = Math.max(r.durationSeconds(), 1e-12);
                    csv.printRecord(r.file(), SegmentsCsv.seconds(r.durationSeconds()),
                            SegmentsCsv.seconds(s[0]), SegmentsCsv.seconds(s[1]), SegmentsCsv.seconds(s[2]),
                            share(s[0] / d), share(s[1] / d), share(s[2] / d), r.segments().size(),
                            r.damage() == null ? "" : r.damage());
                }
            }
            AtomicFiles.writeString(out.resolve("summary.csv"), summary.toString());
            StringWriter errorRows = new StringWriter();
            try (CSVPrinter csv = new CSVPrinter(errorRows, SegmentsCsv.FORMAT)) {
                csv.printRecord("file", "reason");
                for (String[] e : errors) {
                    csv.printRecord(e[0], e[1]);
                }
            }
            AtomicFiles.writeString(out.resolve("errors.csv"), errorRows.toString());
        } catch (IOException e) {
            throw new UserError(out + ": cannot write the tables (" + e.getMessage() + "); the per-file outputs are complete");
        }
    }

    private static String share(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private ProgressBar progressBar(int files) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("segment").setInitialMax(files).setUnit(" files", 1)
                .setMaxRenderedLength(110);
        if (System.console() != null) {
            builder.setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(500);
        } else {
            // Not a terminal (a log, CI): a plain line now and then instead of a redrawn bar.
            builder.setConsumer(new DelegatingProgressBarConsumer(console::println)).setUpdateIntervalMillis(10_000);
        }
        return builder.build();
    }

    private static String speed(double audioSeconds, long startedNanos) {
        double wall = Math.max(1e-9, (System.nanoTime() - startedNanos) / 1e9);
        return String.format(Locale.ROOT, "%.2f h audio, %.3f h/s (%.0fx real time)", audioSeconds / 3600,
                audioSeconds / 3600 / wall, audioSeconds / wall);
    }
}
