package io.musicspeech.data;

import io.musicspeech.UserError;
import io.musicspeech.audio.WavWriter;
import io.musicspeech.config.Config;
import io.musicspeech.config.ConfigLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PreparerTest {
    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../shared"));
    private static final Path GTZAN = SHARED.resolve("datasets/gtzan-musicspeech");
    private static final Path NOISE = SHARED.resolve("datasets/noise");
    /** Enough recordings per label for three sides, with a three-clip recording to keep together. */
    private static final List<String> CLIPS = List.of(
            "music_wav/blues.wav", "music_wav/jazz.wav", "music_wav/jazz1.wav", "music_wav/rock.wav", "music_wav/opera.wav",
            "speech_wav/teachers.wav", "speech_wav/teachers1.wav", "speech_wav/teachers2.wav", "speech_wav/news1.wav",
            "speech_wav/comedy.wav", "speech_wav/greek.wav");

    @TempDir
    static Path dataset;

    @BeforeAll
    static void linkSomeDevelopmentClips() throws IOException {
        assumeTrue(Files.isDirectory(GTZAN), "../shared/datasets/gtzan-musicspeech is not there: prepare tests skipped");
        for (String clip : CLIPS) {
            Path link = dataset.resolve("in").resolve(clip);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, GTZAN.resolve(clip).toAbsolutePath());
        }
        Files.writeString(dataset.resolve("in/music_wav/notes.txt"), "not audio, ignored");
    }

    private static Config config(Path in, Path out, String... extra) {
        List<String> overrides = new ArrayList<>(List.of("preprocess.path=" + in, "preprocess.out=" + out,
                "augment.noise_dir=" + NOISE.toAbsolutePath()));
        overrides.addAll(List.of(extra));
        return new ConfigLoader(Path.of("config")).load(overrides).config();
    }

    private static PrepareSummary prepare(Config config) throws Exception {
        return new Preparer(config, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run();
    }

    @Test
    void writesProcessedSetsSplitAndSummaryWithNoRecordingOnTwoSides(@TempDir Path out) throws Exception {
        PrepareSummary summary = prepare(config(dataset.resolve("in"), out, "augment=none"));

        List<String[]> split = readCsv(out.resolve("split.csv"));
        assertEquals(List.of("file", "label", "group", "split", "source"), List.of(split.get(0)));
        assertEquals(CLIPS.size(), split.size() - 1);
        Map<String, String> sideOfGroup = new HashMap<>();
        for (String[] row : split.subList(1, split.size())) {
            String previous = sideOfGroup.putIfAbsent(row[2], row[3]);
            assertTrue(previous == null || previous.equals(row[3]), row[2] + " is in " + previous + " and " + row[3]);
        }
        assertEquals("teachers", split.stream().filter(r -> r[0].equals("speech_wav/teachers2.wav")).findFirst().orElseThrow()[2]);

        int total = 0;
        for (Split side : Split.values()) {
            int windows = npyLength(out.resolve(side.id() + "_features.npy"), 11 * 13);
            assertEquals(windows, npyLength(out.resolve(side.id() + "_labels.npy"), 1));
            assertEquals(windows, readCsv(out.resolve(side.id() + "_manifest.csv")).size() - 1);
            assertEquals(windows, summary.windows(side, "music") + summary.windows(side, "speech"));
            WindowSet read = WindowSet.read(out, side);
            assertEquals(windows, read.size());
            assertEquals(11, read.frames());
            total += windows;
        }
        assertEquals(CLIPS.size() * 120, total, "30 s clips give 120 whole 0.25 s windows each");
        assertTrue(Files.readString(out.resolve("summary.csv")).startsWith("split,label,clips,windows,augmented_windows\n"));
        assertTrue(Files.readString(out.resolve("dataset.json")).contains("\"labels\" : [ \"music\", \"speech\" ]"));
    }

    @Test
    void sameConfigAndDataGiveIdenticalBytesAndLeaveTheInputAlone(@TempDir Path work) throws Exception {
        Map<String, String> inputBefore = hashes(dataset.resolve("in"));
        prepare(config(dataset.resolve("in"), work.resolve("a")));
        prepare(config(dataset.resolve("in"), work.resolve("b"), "preprocess.workers=1"));

        Map<String, String> a = hashes(work.resolve("a"));
        assertEquals(a, hashes(work.resolve("b")));
        assertTrue(a.containsKey("train_features.npy") && a.containsKey("split.csv"), a.keySet().toString());
        assertEquals(inputBefore, hashes(dataset.resolve("in")));
        String manifest = Files.readString(work.resolve("a/train_manifest.csv"));
        assertTrue(manifest.contains(",noise_pitch_filter,") && manifest.contains(",room_tempo_dropout,"),
                "both default chains add copies of the training clips");
        assertFalse(Files.readString(work.resolve("a/test_manifest.csv")).contains("noise_pitch_filter"),
                "held-out clips are never augmented");

        prepare(config(dataset.resolve("in"), work.resolve("c"), "preprocess.seed=43"));
        assertNotEquals(a.get("train_features.npy"), hashes(work.resolve("c")).get("train_features.npy"));
    }

    @Test
    void missingOrEmptyFolderOrMissingLabelIsAClearError(@TempDir Path work) throws IOException {
        assertEquals(work.resolve("nope") + ": dataset folder not found",
                assertThrows(UserError.class, () -> prepare(config(work.resolve("nope"), work.resolve("out")))).getMessage());

        Files.createDirectories(work.resolve("empty"));
        String empty = assertThrows(UserError.class, () -> prepare(config(work.resolve("empty"), work.resolve("out")))).getMessage();
        assertTrue(empty.contains("no label folders") && empty.endsWith("found an empty folder"), empty);

        Files.createDirectories(work.resolve("half/music"));
        Files.createDirectories(work.resolve("half/speech"));
        WavWriter.write(work.resolve("half/music/a.wav"), new float[22050], 22050);
        String half = assertThrows(UserError.class, () -> prepare(config(work.resolve("half"), work.resolve("out")))).getMessage();
        assertTrue(half.endsWith("label 'speech' has no audio clips (looked in speech_wav, speech)"), half);
        assertFalse(Files.exists(work.resolve("out")), "nothing is written when the input is unusable");
    }

    @Test
    void unreadableAndTooShortFilesAreSkippedAndListedOrFatalWhenStrict(@TempDir Path work) throws Exception {
        Path in = work.resolve("in");
        for (String label : List.of("music", "speech")) {
            for (String name : List.of("a", "b", "c")) {
                Path file = in.resolve(label).resolve(label + name + ".wav");
                Files.createDirectories(file.getParent());
                Files.createSymbolicLink(file, GTZAN.resolve(CLIPS.get(label.equals("music") ? 0 : 5)).toAbsolutePath());
            }
        }
        Files.writeString(in.resolve("music/broken.wav"), "this is not a WAV file");
        WavWriter.write(in.resolve("speech/short.wav"), new float[1000], 22050);

        PrepareSummary summary = prepare(config(in, work.resolve("out"), "augment=none"));
        Map<String, String> skipped = new TreeMap<>();
        summary.skipped().forEach(s -> skipped.put(s.file(), s.reason()));
        assertEquals(2, skipped.size(), skipped.toString());
        assertTrue(skipped.get("music/broken.wav").contains("broken.wav: not an audio file"), skipped.toString());
        assertEquals("shorter than one window (0.045 s < 0.250 s)", skipped.get("speech/short.wav"));
        String skippedCsv = Files.readString(work.resolve("out/skipped.csv"));
        assertTrue(skippedCsv.contains("music/broken.wav,") && skippedCsv.contains("speech/short.wav,"), skippedCsv);

        UserError strict = assertThrows(UserError.class,
                () -> prepare(config(in, work.resolve("strict"), "augment=none", "preprocess.strict=true")));
        assertTrue(strict.getMessage().contains("broken.wav: not an audio file"), strict.getMessage());
        assertTrue(strict.getMessage().endsWith("(preprocess.strict=true stops at the first unreadable file)"));
    }

    @Test
    void outputInsideTheInputFolderIsRefused() {
        Path in = dataset.resolve("in");
        UserError error = assertThrows(UserError.class, () -> prepare(config(in, in.resolve("processed"))));
        assertTrue(error.getMessage().contains("prepare never writes into the input folder"), error.getMessage());
        assertFalse(Files.exists(in.resolve("processed")));
    }

    @Test
    void missingNoiseFolderNamesTheKey(@TempDir Path work) {
        UserError error = assertThrows(UserError.class,
                () -> prepare(config(dataset.resolve("in"), work.resolve("out"), "augment.noise_dir=" + work.resolve("no-noise"))));
        assertTrue(error.getMessage().contains("augment.noise_dir"), error.getMessage());
    }

    private static List<String[]> readCsv(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    /** Rows of a float32 .npy file, from its size (header dict is checked by NpyWriterTest). */
    private static int npyLength(Path file, int valuesPerRow) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        return (bytes.length - 10 - headerLength) / 4 / valuesPerRow;
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                hashes.put(dir.relativize(file).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(file))));
            }
        }
        return hashes;
    }

    @Test
    void severalFoldersKeepTheirNamesAndAManifestGivesGroupsAndSources(@TempDir Path work) throws Exception {
        Path other = work.resolve("corpus");
        Files.createDirectories(other.resolve("speech"));
        Files.createDirectories(other.resolve("music"));
        Files.createSymbolicLink(other.resolve("speech/talk_a_1.wav"), GTZAN.resolve("speech_wav/acomic.wav").toAbsolutePath());
        Files.createSymbolicLink(other.resolve("speech/talk_b_1.wav"), GTZAN.resolve("speech_wav/china.wav").toAbsolutePath());
        Files.createSymbolicLink(other.resolve("music/song_1.wav"), GTZAN.resolve("music_wav/ballad.wav").toAbsolutePath());
        Files.writeString(other.resolve("MANIFEST.tsv"), "file\tlabel\tgroup\tsource\n"
                + "speech/talk_a_1.wav\tspeech\tshow\tdebian:radio-data_1:2.0-1:/usr/share/a.ogg\n"
                + "speech/talk_b_1.wav\tspeech\tshow\tdebian:radio-data_1:2.0-1:/usr/share/b.ogg\n"
                + "music/song_1.wav\tmusic\tsong\tdebian:songs_0.1-2:/usr/share/c.ogg\n");
        Path out = work.resolve("out");
        prepare(config(dataset.resolve("in"), out, "augment=none", "preprocess.path=[" + dataset.resolve("in") + "," + other + "]"));
        Map<String, String[]> rows = new HashMap<>();
        List<String[]> csv = readCsv(out.resolve("split.csv"));
        for (String[] row : csv.subList(1, csv.size())) {
            rows.put(row[0], row);
        }
        assertEquals(CLIPS.size() + 3, rows.size());
        assertTrue(rows.containsKey("in/speech_wav/teachers.wav"), rows.keySet().toString());
        String[] talk = rows.get("corpus/speech/talk_a_1.wav");
        assertEquals("show", talk[2], "the manifest's group, not the name's");
        assertEquals("radio-data", talk[4], "the Debian package, its version (with epoch) cut off");
        assertEquals(rows.get("corpus/speech/talk_b_1.wav")[3], talk[3], "one group, one side");
        assertEquals("", rows.get("in/speech_wav/teachers.wav")[4], "no manifest, no source");
    }
}
