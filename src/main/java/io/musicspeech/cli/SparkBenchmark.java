package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.audio.FfmpegCli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Spark job's overhead, measured on whole child runs as a user starts them: 4 WAV files of 1, 15
 * and 60 minutes, and the 15 as MP3, through the segment stage with 2 workers and through the spark
 * stage on local[2], wall-clock each; the whole runs of the hour (WAV and MP3), and the marginal cost
 * per hour (4 h against 4 minutes, in which JVM start, Spark's start, model loading and table writing
 * cancel). Both stages are started by {@code bin/music-speech}, each JVM from its stage's class-data
 * archive (written by an untimed first run); the hour is also run without the archives, where Spark's
 * 11,600 classes load one by one. Every run is repeated
 * {@code bench.spark_repeats} times, the two stages' runs interleaved so that a slow spell of a shared
 * machine falls on both, and the medians are compared: on this machine one whole run of the hour
 * varied from 6.6 to 7.9 s between three benchmarks in a row. Needs the spark profile's package
 * ({@code mvn -Pspark package -DskipTests}) and the ffmpeg command.
 */
final class SparkBenchmark {
    private static final Path LAUNCHER = Path.of("bin", "music-speech");
    /** The launcher's switch: off starts the JVM without the archive (all else the same). */
    private static final String ARCHIVE_SWITCH = "MUSIC_SPEECH_STARTUP_ARCHIVE";
    private static final Path PACKAGED_JAR = Path.of("target", "music-speech.jar");
    private static final Path PACKAGED_CLASSPATH = Path.of("target", "classpath.txt");
    private static final String COMMAND = "mvn -q -Pspark package -DskipTests && mvn -q -Pspark exec:java -Dstage=bench "
            + "-Dexec.args=\"bench.what=[spark]\"";

    private final Path audio;
    private final Path scratch;
    private final int repeats;
    private final PrintStream console;

    SparkBenchmark(Path audio, Path scratch, int repeats, PrintStream console) {
        this.audio = audio;
        this.scratch = scratch;
        this.repeats = repeats;
        this.console = console;
    }

    List<String> run(String modelOverride) throws IOException, InterruptedException {
        try {
            Class.forName(SparkStage.JOB);
        } catch (ClassNotFoundException e) {
            throw new UserError("bench.what=[spark] needs the spark profile: " + COMMAND);
        }
        checkPackaged();
        Files.createDirectories(scratch);
        List<Path> clips = SegmentBenchmark.alternatingClips(audio);
        Path small = Files.createDirectories(scratch.resolve("files_4x1min"));
        Path hour = Files.createDirectories(scratch.resolve("files_4x15min"));
        Path hours = Files.createDirectories(scratch.resolve("files_4x60min"));
        for (int i = 0; i < 4; i++) {
            SegmentBenchmark.wavInto(small.resolve("part" + i + ".wav"), 60, clips, i);
            SegmentBenchmark.wavInto(hour.resolve("part" + i + ".wav"), 15 * 60, clips, i);
            SegmentBenchmark.wavInto(hours.resolve("part" + i + ".wav"), 60 * 60, clips, i);
        }
        // The hour again as archives hold it: compressed, where decoding is a larger part of the work.
        Path hourMp3 = Files.createDirectories(scratch.resolve("files_4x15min_mp3"));
        for (int i = 0; i < 4; i++) {
            FfmpegCli.encode(hour.resolve("part" + i + ".wav"), hourMp3.resolve("part" + i), "mp3_44s");
        }
        console.println("spark benchmark: 4 WAV files of 1, 15 and 60 minutes and 4 MP3 files of 15, in " + scratch);
        // Untimed: each stage's first run through the launcher writes its class-data archive if it has none.
        segment(small, modelOverride, Launch.ARCHIVE);
        spark(small, modelOverride, Launch.ARCHIVE);
        List<Path> inputs = List.of(small, hour, hours, hourMp3);
        double[][] segmentRuns = new double[inputs.size()][repeats];
        double[][] sparkRuns = new double[inputs.size()][repeats];
        List<Path> plainInputs = List.of(hour, hourMp3);
        double[][] segmentPlainRuns = new double[plainInputs.size()][repeats];
        double[][] sparkPlainRuns = new double[plainInputs.size()][repeats];
        for (int round = 0; round < repeats; round++) {
            for (int i = 0; i < inputs.size(); i++) {
                segmentRuns[i][round] = segment(inputs.get(i), modelOverride, Launch.ARCHIVE);
                sparkRuns[i][round] = spark(inputs.get(i), modelOverride, Launch.ARCHIVE);
            }
            for (int i = 0; i < plainInputs.size(); i++) {
                segmentPlainRuns[i][round] = segment(plainInputs.get(i), modelOverride, Launch.PLAIN);
                sparkPlainRuns[i][round] = spark(plainInputs.get(i), modelOverride, Launch.PLAIN);
            }
        }
        double segmentSmall = median(segmentRuns[0]);
        double segmentHour = median(segmentRuns[1]);
        double segmentHours = median(segmentRuns[2]);
        double segmentHourMp3 = median(segmentRuns[3]);
        double sparkSmall = median(sparkRuns[0]);
        double sparkHour = median(sparkRuns[1]);
        double sparkHours = median(sparkRuns[2]);
        double sparkHourMp3 = median(sparkRuns[3]);
        double segmentHourPlain = median(segmentPlainRuns[0]);
        double sparkHourPlain = median(sparkPlainRuns[0]);
        double segmentHourMp3Plain = median(segmentPlainRuns[1]);
        double sparkHourMp3Plain = median(sparkPlainRuns[1]);
        String runs = repeats == 1 ? "one run each" : "the median of " + repeats + " runs each";
        double marginalHours = 4 - 4 / 60.0;
        double segmentPerHour = (segmentHours - segmentSmall) / marginalHours;
        double sparkPerHour = (sparkHours - sparkSmall) / marginalHours;
        // An extrapolation, not a measurement: the marginal cost per core, spread over a cluster's cores,
        // ignoring storage, network and scheduling (and WAV: MP3 decoding costs about 1.7 times as much).
        double coreSecondsPerHour = sparkPerHour * 2;
        double clusterHours = 100_000 * coreSecondsPerHour / (10 * 8) / 3600;
        return List.of(
                String.format(Locale.ROOT, "spark on local[2] against segment with 2 workers, both started by bin/music-speech "
                        + "(class-data archives), 1 hour of WAV in 4 files, whole runs (%s): %.1f s against %.1f s wall-clock (ratio %.2f: "
                        + "Spark's start and its three table writes are a fixed few seconds)", runs, sparkHour, segmentHour,
                        sparkHour / segmentHour),
                String.format(Locale.ROOT, "the same, 1 hour of MP3 (44.1 kHz stereo, 128 kb/s) in 4 files: %.1f s against %.1f s "
                        + "wall-clock (ratio %.2f)", sparkHourMp3, segmentHourMp3, sparkHourMp3 / segmentHourMp3),
                String.format(Locale.ROOT, "the same hour started by bin/music-speech without the archives (%s=off): "
                        + "WAV %.1f s against %.1f s (ratio %.2f), MP3 %.1f s against %.1f s (ratio %.2f)", ARCHIVE_SWITCH, sparkHourPlain,
                        segmentHourPlain, sparkHourPlain / segmentHourPlain, sparkHourMp3Plain, segmentHourMp3Plain,
                        sparkHourMp3Plain / segmentHourMp3Plain),
                String.format(Locale.ROOT, "spark on local[2] against segment with 2 workers, marginal over 4 h - 4 min: %.2f against "
                        + "%.2f wall-clock seconds per hour of audio (overhead ratio %.2f; %.0fx real time)", sparkPerHour, segmentPerHour,
                        sparkPerHour / segmentPerHour, 3600 / sparkPerHour),
                String.format(Locale.ROOT, "extrapolated, not measured: 100,000 hours of WAV on 10 executors of 8 cores at this "
                        + "machine's per-core rate: %.1f hours", clusterHours));
    }

