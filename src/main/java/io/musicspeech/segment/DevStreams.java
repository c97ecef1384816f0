package io.musicspeech.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.config.StreamsConfig;
import io.musicspeech.data.AtomicFiles;
import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.SilenceGate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds long development streams for the segment stage from the clips a model has not heard:
 * the test side of a prepare ({@code split.csv}). Each stream is pieces of those clips back to
 * back, mostly alternating speech and music, each piece at its own level, with a few silent gaps,
 * written in one of several formats; {@code reference.csv} holds the true segments. Every draw is
 * seeded, so the same config and clips give the same streams.
 */
public final class DevStreams {
    private static final double FADE_SECONDS = 0.01;
    private static final double GAP_NOISE_DBFS = -70;

    /** What was written. */
    public record Built(List<Path> streams, Path reference, Path list, double seconds) {
    }

    private record TestClip(String file, Label label, Path path) {
    }

    private DevStreams() {
    }

    public static Built build(StreamsConfig config, int sampleRate, Path out, PrintStream console) throws IOException {
        List<TestClip> clips = testClips(config.prepared());
        List<TestClip> music = clips.stream().filter(c -> c.label() == Label.MUSIC).toList();
        List<TestClip> speech = clips.stream().filter(c -> c.label() == Label.SPEECH).toList();
        if (music.isEmpty() || speech.isEmpty()) {
            throw new UserError(config.prepared().resolve("split.csv") + ": the test side needs music and speech clips, has "
                    + music.size() + " and " + speech.size() + "; prepare with preprocess.test_fraction > 0");
        }
        console.printf(Locale.ROOT, "cutting %d stream(s) of %.1f min from %d music and %d speech test clips of %s%n",
                config.count(), config.minutes(), music.size(), speech.size(), config.prepared());
        Files.createDirectories(out);
        Map<Path, float[]> decoded = new HashMap<>();
        List<Path> streams = new ArrayList<>();
        StringWriter reference = new StringWriter();
        double total = 0;
        try (CSVPrinter csv = new CSVPrinter(reference, SegmentsCsv.FORMAT)) {
            csv.printRecord("file", "start_s", "end_s", "label");
            for (int k = 0; k < config.count(); k++) {
                SplittableRandom random = new SplittableRandom(config.seed() * 1_000_003L + k);
                int length = (int) Math.round(config.minutes() * 60 * sampleRate);
                float[] audio = new float[length];
                List<Segment> truth = fill(audio, sampleRate, config, random, music, speech, decoded);
                String format = config.formats().get(k % config.formats().size());
                Path stem = out.resolve(String.format(Locale.ROOT, "stream_%02d", k + 1));
                Path wav = out.resolve(String.format(Locale.ROOT, ".stream_%02d.tmp.wav", k + 1));
                WavWriter.write(wav, audio, sampleRate);
                Path written;
                try {
                    written = FfmpegCli.encode(wav, stem, format);
                } finally {
                    Files.deleteIfExists(wav);
                }
                streams.add(written);
                for (Segment s : truth) {
                    csv.printRecord(written.getFileName().toString(), SegmentsCsv.seconds(s.startSeconds()),
                            SegmentsCsv.seconds(s.endSeconds()), s.label().text());
                }
                total += length / (double) sampleRate;
                console.printf(Locale.ROOT, "  %s: %d segments (%s)%n", written.getFileName(), truth.size(), format);
            }
        }
        Path referenceFile = out.resolve("reference.csv");
        AtomicFiles.writeString(referenceFile, reference.toString());
        Path list = out.resolve("streams.txt");
        StringBuilder names = new StringBuilder("# development streams; reference segments in reference.csv\n");
        streams.forEach(s -> names.append(s.getFileName()).append('\n'));
        AtomicFiles.writeString(list, names.toString());
        return new Built(streams, referenceFile, list, total);
    }

