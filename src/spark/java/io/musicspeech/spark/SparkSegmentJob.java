package io.musicspeech.spark;

import io.musicspeech.QuietLoggers;
import io.musicspeech.UserError;
import io.musicspeech.cli.StageContext;
import io.musicspeech.config.Config;
import io.musicspeech.config.SparkConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.segment.InputScan;
import io.musicspeech.segment.SegmentsJson;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.musicspeech.spark.OutputTable.Type.DOUBLE;
import static io.musicspeech.spark.OutputTable.Type.INT;
import static io.musicspeech.spark.OutputTable.Type.STRING;
import static io.musicspeech.spark.OutputTable.optional;
import static io.musicspeech.spark.OutputTable.required;

/**
 * The segment stage's work over an archive on Apache Spark: one task per input file, each decoded
 * and segmented on an executor by the segment stage's own code ({@link ExecutorSegmenter}), the
 * model shipped once as broadcast bytes (on local[*], loaded once by the driver for its tasks). The
 * driver sees paths and segments, never audio. Outputs: the tables {@code segments}, {@code summary}
 * and {@code errors} in {@code spark.out}, Parquet or CSV, each replaced as a whole on a rerun
 * ({@link OutputTable}). A file that cannot be decoded is a row of {@code errors}.
 */
public final class SparkSegmentJob {
    private static final long PROGRESS_SECONDS = 10;
    /** Partitions (input files) whose outcomes come to the driver in one job: few jobs, and a bounded batch in memory. */
    private static final int PARTITIONS_PER_FETCH = 256;

    static final OutputTable SEGMENTS = new OutputTable("segments", List.of(required("file", STRING), required("start_s", DOUBLE),
            required("end_s", DOUBLE), required("label", STRING), required("confidence", DOUBLE), required("model", STRING)));
    static final OutputTable SUMMARY = new OutputTable("summary", List.of(required("file", STRING), required("duration_s", DOUBLE),
            required("music_s", DOUBLE), required("speech_s", DOUBLE), required("silence_s", DOUBLE), required("segments", INT),
            optional("damage", STRING), required("model", STRING)));
    static final OutputTable ERRORS = new OutputTable("errors", List.of(required("file", STRING), required("reason", STRING)));

    private SparkSegmentJob() {
    }

    /** One input: where it is (a local path or a URI) and its name in the tables. */
    private record Input(String location, String name) implements java.io.Serializable {
    }

