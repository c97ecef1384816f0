package io.musicspeech.data.augment;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseBankTest {
    /** Stands in for the project's decoder: a clip whose one sample is the file's size. */
    private static final Function<Path, float[]> FAKE_DECODER = p -> {
        try {
            return new float[] {Files.size(p)};
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    };

    @Test
    void missingFolderIsAUserErrorNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("noise");
        UserError e = assertThrows(UserError.class, () -> NoiseBank.load(missing, FAKE_DECODER));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void folderWithoutAudioIsAUserErrorNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("README.txt"), "no audio here");
        Files.writeString(dir.resolve(".hidden.wav"), "x");
        Files.createDirectories(dir.resolve("sub"));
        UserError e = assertThrows(UserError.class, () -> NoiseBank.load(dir, FAKE_DECODER));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no audio file"), e.getMessage());
    }

    @Test
    void aFileInsteadOfAFolderIsAUserError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("noise.wav"), "x");
        assertThrows(UserError.class, () -> NoiseBank.load(file, FAKE_DECODER));
    }

    @Test
    void loadsAudioFilesSortedByRelativePathIncludingSubfolders(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b"));
        Files.writeString(dir.resolve("c.WAV"), "ccc");
        Files.writeString(dir.resolve("a.aiff"), "a");
        Files.writeString(dir.resolve("b/x.au"), "bb");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        NoiseBank bank = NoiseBank.load(dir, FAKE_DECODER);

        assertEquals(List.of(dir.resolve("a.aiff"), dir.resolve("b/x.au"), dir.resolve("c.WAV")), bank.files());
        assertEquals(List.of(1f, 2f, 3f), bank.clips().stream().map(c -> c[0]).toList());
        assertEquals(3, bank.size());
    }

    @Test
    void aFileThatDecodesToNothingIsAUserError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("empty.wav"), "");
        UserError e = assertThrows(UserError.class, () -> NoiseBank.load(dir, p -> new float[0]));
        assertTrue(e.getMessage().contains("empty.wav"), e.getMessage());
    }
}
