package io.musicspeech.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.model.net.VectorSupport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The segment stage's speed and memory, measured on whole runs as a user starts them (a child
 * JVM running {@code segment}): CPU seconds per hour of audio as the difference between a
 * 60-minute and a 4-minute input, so that JVM start and model loading cancel out; the same with
 * all workers over several files (wall-clock); and the peak resident memory of a 1-minute and a
 * long input. The inputs are made from the clips in {@code bench.audio}, music and speech in turn.
 */
final class SegmentBenchmark {
    private static final int RATE = 22050;

    private final Path audio;
    private final double longHours;
    private final Path scratch;
    private final PrintStream console;

    SegmentBenchmark(Path audio, double longHours, Path scratch, PrintStream console) {
        this.audio = audio;
        this.longHours = longHours;
        this.scratch = scratch;
        this.console = console;
    }

    /** One child run: its CPU time, wall time and peak memory. */
    private record Usage(double cpuSeconds, double wallSeconds, long peakBytes) {
    }

    List<String> run(String modelOverride) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        List<Path> clips = clips();
        console.println("making benchmark inputs in " + scratch + " from " + clips.size() + " clips of " + audio + " ...");
        Path wav4 = wav("wav_4min", 4 * 60, clips);
        Path wav60 = wav("wav_60min", 60 * 60, clips);
        Path mp3In4 = FfmpegCli.encode(wav4, scratch.resolve("mp3_4min"), "mp3_44s");
        Path mp3In60 = FfmpegCli.encode(wav60, scratch.resolve("mp3_60min"), "mp3_44s");
        Path few = Files.createDirectories(scratch.resolve("files_4x1min"));
        Path many = Files.createDirectories(scratch.resolve("files_4x15min"));
        for (int i = 0; i < 4; i++) {
            wavInto(few.resolve("part" + i + ".wav"), 60, clips, i);
            wavInto(many.resolve("part" + i + ".wav"), 15 * 60, clips, i);
        }
        Path wav1 = wav("wav_1min", 60, clips);
        Path wavLong = wav(String.format(Locale.ROOT, "wav_%.0fh", longHours), longHours * 3600, clips);

