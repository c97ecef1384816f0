package io.musicspeech.audio;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

import static io.musicspeech.audio.TestWav.FLOAT;
import static io.musicspeech.audio.TestWav.PCM;
import static io.musicspeech.audio.TestWav.chunk;
import static io.musicspeech.audio.TestWav.fmt;
import static io.musicspeech.audio.TestWav.riff;
import static io.musicspeech.audio.TestWav.wav;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** Every way a file can be unusable gives a one-line AudioFileError naming the file and the problem. */
class BadAudioFilesTest {

    @TempDir
    Path dir;

    /** Decodes and returns the error message, after checking its form: "<path>: <problem>", one line. */
    private static String failure(Path file) {
        AudioFileError e = assertThrows(AudioFileError.class, () -> AudioDecoder.decode(file, 22050));
        assertInstanceOf(UserError.class, e);
        String message = e.getMessage();
        assertTrue(message.startsWith(file + ": "), message);
        assertFalse(message.contains("\n") || message.contains("\r"), message);
        return message;
    }

    private String failure(String name, byte[] bytes) {
        return failure(TestWav.write(dir, name, bytes));
    }

    private static void assertMentions(String message, String... phrases) {
        for (String phrase : phrases) {
            assertTrue(message.contains(phrase), () -> "'" + phrase + "' missing from: " + message);
        }
    }

    @Test
    void missingFile() {
        assertMentions(failure(dir.resolve("nothing-here.wav")), "nothing-here.wav: file not found");
    }

    @Test
    void folder() throws IOException {
        assertMentions(failure(Files.createDirectory(dir.resolve("clips.wav"))), "clips.wav: is a folder");
    }

    @Test
    void unreadableFile() throws IOException {
        Path file = TestWav.write(dir, "locked.wav", wav(fmt(PCM, 1, 8000, 16), TestWav.int16(1)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions do not stop reads");
        assertMentions(failure(file), "locked.wav: cannot read file");
    }

    @Test
    void emptyFile() {
        assertMentions(failure("empty.wav", new byte[0]), "empty.wav: empty file");
    }

    @Test
    void textFile() {
        byte[] text = "label,file\nmusic,blues.wav\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        assertMentions(failure("notes.wav", text), "notes.wav: not an audio file");
    }

    @Test
    void fileEndsInsideTheRiffHeader() {
        assertMentions(failure("short.wav", Arrays.copyOf(wav(fmt(PCM, 1, 8000, 16), new byte[2]), 8)),
                "short.wav: truncated WAV header: the file has only 8 bytes");
    }

    @Test
    void fileEndsInsideTheFmtChunk() {
        byte[] whole = wav(fmt(PCM, 1, 8000, 16), new byte[2]);
        assertMentions(failure("cut.wav", Arrays.copyOf(whole, 12 + 8 + 6)),
                "cut.wav: truncated WAV header: fmt chunk declares 16 bytes but only 6 remain");
    }

    @Test
    void noFmtChunk() {
        assertMentions(failure("nofmt.wav", riff(chunk("data", TestWav.int16(1, 2)))),
                "nofmt.wav: truncated WAV header: no fmt chunk");
    }

    @Test
    void noDataChunk() {
        assertMentions(failure("nodata.wav", riff(chunk("fmt ", fmt(PCM, 1, 8000, 16)), chunk("LIST", new byte[4]))),
                "nodata.wav: truncated WAV header: no data chunk");
    }

    @Test
    void dataChunkLongerThanTheFile() {
        byte[] file = riff(chunk("fmt ", fmt(PCM, 1, 22050, 16)), chunk("data", 88200, new byte[1000]));
        assertMentions(failure("x.wav", file),
                "x.wav: truncated WAV: data chunk declares 88200 bytes but only 1000 remain");
    }

    @Test
    void dataEndsInsideASampleFrame() {
        assertMentions(failure("partial.wav", wav(fmt(PCM, 2, 8000, 16), new byte[6])),
                "partial.wav: truncated WAV: data chunk of 6 bytes ends inside a sample frame (4 bytes per frame)");
    }

    @Test
    void zeroSamples() {
        assertMentions(failure("silent.wav", wav(fmt(PCM, 1, 8000, 16), new byte[0])),
                "silent.wav: no audio samples");
    }

    @Test
    void compressedFormatTag() {
        assertMentions(failure("song.wav", wav(fmt(0x0055, 2, 44100, 0), new byte[418])),
                "song.wav: unsupported encoding: WAV format tag 0x0055");
    }

    @Test
    void unsupportedSampleWidths() {
        assertMentions(failure("half.wav", wav(fmt(FLOAT, 1, 8000, 16), new byte[4])),
                "half.wav: unsupported encoding: 16-bit IEEE float");
        assertMentions(failure("wide.wav", wav(fmt(PCM, 1, 8000, 48), new byte[12])),
                "wide.wav: unsupported encoding: 48-bit PCM");
    }

    @Test
    void extensibleWithForeignSubFormat() {
        byte[] fmt = TestWav.fmtExtensible(PCM, 1, 8000, 16, 16);
        fmt[39] = 0x00; // spoil the GUID's standard tail
        assertMentions(failure("ext.wav", wav(fmt, new byte[4])),
                "ext.wav: unsupported encoding: WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
    }

    @Test
    void zeroChannels() {
        assertMentions(failure("nochan.wav", wav(fmt(PCM, 0, 8000, 16), new byte[4])),
                "nochan.wav: invalid fmt chunk: 0 channels");
    }

    @Test
    void zeroSampleRate() {
        assertMentions(failure("norate.wav", wav(fmt(PCM, 1, 0, 16), new byte[4])),
                "norate.wav: invalid fmt chunk: sample rate 0");
    }

    @Test
    void fmtChunkTooShort() {
        assertMentions(failure("tiny.wav", wav(new byte[12], new byte[4])),
                "tiny.wav: invalid fmt chunk: 12 bytes, at least 16 needed");
    }

    @Test
    void truncatedAu() throws IOException {
        Path au = dir.resolve("whole.au");
        AudioFormat format = new AudioFormat(8000, 16, 1, true, true);
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(new byte[2000]), format, 1000),
                AudioFileFormat.Type.AU, au.toFile());
        byte[] bytes = Files.readAllBytes(au);
        assertMentions(failure("cut.au", Arrays.copyOf(bytes, bytes.length - 1000)),
                "cut.au: truncated audio: the header declares 1000 frames but only 500 are present");
    }

    @Test
    void aiffMagicWithGarbage() {
        byte[] bytes = "FORM\0\0\0\u0010AIFFjunkjunk".getBytes(StandardCharsets.ISO_8859_1);
        assertMentions(failure("bad.aiff", bytes), "bad.aiff: unsupported or damaged AIFF file");
    }
}
