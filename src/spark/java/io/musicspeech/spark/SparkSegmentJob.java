package io.musicspeech.spark;

import io.musicspeech.UserError;
import io.musicspeech.cli.StageContext;
import io.musicspeech.config.Config;
import io.musicspeech.config.SparkConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.segment.InputScan;
import io.musicspeech.segment.SegmentsJson;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The segment stage's work over an archive on Apache Spark: one task per input file, each decoded
 * and segmented on an executor by the segment stage's own code ({@link ExecutorSegmenter}), the
 * model shipped once as broadcast bytes. The driver sees paths and segments, never audio. Outputs:
 * the tables {@code segments}, {@code summary} and {@code errors} in {@code spark.out}, Parquet or
 * CSV, replaced as a whole on a rerun (Spark's commit protocol makes each write atomic, so a retried
 * task never leaves half a file). A file that cannot be decoded is a row of {@code errors}.
 */
public final class SparkSegmentJob {
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(10);

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
        List<Input> inputs = inputs(spark.input(), spark.out(), console);
        ModelLocator.Choice model = ModelLocator.locate(spark.model(), "spark.model", config.models());
        console.println("model: " + model);
        NativeSetup.ensure();
        ModelLocator.load(model, config); // a model that cannot be used stops the job before any executor starts
        byte[] bundle = Files.readAllBytes(model.path());
        String modelFile = model.path().getFileName().toString();
        String resolved = context.resolved().toYaml();

        SparkSession.Builder builder = SparkSession.builder().appName("music-speech segment")
                .config("spark.ui.showConsoleProgress", "false");
        if (System.getProperty("spark.master") == null) {
            // Not under spark-submit (whose --master wins): spark.master says where, local[*] by default.
            builder.master(spark.master()).config("spark.ui.enabled", "false");
        }
        long launching = System.nanoTime();
        SparkSession session = builder.getOrCreate();
        double startSeconds = (System.nanoTime() - launching) / 1e9;
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            Broadcast<byte[]> modelBytes = jsc.broadcast(bundle);
            long modelId = modelBytes.id();
            LongAccumulator filesDone = jsc.sc().longAccumulator("files done");
            DoubleAccumulator secondsDone = jsc.sc().doubleAccumulator("audio seconds done");
            String master = jsc.master();
            console.printf(Locale.ROOT, "segmenting %d input(s) on %s (%d executor core(s)) into %s%n", inputs.size(), master,
                    jsc.defaultParallelism(), spark.out());

            JavaRDD<FileOutcome> outcomes = jsc.parallelize(inputs, Math.max(1, inputs.size())).map(input -> {
                FileOutcome outcome = ExecutorSegmenter.segment(modelId, modelBytes.value(), modelFile, resolved, input.location(),
                        input.name());
                filesDone.add(1);
                secondsDone.add(outcome.durationSeconds);
                return outcome;
            }).persist(StorageLevel.MEMORY_AND_DISK());

            long started = System.nanoTime();
            JavaFutureAction<Long> counting = outcomes.countAsync();
            long lastLine = started;
            while (!counting.isDone()) {
                Thread.sleep(200);
                if (System.nanoTime() - lastLine > PROGRESS_NANOS) {
                    lastLine = System.nanoTime();
                    console.printf(Locale.ROOT, "spark: %d of %d file(s), %.2f h of audio, %.0f s%n", filesDone.value(), inputs.size(),
                            secondsDone.value() / 3600, (lastLine - started) / 1e9);
                }
            }
            counting.get();
            double wall = (System.nanoTime() - started) / 1e9;

