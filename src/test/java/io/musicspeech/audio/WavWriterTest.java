package io.musicspeech.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WavWriterTest {

    @TempDir
    Path dir;

    /** What a sample reads back as: clipped, rounded to int16, divided by 32768. */
    private static float quantised(float x) {
        double clipped = Math.max(-1, Math.min(1, x));
        return Math.min(32767, Math.round(clipped * 32768)) / 32768f;
    }

    @Test
    void roundTripGivesInt16QuantisedSamples() {
        Random random = new Random(42);
        float[] x = new float[100_000]; // larger than the writer's buffer
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * 0.6);
        }
        x[0] = 1f;
        x[1] = -1f;
        x[2] = 2.5f;
        x[3] = -7f;
        x[4] = Float.NaN;
        Path file = dir.resolve("out.wav");
        WavWriter.write(file, x, 16000);

        AudioClip clip = AudioDecoder.decode(file, 16000);
        float[] expected = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Float.isNaN(x[i]) ? 0f : quantised(x[i]);
        }
        assertArrayEquals(expected, clip.samples());
        assertEquals(32767 / 32768f, clip.samples()[0]);
        assertEquals(-1f, clip.samples()[1]);
    }

    @Test
    void decodedSamplesAreWrittenBackUnchanged() {
        float[] x = {-1f, -0.5f, 1 / 32768f, 0f, 12345 / 32768f, 32767 / 32768f};
        Path file = dir.resolve("exact.wav");
        WavWriter.write(file, x, 22050);
        assertArrayEquals(x, AudioDecoder.decode(file, 22050).samples());
    }

    @Test
    void fileIsValidAfterEachFlushWhileStillOpen() {
        Path file = dir.resolve("live.wav");
        float[] block = new float[2205];
        Arrays.fill(block, 0.25f);
        try (WavWriter writer = WavWriter.open(file, 22050)) {
            writer.write(block, 0, block.length);
            writer.flush();
            assertEquals(2205, AudioDecoder.decode(file, 22050).samples().length);

            writer.write(block, 100, 1000);
            writer.flush();
            AudioClip clip = AudioDecoder.decode(file, 22050);
            assertEquals(3205, clip.samples().length);
            assertEquals(0.25f, clip.samples()[3204]);
        }
        assertEquals(3205, AudioDecoder.decode(file, 22050).samples().length);
    }

    @Test
    void stereoFramesAreInterleaved() {
        Path file = dir.resolve("stereo.wav");
        try (WavWriter writer = WavWriter.open(file, 8000, 2)) {
            writer.write(new float[]{0.5f, -0.5f, 0.25f, 0.75f}, 0, 4);
            assertThrows(IllegalArgumentException.class, () -> writer.write(new float[3], 0, 3));
        }
        assertArrayEquals(new float[]{0f, 0.5f}, AudioDecoder.decode(file, 8000).samples());
    }

    @Test
    void existingFileIsTruncatedAndHeaderIsStandard() throws IOException {
        Path file = dir.resolve("reuse.wav");
        Files.write(file, new byte[5000]);
        WavWriter.write(file, new float[]{0.5f}, 22050);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(46, bytes.length);
        assertEquals("RIFF", new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(38, bytes[4]); // RIFF size = 36 + 2 data bytes
        assertEquals(2, bytes[40]);  // data size
    }

    @Test
    void unwritablePathIsAnAudioFileError() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("taken"));
        AudioFileError e = assertThrows(AudioFileError.class, () -> WavWriter.open(folder, 22050));
        assertTrue(e.getMessage().startsWith(folder + ": cannot write file"), e.getMessage());
    }
}