    /** Fills {@code audio} with pieces and gaps; returns the true segments, neighbours of one label merged. */
    private static List<Segment> fill(float[] audio, int rate, StreamsConfig config, SplittableRandom random,
                                      List<TestClip> music, List<TestClip> speech, Map<Path, float[]> decoded) {
        List<Segment> truth = new ArrayList<>();
        int at = 0;
        Label previous = null;
        while (at < audio.length) {
            if (previous != null && random.nextDouble() < config.gapProbability()) {
                int gap = (int) Math.round(uniform(random, config.gapSeconds()) * rate);
                gap = Math.min(gap, audio.length - at);
                double scale = Math.pow(10, GAP_NOISE_DBFS / 20);
                for (int i = at; i < at + gap; i++) {
                    audio[i] = (float) (scale * random.nextGaussian());
                }
                add(truth, at, at + gap, Label.SILENCE, rate);
                at += gap;
                if (at >= audio.length) {
                    break;
                }
            }
            Label label = previous == null ? (random.nextBoolean() ? Label.MUSIC : Label.SPEECH)
                    : random.nextDouble() < config.sameClassProbability() ? previous
                    : previous == Label.MUSIC ? Label.SPEECH : Label.MUSIC;
            List<TestClip> pool = label == Label.MUSIC ? music : speech;
            TestClip clip = pool.get(random.nextInt(pool.size()));
            float[] source = decoded.computeIfAbsent(clip.path(), p -> AudioDecoder.decode(p, rate).samples());
            int piece = (int) Math.min(source.length, Math.round(uniform(random, config.pieceSeconds()) * rate));
            piece = Math.min(piece, audio.length - at);
            int offset = source.length == piece ? 0 : random.nextInt(source.length - piece + 1);
            double rms = SilenceGate.rms(source, offset, piece);
            double gain = rms == 0 ? 0 : Math.pow(10, uniform(random, config.levelDbfs()) / 20) / rms;
            int fade = Math.min(piece / 2, (int) Math.round(FADE_SECONDS * rate));
            for (int i = 0; i < piece; i++) {
                double envelope = Math.min(1, Math.min(i, piece - 1 - i) / (double) Math.max(1, fade));
                audio[at + i] = (float) Math.max(-1, Math.min(1, source[offset + i] * gain * envelope));
            }
            add(truth, at, at + piece, label, rate);
            at += piece;
            previous = label;
        }
        return truth;
    }

    private static void add(List<Segment> truth, int from, int to, Label label, int rate) {
        double start = from / (double) rate;
        double end = to / (double) rate;
        Segment last = truth.isEmpty() ? null : truth.get(truth.size() - 1);
        if (last != null && last.label() == label) {
            truth.set(truth.size() - 1, new Segment(last.startSeconds(), end, label, 1));
        } else {
            truth.add(new Segment(start, end, label, 1));
        }
    }

    private static double uniform(SplittableRandom random, List<Double> range) {
        return range.get(0) + random.nextDouble() * (range.get(1) - range.get(0));
    }

    /** A clip's file: below the only dataset folder, or, with several, below the one its path starts with. */
    private static Path locate(List<Path> roots, String file) {
        if (roots.size() == 1) {
            return roots.get(0).resolve(file);
        }
        int slash = file.indexOf('/');
        String name = slash < 0 ? "" : file.substring(0, slash);
        for (Path root : roots) {
            if (root.toAbsolutePath().normalize().getFileName().toString().equals(name)) {
                return root.resolve(file.substring(slash + 1));
            }
        }
        throw new UserError("split.csv names " + file + ", which is in none of the prepare's dataset folders " + roots);
    }

    /** The clips on the test side of a prepare, with their paths under the prepare's source folder. */
    private static List<TestClip> testClips(Path prepared) throws IOException {
        Path dataset = prepared.resolve("dataset.json");
        Path split = prepared.resolve("split.csv");
        if (!Files.exists(dataset) || !Files.exists(split)) {
            throw new UserError(prepared + ": not a prepare's output (no dataset.json and split.csv); run prepare first, "
                    + "or set streams.prepared");
        }
        JsonNode json = SegmentsJson.MAPPER.readTree(dataset.toFile());
        List<Path> roots = new ArrayList<>();
        if (json.path("source").isArray()) {
            json.path("source").forEach(r -> roots.add(Path.of(r.asText())));
        } else {
            roots.add(Path.of(json.path("source").asText()));
        }
        List<TestClip> clips = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(split)) {
            for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (row.get("split").equals("test")) {
                    Label label = Label.valueOf(row.get("label").toUpperCase(Locale.ROOT));
                    clips.add(new TestClip(row.get("file"), label, locate(roots, row.get("file"))));
                }
            }
        }
        return clips;
    }
}