            String modelName = model.path().toString();
            long writing = System.nanoTime();
            write(session, outcomes.flatMap(o -> segmentRows(o, modelName).iterator()), segmentsSchema(), spark, "segments");
            write(session, outcomes.filter(o -> !o.failed()).map(o -> summaryRow(o, modelName)), summarySchema(), spark, "summary");
            // The failures are few (a row each): collected once, for the table and the console.
            List<FileOutcome> failed = outcomes.filter(FileOutcome::failed).collect();
            write(session, jsc.parallelize(failed.stream().map(o -> RowFactory.create(o.file, o.error)).toList(), 1), errorsSchema(),
                    spark, "errors");
            double writeSeconds = (System.nanoTime() - writing) / 1e9;
            failed.forEach(o -> console.println("error: " + o.file + ": " + o.error));
            long segmented = inputs.size() - failed.size();
            // From the persisted outcomes, not the accumulators (a retried task adds to those twice).
            double hours = outcomes.mapToDouble(o -> o.durationSeconds).sum() / 3600;
            console.printf(Locale.ROOT, "%d file(s) segmented, %d error(s): %.2f h of audio in %.1f s (%.0fx real time) on %s%n",
                    segmented, failed.size(), hours, wall, wall > 0 ? hours * 3600 / wall : 0, master);
            console.printf(Locale.ROOT, "tables: %s/segments, summary, errors (%s), written in %.1f s; Spark started in %.1f s%n",
                    spark.out(), spark.format(), writeSeconds, startSeconds);
            if (segmented == 0) {
                throw new UserError("no input could be segmented (" + failed.size() + " error(s), in " + spark.out() + "/errors)");
            }
        } finally {
            session.stop();
        }
    }

    private static List<Input> inputs(String input, String out, PrintStream console) throws IOException {
        if (ExecutorSegmenter.isUri(input)) {
            throw new UserError("spark.input=" + input + ": give a local folder, or a text file listing the URIs, one per line");
        }
        Path path = Path.of(input);
        String extension = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isRegularFile(path) && InputScan.LIST_EXTENSIONS.stream().anyMatch(e -> extension.endsWith("." + e))) {
            List<Input> listed = new ArrayList<>();
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (ExecutorSegmenter.isUri(entry)) {
                    listed.add(new Input(entry, entry));
                } else {
                    Path local = path.toAbsolutePath().getParent().resolve(entry).normalize();
                    listed.add(new Input(local.toString(), entry));
                }
            }
            if (listed.isEmpty()) {
                throw new UserError(path + ": the list names no input (spark.input)");
            }
            return listed;
        }
        Path outPath = ExecutorSegmenter.isUri(out) ? null : Path.of(out);
        InputScan.Scan scan = InputScan.scan(path, outPath == null ? path.resolve(".no-output-inside") : outPath);
        scan.problems().forEach(p -> console.println("error: " + p[0] + ": " + p[1]));
        return scan.inputs().stream().map(i -> new Input(i.path().toAbsolutePath().toString(), i.name())).toList();
    }

    private static void write(SparkSession session, JavaRDD<Row> rows, StructType schema, SparkConfig spark, String table) {
        // One file per table: the rows are segments, not audio (about 200 per hour of audio).
        session.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).format(spark.format())
                .option("header", "true").save(spark.out() + "/" + table);
    }

    private static List<Row> segmentRows(FileOutcome o, String model) {
        List<Row> rows = new ArrayList<>(o.starts.length);
        for (int i = 0; i < o.starts.length; i++) {
            rows.add(RowFactory.create(o.file, SegmentsJson.round(o.starts[i], 3), SegmentsJson.round(o.ends[i], 3), o.labels[i], SegmentsJson.round(o.confidences[i], 4),
                    model));
        }
        return rows;
    }

    private static Row summaryRow(FileOutcome o, String model) {
        return RowFactory.create(o.file, SegmentsJson.round(o.durationSeconds, 3), SegmentsJson.round(o.secondsPerLabel[0], 3), SegmentsJson.round(o.secondsPerLabel[1], 3),
                SegmentsJson.round(o.secondsPerLabel[2], 3), o.starts.length, o.damage, model);
    }

    private static StructType segmentsSchema() {
        return new StructType().add("file", DataTypes.StringType, false).add("start_s", DataTypes.DoubleType, false)
                .add("end_s", DataTypes.DoubleType, false).add("label", DataTypes.StringType, false)
                .add("confidence", DataTypes.DoubleType, false).add("model", DataTypes.StringType, false);
    }

    private static StructType summarySchema() {
        return new StructType().add("file", DataTypes.StringType, false).add("duration_s", DataTypes.DoubleType, false)
                .add("music_s", DataTypes.DoubleType, false).add("speech_s", DataTypes.DoubleType, false)
                .add("silence_s", DataTypes.DoubleType, false).add("segments", DataTypes.IntegerType, false)
                .add("damage", DataTypes.StringType, true).add("model", DataTypes.StringType, false);
    }

    private static StructType errorsSchema() {
        return new StructType().add("file", DataTypes.StringType, false).add("reason", DataTypes.StringType, false);
    }

}
