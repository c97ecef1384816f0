package io.musicspeech.segment;

import com.fasterxml.jackson.databind.JsonNode;
import io.musicspeech.cli.Cli;
import io.musicspeech.cli.Main;
import io.musicspeech.pipeline.Label;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The segment stage as a user runs it, on one synthetic programme (speech, silence, music, speech)
 * in every format: 22.05 kHz mono and 44.1 kHz stereo WAV, MP3, FLAC, Ogg Vorbis, Opus and M4A.
 * Every output is there and well formed, and the formats agree with each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentFormatsTest {
    @TempDir
    static Path work;
    static TestProgramme.Programme programme;
    static Path in;
    static Path out;

    record Run(int code, String out, String err) {
    }

    static Run cli(Path runs, String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("run.outputs=" + runs);
        int code = new Cli(Main.stages(), Path.of("config"), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Run(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void makeTheProgrammeInEveryFormat() throws IOException {
        TestProgramme.assumeTools();
        programme = TestProgramme.make();
        in = Files.createDirectories(work.resolve("in"));
        TestProgramme.writeAllFormats(programme, in, "programme");
        out = work.resolve("out");
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(file))).getRecords();
    }

    /** segments.csv grouped by file, in order. */
    static Map<String, List<Segment>> segmentsByFile(Path file) throws IOException {
        Map<String, List<Segment>> out = new LinkedHashMap<>();
        for (CSVRecord r : csv(file)) {
            out.computeIfAbsent(r.get("file"), f -> new ArrayList<>()).add(new Segment(Double.parseDouble(r.get("start_s")),
                    Double.parseDouble(r.get("end_s")), Label.valueOf(r.get("label").toUpperCase(Locale.ROOT)),
                    Double.parseDouble(r.get("confidence"))));
        }
        return out;
    }

    static Label labelAt(List<Segment> segments, double t) {
        for (Segment s : segments) {
            if (s.startSeconds() <= t && t < s.endSeconds()) {
                return s.label();
            }
        }
        return null;
    }

    @Test
    @Order(1)
    void everyOutputIsWrittenForEveryFormat() throws IOException {
        Run run = cli(work.resolve("runs"), "segment", "segment.input=" + in, "segment.out=" + out, "segment.plots=true",
                "segment.workers=2");
        assertEquals(0, run.code(), run.err() + run.out());
        assertEquals("file,start_s,end_s,label,confidence", Files.readAllLines(out.resolve("segments.csv")).get(0));
        assertEquals(List.of("file,reason"), Files.readAllLines(out.resolve("errors.csv")));
        Map<String, List<Segment>> byFile = segmentsByFile(out.resolve("segments.csv"));
        assertEquals(List.of("programme.flac", "programme.m4a", "programme.mp3", "programme.ogg", "programme.opus",
                "programme.wav", "programme44s.wav"), List.copyOf(byFile.keySet()));
        Map<String, CSVRecord> summary = new LinkedHashMap<>();
        csv(out.resolve("summary.csv")).forEach(r -> summary.put(r.get("file"), r));
        for (Map.Entry<String, List<Segment>> file : byFile.entrySet()) {
            String name = file.getKey();
            List<Segment> segments = file.getValue();
            double duration = Double.parseDouble(summary.get(name).get("duration_s"));
            assertEquals(programme.seconds(), duration, 0.1, name + ": decoded length");
            SegmentDecoderTest.assertTiles(segments, duration);
            for (String suffix : List.of(".json", ".txt", ".TextGrid", ".png")) {
                assertTrue(Files.size(out.resolve(name + suffix)) > 0, name + suffix);
            }
            double shares = 0;
            for (String share : List.of("music_share", "speech_share", "silence_share")) {
                shares += Double.parseDouble(summary.get(name).get(share));
            }
            assertEquals(1, shares, 2e-4, name + ": the shares add up");

            List<String> audacity = Files.readAllLines(out.resolve(name + ".txt"));
            assertEquals(segments.size(), audacity.size(), name + ": one label per segment");
            for (int i = 0; i < audacity.size(); i++) {
                String[] f = audacity.get(i).split("\t", -1);
                assertEquals(3, f.length, "start<TAB>end<TAB>label: " + audacity.get(i));
                assertTrue(f[0].matches("\\d+\\.\\d{6}") && f[1].matches("\\d+\\.\\d{6}"), audacity.get(i));
                assertEquals(segments.get(i).startSeconds(), Double.parseDouble(f[0]), 5e-4);
                assertEquals(segments.get(i).endSeconds(), Double.parseDouble(f[1]), 5e-4);
                assertEquals(segments.get(i).label().text(), f[2]);
            }
            List<TextGridParser.Interval> grid = TextGridParser.parse(Files.readString(out.resolve(name + ".TextGrid")));
            assertEquals(segments.size(), grid.size());
            for (int i = 0; i < grid.size(); i++) {
                assertEquals(segments.get(i).label().text(), grid.get(i).text());
                assertEquals(segments.get(i).endSeconds(), grid.get(i).xmax(), 5e-4);
            }
            JsonNode json = SegmentsJson.MAPPER.readTree(out.resolve(name + ".json").toFile());
            assertEquals(name, json.get("file").asText());
            assertEquals(segments.size(), json.get("segments").size());
            assertTrue(json.get("windows").size() >= (int) (duration / 0.25) - 1, name + ": every window in the JSON");
        }
    }

    @Test
    @Order(2)
    void theFormatsAgreeWithTheWavOnAlmostAllOfTheirDurationAndOnTheBoundaries() throws IOException {
        Map<String, List<Segment>> byFile = segmentsByFile(out.resolve("segments.csv"));
        List<Segment> reference = byFile.get("programme.wav");
        // The model hears the programme as it is: speech, then music, then speech.
        assertEquals(Label.SPEECH, labelAt(reference, programme.speechEnd() / 2));
        assertEquals(Label.MUSIC, labelAt(reference, (programme.musicStart() + programme.musicEnd()) / 2));
        assertEquals(Label.SPEECH, labelAt(reference, (programme.musicEnd() + programme.seconds()) / 2));
        for (Map.Entry<String, List<Segment>> file : byFile.entrySet()) {
            List<Segment> segments = file.getValue();
            int frames = (int) (programme.seconds() / 0.01);
            int same = 0;
            for (int i = 0; i < frames; i++) {
                double t = (i + 0.5) * 0.01;
                same += labelAt(reference, t) == labelAt(segments, t) ? 1 : 0;
            }
            assertTrue(same >= 0.99 * frames, file.getKey() + ": the same label on " + 100.0 * same / frames + " % of the time");
            for (Segment r : reference) {
                if (r.startSeconds() == 0) {
                    continue;
                }
                boolean near = segments.stream().anyMatch(s -> s.startSeconds() > 0 && s.label() == r.label()
                        && Math.abs(s.startSeconds() - r.startSeconds()) <= 0.5);
                assertTrue(near, file.getKey() + ": a " + r.label().text() + " boundary within 0.5 s of " + r.startSeconds() + " s");
            }
        }
    }

    @Test
    @Order(3)
    void listenTakesAnMp3AndWritesItsOwnCausalSegmentsBesideThePredictions() throws IOException {
        Path live = work.resolve("live");
        Run run = cli(work.resolve("runs"), "listen", "realtime.input=" + in.resolve("programme.mp3"), "realtime.pace=false",
                "realtime.out=" + live);
        assertEquals(0, run.code(), run.err() + run.out());
        List<String> predictions = Files.readAllLines(live.resolve("predictions.csv"));
        assertEquals((int) (programme.seconds() / 0.25), predictions.size() - 1, "one row per 0.25 s window");
        Map<String, List<Segment>> segments = segmentsByFile(live.resolve("segments.csv"));
        List<Segment> mine = segments.get(in.resolve("programme.mp3").toString());
        assertEquals(Label.SPEECH, labelAt(mine, programme.speechEnd() / 2));
        assertEquals(Label.MUSIC, labelAt(mine, (programme.musicStart() + programme.musicEnd()) / 2));
        CausalSegmenterTest.DecoderTiling.assertContiguous(mine);
    }

    @Test
    @Order(4)
    void aRerunSkipsWhatIsDoneAndOverwriteRedoesIt() throws IOException {
        String before = Files.readString(out.resolve("segments.csv"));
        Run again = cli(work.resolve("runs"), "segment", "segment.input=" + in, "segment.out=" + out, "segment.plots=true");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("0 file(s) segmented, 7 already done (skipped)"), again.out());
        assertEquals(before, Files.readString(out.resolve("segments.csv")));
        Run redo = cli(work.resolve("runs"), "segment", "segment.input=" + in, "segment.out=" + out, "segment.plots=true",
                "segment.overwrite=true");
        assertTrue(redo.out().contains("7 file(s) segmented, 0 already done"), redo.out());
        assertEquals(before, Files.readString(out.resolve("segments.csv")), "the same audio gives the same segments");
        Run changed = cli(work.resolve("runs"), "segment", "segment.input=" + in, "segment.out=" + out, "segment.plots=true",
                "segment.switch_penalty=3");
        assertTrue(changed.out().contains("7 file(s) segmented, 0 already done"), "other settings redo the files: " + changed.out());
    }

    @Test
    @Order(5)
    void listenScoresItsLiveSegmentsAgainstAReferenceAsSegmentDoes() throws IOException {
        String input = in.resolve("programme.mp3").toString();
        // Its own segments as the reference: every frame right, every onset matched.
        Path again = work.resolve("live-again");
        Run own = cli(work.resolve("runs"), "listen", "realtime.input=" + input, "realtime.pace=false", "realtime.out=" + again,
                "realtime.reference=" + work.resolve("live/segments.csv"));
        assertEquals(0, own.code(), own.err() + own.out());
        JsonNode metrics = SegmentsJson.MAPPER.readTree(again.resolve("segment_metrics.json").toFile());
        assertEquals(1.0, metrics.get("frame_accuracy").asDouble(), 1e-9, metrics.toString());
        assertEquals(1.0, metrics.get("event_f1").get("mean").asDouble(), 1e-9, metrics.toString());
        assertTrue(own.out().contains("against the reference (1 file(s)): frame accuracy 100.00 %"), own.out());

        // The programme's truth, by the file's name alone: the live head lags at the changes, but not by much.
        Path truth = work.resolve("programme-truth.csv");
        Files.writeString(truth, String.format(Locale.ROOT, "file,start_s,end_s,label%nprogramme.mp3,0,%.3f,speech%n"
                        + "programme.mp3,%.3f,%.3f,silence%nprogramme.mp3,%.3f,%.3f,music%nprogramme.mp3,%.3f,%.3f,speech%n",
                programme.speechEnd(), programme.speechEnd(), programme.musicStart(), programme.musicStart(), programme.musicEnd(),
                programme.musicEnd(), programme.seconds()));
        Path scored = work.resolve("live-scored");
        Run live = cli(work.resolve("runs"), "listen", "realtime.input=" + input, "realtime.pace=false", "realtime.out=" + scored,
                "realtime.reference=" + truth);
        assertEquals(0, live.code(), live.err() + live.out());
        double accuracy = SegmentsJson.MAPPER.readTree(scored.resolve("segment_metrics.json").toFile()).get("frame_accuracy").asDouble();
        assertTrue(accuracy > 0.8 && accuracy < 1.0, "frame accuracy " + accuracy);

        Run microphone = cli(work.resolve("runs"), "listen", "realtime.reference=" + truth, "realtime.out=" + work.resolve("mic"));
        assertTrue(microphone.code() != 0 && microphone.err().contains("realtime.reference scores a file's stream"), microphone.err());
        Run other = cli(work.resolve("runs"), "listen", "realtime.input=" + in.resolve("programme.ogg"), "realtime.pace=false",
                "realtime.out=" + work.resolve("live-other"), "realtime.reference=" + truth);
        assertTrue(other.code() != 0 && other.err().contains("realtime.reference: none of the files has reference segments"),
                other.err() + other.out());
        assertTrue(Files.exists(work.resolve("live-other/segments.csv")), "the stream's own outputs are kept");
    }
}