    /** Called by the spark stage. */
    public static void run(StageContext context) throws Exception {
        Config config = context.config();
        SparkConfig spark = config.spark();
        PrintStream console = context.out();
        if (spark.input() == null) {
            throw new UserError("spark.input is not set: give a folder, a file or a text file listing paths or URIs "
                    + "(mvn -Pspark exec:java -Dexec.args=\"spark.input=PATH spark.out=DIR\")");
        }
        if (spark.out() == null) {
            throw new UserError("spark.out is not set: the folder (or URI) the tables segments, summary and errors go to");
        }
        // Spark, Hadoop and Parquet log each task at INFO; the job prints its own progress.
        QuietLoggers.warningsOnly("org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject");
        long launching = System.nanoTime();
        // ND4J's native start first, alone: JavaCPP 1.5.7 looks up OpenBLAS's symbols with a dlclose inside
        // dl_iterate_phdr, which deadlocks glibc's loader locks against a dlopen on another thread (it hung
        // once in about 40 runs here, Spark's start thread loading libmanagement_ext at that moment).
        NativeSetup.ensure();
        // Spark starts on a thread of its own while this one finds the inputs and loads the model (about a
        // second each): the load checks the model before any task runs and, on local[*], is the executors' own.
        CompletableFuture<JavaSparkContext> starting = start(spark.master());
        JavaSparkContext jsc = null;
        try {
            List<Input> inputs = inputs(spark.input(), spark.out(), console);
            ModelLocator.Choice model = ModelLocator.locate(spark.model(), "spark.model", config.models());
            console.println("model: " + model);
            String modelFile = model.path().getFileName().toString();
            String resolved = context.resolved().toYaml();
            String jobId = UUID.randomUUID().toString();
            ExecutorSegmenter.prepare(jobId, model, resolved);
            jsc = started(starting);
            double startSeconds = (System.nanoTime() - launching) / 1e9;
            // On local[*] the executors are this JVM, and have the model: nothing to broadcast.
            Broadcast<byte[]> modelBytes = jsc.isLocal() ? null : jsc.broadcast(Files.readAllBytes(model.path()));
            LongAccumulator filesDone = jsc.sc().longAccumulator("files done");
            DoubleAccumulator secondsDone = jsc.sc().doubleAccumulator("audio seconds done");
            String master = jsc.master();
            console.printf(Locale.ROOT, "segmenting %d input(s) on %s (%d executor core(s)) into %s%n", inputs.size(), master,
                    jsc.defaultParallelism(), spark.out());

            JavaRDD<FileOutcome> outcomes = jsc.parallelize(inputs, Math.max(1, inputs.size())).map(input -> {
                FileOutcome outcome = ExecutorSegmenter.segment(jobId, modelBytes, modelFile, resolved, input.location(),
                        input.name());
                filesDone.add(1);
                secondsDone.add(outcome.durationSeconds);
                return outcome;
            }).persist(StorageLevel.MEMORY_AND_DISK());

            long started = System.nanoTime();
            JavaFutureAction<Long> counting = outcomes.countAsync();
            while (true) {
                try {
                    counting.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    console.printf(Locale.ROOT, "spark: %d of %d file(s), %.2f h of audio, %.0f s%n", filesDone.value(), inputs.size(),
                            secondsDone.value() / 3600, (System.nanoTime() - started) / 1e9);
                }
            }
            double wall = (System.nanoTime() - started) / 1e9;

            String modelName = model.path().toString();
            long writing = System.nanoTime();
            // The outcomes come to the driver a batch of files at a time, in input order, one job each: their
            // segments go to the table as they come, their figures (a row of summary or of errors) are kept.
            List<FileOutcome> files = new ArrayList<>(inputs.size());
            Configuration hadoop = jsc.hadoopConfiguration();
            SEGMENTS.write(inBatches(outcomes).peek(o -> files.add(o.withoutSegments())).flatMap(o -> segmentRows(o, modelName).stream())
                    .iterator(), spark.format(), spark.out(), hadoop);
            List<FileOutcome> failed = files.stream().filter(FileOutcome::failed).toList();
            SUMMARY.write(files.stream().filter(o -> !o.failed()).map(o -> summaryRow(o, modelName)).iterator(), spark.format(),
                    spark.out(), hadoop);
            ERRORS.write(failed.stream().map(o -> row(o.file, o.error)).iterator(), spark.format(), spark.out(), hadoop);
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            failed.forEach(o -> console.println("error: " + o.file + ": " + o.error));
            long segmented = inputs.size() - failed.size();
            // From the persisted outcomes, not the accumulators (a retried task adds to those twice).
            double hours = files.stream().mapToDouble(o -> o.durationSeconds).sum() / 3600;
            console.printf(Locale.ROOT, "%d file(s) segmented, %d error(s): %.2f h of audio in %.1f s (%.0fx real time) on %s%n",
                    segmented, failed.size(), hours, wall, wall > 0 ? hours * 3600 / wall : 0, master);
            console.printf(Locale.ROOT, "tables: %s/segments, summary, errors (%s), written in %.1f s; Spark started (and the model loaded) in %.1f s%n",
                    spark.out(), spark.format(), writeSeconds, startSeconds);
            if (segmented == 0) {
                throw new UserError("no input could be segmented (" + failed.size() + " error(s), in " + spark.out() + "/errors)");
            }
        } finally {
            if (jsc != null) {
                jsc.stop();
            } else {
                stopWhenStarted(starting);
            }
        }
    }

