package io.musicspeech.segment;

import io.musicspeech.audio.FfmpegCli;
import io.musicspeech.audio.WavWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The segment stage on bad input: each problem is one clear line, the batch goes on, the exit
 * code is non-zero only when no input succeeded, and nothing the user had is changed.
 */
class SegmentBadInputTest {
    @TempDir
    static Path work;
    static Path good;
    static Path goodMp3;

    @BeforeAll
    static void makeAGoodFile() throws IOException {
        TestProgramme.assumeTools();
        TestProgramme.Programme programme = TestProgramme.make();
        Path source = Files.createDirectories(work.resolve("source"));
        good = source.resolve("good.wav");
        WavWriter.write(good, Arrays.copyOf(programme.samples(), 8 * TestProgramme.RATE), TestProgramme.RATE);
        Path whole = source.resolve("whole.wav");
        WavWriter.write(whole, programme.samples(), TestProgramme.RATE);
        goodMp3 = FfmpegCli.encode(whole, source.resolve("whole"), "mp3");
    }

    private static SegmentFormatsTest.Run segment(String... args) {
        List<String> all = new ArrayList<>(List.of("segment"));
        all.addAll(List.of(args));
        return SegmentFormatsTest.cli(work.resolve("runs"), all.toArray(String[]::new));
    }

    private static Map<String, String> errors(Path out) throws IOException {
        return SegmentFormatsTest.csv(out.resolve("errors.csv")).stream()
                .collect(Collectors.toMap(r -> r.get("file"), r -> r.get("reason")));
    }

