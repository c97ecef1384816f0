package io.musicspeech.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** AIFF, AIFF-C, AU and companded WAV, read through Java Sound but scaled like libsndfile. */
class JavaSoundFormatsTest {

    private static final int RATE = 22050;

    @TempDir
    Path dir;

    /** Writes big-endian PCM or float bytes with Java Sound's own writer. */
    private Path write(String name, AudioFileFormat.Type type, AudioFormat format, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format,
                bytes.length / format.getFrameSize());
        AudioSystem.write(in, type, file.toFile());
        return file;
    }

    private static byte[] bigEndian16(short... s) {
        ByteBuffer b = ByteBuffer.allocate(2 * s.length);
        for (short x : s) {
            b.putShort(x);
        }
        return b.array();
    }

    @Test
    void aiffStereo16BitIsAveraged() throws IOException {
        short[] lr = {1000, 3001, -32768, 32767, 16384, 16384};
        Path file = write("a.aiff", AudioFileFormat.Type.AIFF,
                new AudioFormat(RATE, 16, 2, true, true), bigEndian16(lr));
        float[] expected = new float[3];
        for (int i = 0; i < 3; i++) {
            expected[i] = (lr[2 * i] / 32768f + lr[2 * i + 1] / 32768f) / 2f;
        }
        AudioClip clip = AudioDecoder.decode(file, RATE);
        assertEquals(RATE, clip.sampleRate());
        assertArrayEquals(expected, clip.samples());
    }

    @Test
    void aiff8BitIsSigned() throws IOException {
        Path file = write("a.aif", AudioFileFormat.Type.AIFF,
                new AudioFormat(RATE, 8, 1, true, true), new byte[]{-128, 0, 64, 127});
        assertArrayEquals(new float[]{-1f, 0f, 0.5f, 127 / 128f}, AudioDecoder.decode(file, RATE).samples());
    }

    @Test
    void aifcUncompressedIsRead() {
        Path file = TestWav.write(dir, "a.aifc", TestWav.aifc(1, RATE, (short) -16384, (short) 32767));
        assertArrayEquals(new float[]{-0.5f, 32767 / 32768f}, AudioDecoder.decode(file, RATE).samples());
    }

    @Test
    void au16BitIsDividedBy32768() throws IOException {
        Path file = write("a.au", AudioFileFormat.Type.AU,
                new AudioFormat(RATE, 16, 1, true, true), bigEndian16((short) 1, (short) -20000));
        assertArrayEquals(new float[]{1 / 32768f, -20000 / 32768f}, AudioDecoder.decode(file, RATE).samples());
    }

    @Test
    void auFloatIsPassedThrough() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).putFloat(0.3f).putFloat(-1.25f);
        Path file = write("f.au", AudioFileFormat.Type.AU,
                new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, RATE, 32, 1, 4, RATE, true), b.array());
        assertArrayEquals(new float[]{0.3f, -1.25f}, AudioDecoder.decode(file, RATE).samples());
    }

    @Test
    void formatComesFromTheBytesNotTheExtension() throws IOException {
        Path file = write("really-au.wav", AudioFileFormat.Type.AU,
                new AudioFormat(RATE, 16, 1, true, true), bigEndian16((short) 8192));
        assertArrayEquals(new float[]{0.25f}, AudioDecoder.decode(file, RATE).samples());
    }

    @Test
    void muLawAndALawWavMatchLibsndfileTables() throws IOException {
        // libsndfile's G.711 tables: mu-law 0x00 -> -32124, 0x80 -> 32124, 0xFF -> 0;
        // A-law 0x00 -> -5504, 0xD5 -> 8, 0x2A -> -32256.
        Path ulaw = write("u.wav", AudioFileFormat.Type.WAVE,
                new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false),
                new byte[]{0x00, (byte) 0x80, (byte) 0xFF});
        assertArrayEquals(new float[]{-32124 / 32768f, 32124 / 32768f, 0f}, AudioDecoder.decode(ulaw, 8000).samples());
        Path alaw = write("a.wav", AudioFileFormat.Type.WAVE,
                new AudioFormat(AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000, false),
                new byte[]{0x00, (byte) 0xD5, 0x2A});
        assertArrayEquals(new float[]{-5504 / 32768f, 8 / 32768f, -32256 / 32768f}, AudioDecoder.decode(alaw, 8000).samples());
    }
}