        List<String> lines = new ArrayList<>();
        Usage w4 = segment(wav4, 1, modelOverride);
        Usage w60 = segment(wav60, 1, modelOverride);
        lines.add(marginal("WAV 22.05 kHz mono, 1 worker", w4, w60, 56 / 60.0, true));
        Usage m4 = segment(mp3In4, 1, modelOverride);
        Usage m60 = segment(mp3In60, 1, modelOverride);
        lines.add(marginal("MP3 44.1 kHz stereo 128 kb/s, 1 worker", m4, m60, 56 / 60.0, true));
        int cores = Runtime.getRuntime().availableProcessors();
        Usage f4 = segment(few, 0, modelOverride);
        Usage f60 = segment(many, 0, modelOverride);
        lines.add(marginal("WAV, 4 files, all " + cores + " workers", f4, f60, 56 / 60.0, false));
        Usage r1 = segment(wav1, 1, modelOverride);
        Usage rLong = segment(wavLong, 1, modelOverride);
        lines.add(String.format(Locale.ROOT, "peak resident memory, 1 worker: 1-minute WAV %d MB, %.0f-hour WAV %d MB (ratio %.2f)",
                r1.peakBytes() >> 20, longHours, rLong.peakBytes() >> 20, rLong.peakBytes() / (double) r1.peakBytes()));
        return lines;
    }

    private static String marginal(String what, Usage small, Usage large, double hours, boolean cpu) {
        double perHour = cpu ? (large.cpuSeconds() - small.cpuSeconds()) / hours : (large.wallSeconds() - small.wallSeconds()) / hours;
        return String.format(Locale.ROOT, "segment, %s: %.2f %s seconds per hour of audio (%.0fx real time), marginal over "
                        + "60 - 4 min (whole runs: %.1f and %.1f s)", what, perHour, cpu ? "CPU" : "wall-clock", 3600 / perHour,
                cpu ? small.cpuSeconds() : small.wallSeconds(), cpu ? large.cpuSeconds() : large.wallSeconds());
    }

    private Usage segment(Path input, int workers, String modelOverride) throws IOException, InterruptedException {
        Path usage = scratch.resolve("usage.json");
        Files.deleteIfExists(usage);
        Path out = scratch.resolve("out");
        io.musicspeech.data.AtomicFiles.deleteTree(out);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", VectorSupport.JVM_OPTION, "-D" + ProcessUsage.PROPERTY + "=" + usage,
                "-cp", ownClasspath(), Main.class.getName(), "segment",
                "segment.input=" + input, "segment.out=" + out, "segment.workers=" + workers, "run.outputs=" + scratch.resolve("runs")));
        if (modelOverride != null) {
            command.add("segment.model=" + modelOverride);
        }
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(scratch.resolve("last-run.log").toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new UserError("the benchmark's segment run on " + input + " failed; see " + scratch.resolve("last-run.log"));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        JsonNode json = new ObjectMapper().readTree(usage.toFile());
        Usage measured = new Usage(json.get("cpu_seconds").asDouble(), wall, json.get("peak_resident_bytes").asLong());
        console.printf(Locale.ROOT, "  %s, %d worker(s): %.1f s CPU, %.1f s wall, peak %d MB%n", input.getFileName(), workers,
                measured.cpuSeconds(), measured.wallSeconds(), measured.peakBytes() >> 20);
        return measured;
    }

    /**
     * The project's classpath: under {@code mvn exec:java} the classes are loaded by a class loader
     * of the plugin's (java.class.path is Maven's own), run directly it is java.class.path.
     */
    static String ownClasspath() {
        ClassLoader loader = SegmentBenchmark.class.getClassLoader();
        if (loader instanceof java.net.URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    entries.add(url.getPath());
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private List<Path> clips() throws IOException {
        return alternatingClips(audio);
    }

    /** The music and speech clips under {@code audio}, music and speech in turn. */
    static List<Path> alternatingClips(Path audio) throws IOException {
        if (!Files.isDirectory(audio)) {
            throw new UserError(audio + ": no such folder (bench.audio names the clips the segment benchmark is made of)");
        }
        List<Path> music;
        List<Path> speech;
        try (Stream<Path> all = Files.walk(audio)) {
            List<Path> files = all.filter(AudioDecoder::hasAudioExtension).sorted().toList();
            music = files.stream().filter(p -> p.toString().contains("music")).toList();
            speech = files.stream().filter(p -> p.toString().contains("speech")).toList();
        }
        if (music.isEmpty() || speech.isEmpty()) {
            throw new UserError(audio + ": needs music and speech clips (folders named music... and speech...)");
        }
        List<Path> alternating = new ArrayList<>();
        for (int i = 0; i < Math.max(music.size(), speech.size()); i++) {
            alternating.add(music.get(i % music.size()));
            alternating.add(speech.get(i % speech.size()));
        }
        return alternating;
    }

    private Path wav(String name, double seconds, List<Path> clips) {
        Path file = scratch.resolve(name + ".wav");
        wavInto(file, seconds, clips, 0);
        return file;
    }

    /** Clips back to back from {@code first} on, until {@code seconds} are written; streamed to disk. */
    static void wavInto(Path file, double seconds, List<Path> clips, int first) {
        long total = Math.round(seconds * RATE);
        try (WavWriter writer = WavWriter.open(file, RATE)) {
            long written = 0;
            for (int i = first; written < total; i++) {
                float[] clip = AudioDecoder.decode(clips.get(i % clips.size()), RATE).samples();
                int n = (int) Math.min(clip.length, total - written);
                writer.write(clip, 0, n);
                written += n;
            }
        }
    }
}
