package io.musicspeech.cli;

import io.musicspeech.UserError;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The Spark job's overhead, measured on whole child runs as a user starts them: the same hour of
 * audio (4 files of 15 minutes) through the segment stage with 2 workers and through the spark stage
 * on local[2], wall-clock each. Needs a build with {@code -Pspark} (Spark on the classpath).
 */
final class SparkBenchmark {
    /** Spark's add-opens flags for Java 17 (also in .mvn/jvm.config and the pom's spark profile). */
    static final List<String> SPARK_OPENS = Arrays.stream(new String[] {"java.lang", "java.lang.invoke", "java.lang.reflect",
            "java.io", "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch",
            "sun.nio.cs", "sun.security.action", "sun.util.calendar"}).map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    private final Path audio;
    private final Path scratch;
    private final PrintStream console;

    SparkBenchmark(Path audio, Path scratch, PrintStream console) {
        this.audio = audio;
        this.scratch = scratch;
        this.console = console;
    }

    List<String> run(String modelOverride) throws IOException, InterruptedException {
        try {
            Class.forName(SparkStage.JOB);
        } catch (ClassNotFoundException e) {
            throw new UserError("bench.what=[spark] needs the spark profile: mvn -q -Pspark compile exec:java -Dstage=bench "
                    + "-Dexec.args=\"bench.what=[spark]\"");
        }
        Files.createDirectories(scratch);
        List<Path> clips = SegmentBenchmark.alternatingClips(audio);
        Path hour = Files.createDirectories(scratch.resolve("hour_4x15min"));
        for (int i = 0; i < 4; i++) {
            SegmentBenchmark.wavInto(hour.resolve("part" + i + ".wav"), 15 * 60, clips, i);
        }
        console.println("spark benchmark: 1 hour of WAV in 4 files, in " + hour);
        double segment = wall(List.of("segment", "segment.input=" + hour, "segment.out=" + scratch.resolve("segment-out"),
                "segment.workers=2"), modelOverride == null ? null : "segment.model=" + modelOverride);
        double spark = wall(List.of("spark", "spark.input=" + hour, "spark.out=" + scratch.resolve("spark-out"),
                "spark.master=local[2]", "spark.format=parquet"), modelOverride == null ? null : "spark.model=" + modelOverride);
        return List.of(String.format(Locale.ROOT, "spark on local[2] against segment with 2 workers, 1 hour of WAV in 4 files, whole "
                        + "runs: %.1f s against %.1f s wall-clock (overhead ratio %.2f; %.0fx and %.0fx real time)", spark, segment,
                spark / segment, 3600 / spark, 3600 / segment));
    }

    private double wall(List<String> stage, String model) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        command.addAll(SPARK_OPENS);
        command.addAll(List.of("-cp", SegmentBenchmark.ownClasspath(), Main.class.getName()));
        command.addAll(stage);
        command.add("run.outputs=" + scratch.resolve("runs"));
        if (model != null) {
            command.add(model);
        }
        Path log = scratch.resolve("last-run.log");
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new UserError("the benchmark's " + stage.get(0) + " run failed; see " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        console.printf(Locale.ROOT, "  %s: %.1f s wall-clock%n", stage.get(0), seconds);
        return seconds;
    }
}