    /** The launcher runs the packaged build: it must be there, with Spark, and not older than the classes this runs. */
    private static void checkPackaged() throws IOException {
        if (!Files.isRegularFile(PACKAGED_JAR) || !Files.isRegularFile(PACKAGED_CLASSPATH)
                || !Files.readString(PACKAGED_CLASSPATH).contains("spark-core")) {
            throw new UserError("bench.what=[spark] starts its runs with " + LAUNCHER + ", which needs the spark profile's package: "
                    + COMMAND);
        }
        Path classes = Path.of("target", "classes");
        if (Files.isDirectory(classes)) {
            FileTime packaged = Files.getLastModifiedTime(PACKAGED_JAR);
            try (Stream<Path> files = Files.walk(classes)) {
                if (files.anyMatch(file -> file.toString().endsWith(".class") && newer(file, packaged))) {
                    throw new UserError(PACKAGED_JAR + " is older than target/classes: " + COMMAND);
                }
            }
        }
    }

    private static boolean newer(Path file, FileTime than) {
        try {
            return Files.getLastModifiedTime(file).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private double segment(Path input, String model, Launch launch) throws IOException, InterruptedException {
        return wall(List.of("segment", "segment.input=" + input, "segment.out=" + scratch.resolve("segment-out"),
                "segment.workers=2", "segment.overwrite=true"), model == null ? null : "segment.model=" + model, launch);
    }

    private double spark(Path input, String model, Launch launch) throws IOException, InterruptedException {
        return wall(List.of("spark", "spark.input=" + input, "spark.out=" + scratch.resolve("spark-out"), "spark.master=local[2]",
                "spark.format=parquet"), model == null ? null : "spark.model=" + model, launch);
    }

    private double wall(List<String> stage, String model, Launch launch) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toAbsolutePath().toString()));
        command.addAll(stage);
        command.add("run.outputs=" + scratch.resolve("runs"));
        if (model != null) {
            command.add(model);
        }
        Path log = scratch.resolve("last-run.log");
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put(ARCHIVE_SWITCH, launch == Launch.ARCHIVE ? "on" : "off");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(1, TimeUnit.HOURS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new UserError("the benchmark's " + stage.get(0) + " run failed; see " + log);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        console.printf(Locale.ROOT, "  %s %s (%s): %.1f s wall-clock%n", stage.get(0), stage.get(1), launch.description, seconds);
        return seconds;
    }

    /** How a run's JVM starts. */
    private enum Launch {
        ARCHIVE("class-data archive"),
        PLAIN("no archive");

        final String description;

        Launch(String description) {
            this.description = description;
        }
    }
}