    /** Spark's context, made on a thread of its own. */
    private static CompletableFuture<JavaSparkContext> start(String master) {
        return CompletableFuture.supplyAsync(() -> {
            SparkConf conf = new SparkConf().setAppName("music-speech segment").set("spark.ui.showConsoleProgress", "false");
            if (!conf.contains("spark.master")) {
                // Not under spark-submit (whose --master wins): spark.master says where, local[*] by default.
                conf.setMaster(master).set("spark.ui.enabled", "false");
            }
            return new JavaSparkContext(conf);
        }, task -> new Thread(task, "spark-start").start());
    }

    /** The context the start thread made, or what stopped it (a failed model load waits for it, to stop it). */
    private static JavaSparkContext started(CompletableFuture<JavaSparkContext> starting) throws Exception {
        try {
            return starting.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void stopWhenStarted(CompletableFuture<JavaSparkContext> starting) {
        try {
            starting.get().stop();
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            // Spark did not start either; the model's error is the one to report
        }
    }

    /** The elements of an RDD in partition order, fetched to the driver one job per {@value #PARTITIONS_PER_FETCH} partitions. */
    private static <T> Stream<T> inBatches(JavaRDD<T> rdd) {
        int partitions = rdd.getNumPartitions();
        return IntStream.iterate(0, from -> from < partitions, from -> from + PARTITIONS_PER_FETCH)
                .mapToObj(from -> rdd.collectPartitions(IntStream.range(from, Math.min(partitions, from + PARTITIONS_PER_FETCH)).toArray()))
                .flatMap(Arrays::stream).flatMap(List::stream);
    }

    private static Object[] row(Object... values) {
        return values;
    }

    private static List<Input> inputs(String input, String out, PrintStream console) {
        if (ExecutorSegmenter.isUri(input)) {
            throw new UserError("spark.input=" + input + ": give a local folder, or a text file listing the URIs, one per line");
        }
        Path path = Path.of(input);
        if (Files.isRegularFile(path) && InputScan.isList(path)) {
            // The segment stage's list format, with URIs besides paths; an entry listed twice is one input.
            Path base = path.toAbsolutePath().getParent();
            return new LinkedHashSet<>(InputScan.listEntries(path)).stream()
                    .map(entry -> ExecutorSegmenter.isUri(entry) ? new Input(entry, entry)
                            : new Input(base.resolve(entry).normalize().toString(), entry))
                    .toList();
        }
        Path outPath = ExecutorSegmenter.isUri(out) ? null : Path.of(out);
        InputScan.Scan scan = InputScan.scan(path, outPath == null ? path.resolve(".no-output-inside") : outPath, "spark.input");
        scan.problems().forEach(p -> console.println("error: " + p[0] + ": " + p[1]));
        return scan.inputs().stream().map(i -> new Input(i.path().toAbsolutePath().toString(), i.name())).toList();
    }

    private static List<Object[]> segmentRows(FileOutcome o, String model) {
        List<Object[]> rows = new ArrayList<>(o.starts.length);
        for (int i = 0; i < o.starts.length; i++) {
            rows.add(row(o.file, SegmentsJson.round(o.starts[i], 3), SegmentsJson.round(o.ends[i], 3), o.labels[i], SegmentsJson.round(o.confidences[i], 4),
                    model));
        }
        return rows;
    }

    private static Object[] summaryRow(FileOutcome o, String model) {
        return row(o.file, SegmentsJson.round(o.durationSeconds, 3), SegmentsJson.round(o.secondsPerLabel[0], 3), SegmentsJson.round(o.secondsPerLabel[1], 3),
                SegmentsJson.round(o.secondsPerLabel[2], 3), o.segments, o.damage, model);
    }
}