    private static void assertOneLine(String err) {
        assertEquals(1, err.strip().lines().count(), "one line: " + err);
        assertTrue(err.startsWith("error: "), err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void aMissingPathIsOneLineAndExitCodeTwo() {
        SegmentFormatsTest.Run run = segment("segment.input=" + work.resolve("nowhere"), "segment.out=" + work.resolve("o1"));
        assertEquals(2, run.code());
        assertOneLine(run.err());
        assertTrue(run.err().contains("nowhere: no such file or folder"), run.err());
    }

    @Test
    void anEmptyFolderIsOneLineAndExitCodeTwo() throws IOException {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Files.writeString(empty.resolve("readme.md"), "no audio here");
        SegmentFormatsTest.Run run = segment("segment.input=" + empty, "segment.out=" + work.resolve("o2"));
        assertEquals(2, run.code());
        assertOneLine(run.err());
        assertTrue(run.err().contains("no audio files in this folder"), run.err());
    }

    @Test
    void badFilesInAFolderAreErrorsAndTheBatchGoesOn() throws IOException {
        Path in = Files.createDirectories(work.resolve("mixed"));
        Files.copy(good, in.resolve("good.wav"));
        Files.writeString(in.resolve("notes.txt"), "not audio, and named so");
        Files.writeString(in.resolve("fake.mp3"), "this is text with an audio name");
        Files.createFile(in.resolve("empty.wav"));
        byte[] wav = Files.readAllBytes(good);
        Files.write(in.resolve("cut.wav"), Arrays.copyOf(wav, wav.length / 2));
        byte[] mp3 = Files.readAllBytes(goodMp3);
        Files.write(in.resolve("cut.mp3"), Arrays.copyOf(mp3, mp3.length / 2));
        Path out = work.resolve("o3");
        SegmentFormatsTest.Run run = segment("segment.input=" + in, "segment.out=" + out);
        assertEquals(0, run.code(), "some inputs succeeded: " + run.err() + run.out());
        Map<String, String> errors = errors(out);
        assertEquals(Map.of("fake.mp3", errors.get("fake.mp3"), "empty.wav", "empty file (0 bytes)"), errors);
        assertTrue(errors.get("fake.mp3").startsWith("not an audio file"), errors.toString());
        Map<String, List<Segment>> segments = SegmentFormatsTest.segmentsByFile(out.resolve("segments.csv"));
        assertEquals(List.of("cut.mp3", "cut.wav", "good.wav"), List.copyOf(segments.keySet()));
        assertTrue(run.out().contains("warning: cut.wav: truncated WAV"), run.out());
        assertTrue(run.out().contains("warning: cut.mp3: truncated"), run.out());
        assertTrue(run.out().contains("note: 1 file(s) are not audio by their name"), run.out());
        assertEquals(4.0, segments.get("cut.wav").get(segments.get("cut.wav").size() - 1).endSeconds(), 0.01,
                "what is there is segmented");
        assertTrue(run.out().lines().filter(l -> l.contains("fake.mp3")).count() == 1, "one line for the bad file");
    }

    @Test
    void whenNoInputSucceedsTheExitCodeIsTwo() throws IOException {
        Path in = Files.createDirectories(work.resolve("allbad"));
        Files.createFile(in.resolve("a.wav"));
        Files.writeString(in.resolve("b.ogg"), "text");
        Path out = work.resolve("o4");
        SegmentFormatsTest.Run run = segment("segment.input=" + in, "segment.out=" + out);
        assertEquals(2, run.code());
        assertTrue(run.err().contains("no input could be segmented (2 error(s)"), run.err());
        assertEquals(2, errors(out).size());
    }

    @Test
    void anOutputFolderInsideTheInputIsNotReadBackAsInput() throws IOException {
        Path in = Files.createDirectories(work.resolve("nested"));
        Files.copy(good, in.resolve("good.wav"));
        Path out = in.resolve("segments");
        SegmentFormatsTest.Run first = segment("segment.input=" + in, "segment.out=" + out);
        assertEquals(0, first.code(), first.err());
        Files.copy(good, out.resolve("stray.wav")); // audio that lands in the output folder is still not an input
        SegmentFormatsTest.Run second = segment("segment.input=" + in, "segment.out=" + out, "segment.overwrite=true");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("note: the output folder " + out + " is inside the input folder"), second.out());
        assertEquals(List.of("good.wav"), List.copyOf(SegmentFormatsTest.segmentsByFile(out.resolve("segments.csv")).keySet()));
    }

    @Test
    void filesTheUserHadAreNeverOverwritten() throws IOException {
        Path in = Files.createDirectories(work.resolve("mine"));
        Files.copy(good, in.resolve("good.wav"));
        Files.copy(good, in.resolve("other.wav"));
        Path foreign = Files.createDirectories(work.resolve("o5"));
        Files.writeString(foreign.resolve("segments.csv"), "my own table\n");
        SegmentFormatsTest.Run refused = segment("segment.input=" + in, "segment.out=" + foreign);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("segments.csv exists and was not written by the segment stage"), refused.err());
        assertEquals("my own table\n", Files.readString(foreign.resolve("segments.csv")));

        Path out = Files.createDirectories(work.resolve("o6"));
        SegmentFormatsTest.Run first = segment("segment.input=" + in.resolve("other.wav"), "segment.out=" + out);
        assertEquals(0, first.code(), first.err());
        Files.writeString(out.resolve("good.wav.txt"), "my labels\n");
        SegmentFormatsTest.Run run = segment("segment.input=" + in, "segment.out=" + out);
        assertEquals(0, run.code(), run.err());
        assertEquals("my labels\n", Files.readString(out.resolve("good.wav.txt")));
        assertTrue(errors(out).get("good.wav").contains("good.wav.txt exists and was not written by the segment stage"));
    }

    /** As root every file is readable, so the stage runs in a user namespace where it is not. */
    @Test
    void anUnreadableFileIsAnErrorRow() throws Exception {
        Path in = Files.createDirectories(work.resolve("locked"));
        Files.copy(good, in.resolve("good.wav"));
        Path locked = Files.copy(good, in.resolve("locked.wav"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        Path out = work.resolve("o7");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assumeTrue(new ProcessBuilder("unshare", "--user", "true").start().waitFor() == 0,
                    "running as root and unshare --user is not allowed here: the unreadable-file test needs a user who cannot read");
            command.addAll(List.of("unshare", "--user"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "io.musicspeech.cli.Main", "segment", "segment.input=" + in, "segment.out=" + out,
                "run.outputs=" + work.resolve("runs")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertEquals(Map.of("locked.wav", "cannot read file: permission denied"), errors(out));
        assertTrue(output.contains("error: " + locked + ": cannot read file: permission denied"), output);
    }
}
