package io.musicspeech.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.musicspeech.audio.TestWav.FLOAT;
import static io.musicspeech.audio.TestWav.PCM;
import static io.musicspeech.audio.TestWav.chunk;
import static io.musicspeech.audio.TestWav.fmt;
import static io.musicspeech.audio.TestWav.fmtExtensible;
import static io.musicspeech.audio.TestWav.riff;
import static io.musicspeech.audio.TestWav.wav;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every WAV encoding the reader supports decodes to libsndfile's float values, bit for bit. */
class WavFormatsTest {

    private static final int RATE = 8000;

    @TempDir
    Path dir;

    private float[] decode(byte[] file) {
        AudioClip clip = AudioDecoder.decode(TestWav.write(dir, "x.wav", file), RATE);
        assertEquals(RATE, clip.sampleRate());
        return clip.samples();
    }

    @Test
    void pcm8IsUnsignedAroundOneHundredTwentyEight() {
        byte[] data = {0, (byte) 128, (byte) 255, 64};
        assertArrayEquals(new float[]{-1f, 0f, 127 / 128f, -0.5f}, decode(wav(fmt(PCM, 1, RATE, 8), data)));
    }

    @Test
    void pcm16IsDividedBy32768() {
        int[] s = {-32768, -1, 0, 1, 1234, 32767};
        float[] expected = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            expected[i] = (float) (s[i] / 32768.0);
        }
        assertArrayEquals(expected, decode(wav(fmt(PCM, 1, RATE, 16), TestWav.int16(s))));
    }

    @Test
    void pcm24IsDividedBy2To23() {
        int[] s = {-8388608, -1, 0, 123456, 8388607};
        float[] expected = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            expected[i] = (float) (s[i] / 8388608.0);
        }
        assertArrayEquals(expected, decode(wav(fmt(PCM, 1, RATE, 24), TestWav.int24(s))));
    }

    @Test
    void pcm32IsRoundedToFloatThenDividedBy2To31() {
        int[] s = {Integer.MIN_VALUE, -1, 0, 123456789, Integer.MAX_VALUE};
        float[] expected = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            expected[i] = (float) s[i] / 2147483648f;
        }
        assertArrayEquals(expected, decode(wav(fmt(PCM, 1, RATE, 32), TestWav.int32(s))));
    }

    @Test
    void twelveBitPcmIsReadLikeLibsndfileAsLeftJustified16Bit() {
        int[] s = {-32768, 16, 2048, 32752};
        float[] expected = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            expected[i] = s[i] / 32768f;
        }
        assertArrayEquals(expected, decode(wav(fmt(PCM, 1, RATE, 12), TestWav.int16(s))));
    }

    @Test
    void float32IsPassedThroughUnclipped() {
        float[] s = {0.5f, -0.25f, 1.5f, -1e-30f};
        assertArrayEquals(s, decode(wav(fmt(FLOAT, 1, RATE, 32), TestWav.float32(s))));
    }

    @Test
    void float64IsRoundedToFloat() {
        double[] s = {0.1, -0.7, 1.0 / 3};
        assertArrayEquals(new float[]{0.1f, -0.7f, (float) (1.0 / 3)},
                decode(wav(fmt(FLOAT, 1, RATE, 64), TestWav.float64(s))));
    }

    @Test
    void extensiblePcmAndFloatUseTheSubFormat() {
        assertArrayEquals(new float[]{0.5f, -0.25f},
                decode(wav(fmtExtensible(PCM, 1, RATE, 16, 16), TestWav.int16(16384, -8192))));
        assertArrayEquals(new float[]{0.75f, -0.125f},
                decode(wav(fmtExtensible(FLOAT, 1, RATE, 32, 32), TestWav.float32(0.75f, -0.125f))));
        // 24 valid bits in a 32-bit container are left-justified, so the container scale applies.
        assertArrayEquals(new float[]{0.5f},
                decode(wav(fmtExtensible(PCM, 1, RATE, 32, 24), TestWav.int32(1 << 30))));
    }

    @Test
    void stereoIsTheFloatMeanOfBothChannels() {
        int[] lr = {1000, 3001, -32768, 32767, 7, -8};
        float[] expected = new float[lr.length / 2];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (lr[2 * i] / 32768f + lr[2 * i + 1] / 32768f) / 2f;
        }
        assertArrayEquals(expected, decode(wav(fmt(PCM, 2, RATE, 16), TestWav.int16(lr))));
    }

    @Test
    void oppositeChannelsCancel() {
        int n = 800;
        int[] lr = new int[2 * n];
        for (int i = 0; i < n; i++) {
            int s = (int) Math.round(20000 * Math.sin(2 * Math.PI * 440 * i / RATE));
            lr[2 * i] = s;
            lr[2 * i + 1] = -s;
        }
        for (float x : decode(wav(fmt(PCM, 2, RATE, 16), TestWav.int16(lr)))) {
            assertEquals(0f, x);
        }
    }

    @Test
    void sixChannelsAreAveraged() {
        float[] frame = {0.5f, -0.25f, 0.125f, 1f, 0f, -1f};
        float[] mono = decode(wav(fmt(FLOAT, 6, RATE, 32), TestWav.float32(frame)));
        float sum = 0f;
        for (float x : frame) {
            sum += x;
        }
        assertArrayEquals(new float[]{sum / 6f}, mono);
    }

    @Test
    void unknownAndOddSizedChunksAreSkipped() {
        byte[] list = chunk("LIST", "INFOISFT\u0005\0\0\0Lavf\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] odd = chunk("junk", new byte[]{1, 2, 3}); // three bytes and a pad byte
        byte[] file = riff(odd, chunk("fmt ", fmt(PCM, 1, RATE, 16)), list, odd,
                chunk("data", TestWav.int16(16384, -16384)), chunk("id3 ", new byte[5]));
        assertArrayEquals(new float[]{0.5f, -0.5f}, decode(file));
    }

    @Test
    void oddSizedDataAtTheEndNeedsNoPadByte() {
        byte[] body = {(byte) 255, (byte) 128, 0};
        byte[] file = riff(chunk("fmt ", fmt(PCM, 1, RATE, 8)), chunk("data", body));
        byte[] unpadded = java.util.Arrays.copyOf(file, file.length - 1);
        assertArrayEquals(new float[]{127 / 128f, 0f, -1f}, decode(unpadded));
    }

    @Test
    void wrongRiffSizeIsIgnored() {
        byte[] file = wav(fmt(PCM, 1, RATE, 16), TestWav.int16(16384));
        file[4] = file[5] = file[6] = file[7] = 0;
        assertArrayEquals(new float[]{0.5f}, decode(file));
    }
}
