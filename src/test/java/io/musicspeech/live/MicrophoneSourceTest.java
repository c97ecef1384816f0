package io.musicspeech.live;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;

import javax.sound.sampled.AudioFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicrophoneSourceTest {

    private static byte[] pcm16(short[] samples, int channels, boolean bigEndian) {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2 * channels).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            for (int c = 0; c < channels; c++) {
                b.putShort(s);
            }
        }
        return b.array();
    }

    @Test
    void sixteenBitMonoAtTheConfiguredRateIsReadAsIs() throws Exception {
        short[] s = {0, 1, -1, 16384, -32768, 32767, 1000, -1000};
        FakeLine fake = new FakeLine(pcm16(s, 1, false), len -> 0);
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(22050, 16, 1, true, false)), 22050);
        mic.start();
        assertTrue(fake.started);
        assertEquals(new AudioFormat(22050, 16, 1, true, false).toString(), fake.opened.toString());
        float[] out = new float[s.length];
        assertEquals(s.length, mic.read(out, 0, s.length));
        for (int i = 0; i < s.length; i++) {
            assertEquals(s[i] / 32768f, out[i], 0f);
        }
        assertTrue(mic.describe().contains("16-bit mono 22050 Hz"), mic.describe());
    }

    @Test
    void aDeviceThatOnlyRecordsStereoAt44100IsConvertedToMonoAt22050() throws Exception {
        int frames = 44100;
        short[] tone = new short[frames];
        for (int i = 0; i < frames; i++) {
            tone[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
        }
        FakeLine fake = new FakeLine(pcm16(tone, 2, true), len -> 0);
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(44100, 16, 2, true, true)), 22050);
        mic.start();
        assertEquals(44100f, fake.opened.getSampleRate());
        float[] out = new float[11025];
        assertEquals(out.length, mic.read(out, 0, out.length));
        // A 1 kHz tone at 22050 Hz: compare with the ideal after the resampler's start-up.
        double error = 0;
        double peak = 0;
        for (int j = 500; j < out.length; j++) {
            double ideal = 16000 / 32768.0 * Math.sin(2 * Math.PI * 1000 * j / 22050.0);
            error = Math.max(error, Math.abs(out[j] - ideal));
            peak = Math.max(peak, Math.abs(out[j]));
        }
        assertEquals(16000 / 32768.0, peak, 0.01);
        assertTrue(error < 0.01, "max deviation from the ideal tone " + error);
        assertTrue(mic.describe().contains("converted to mono 22050 Hz"), mic.describe());
    }

    @Test
    void aReadOfZeroBytesMeansTheDeviceIsGone() throws Exception {
        FakeLine fake = new FakeLine(pcm16(new short[100], 1, false), len -> 0);
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(22050, 16, 1, true, false)), 22050);
        mic.start();
        float[] out = new float[100];
        assertEquals(100, mic.read(out, 0, 100));
        SourceLost lost = assertThrows(SourceLost.class, () -> mic.read(out, 0, 100));
        assertTrue(lost.getMessage().contains("stopped delivering audio"), lost.getMessage());
    }

    @Test
    void anExceptionFromTheLineMeansTheDeviceIsGone() throws Exception {
        FakeLine fake = new FakeLine(new byte[0], len -> {
            throw new IllegalStateException("device removed");
        });
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(22050, 16, 1, true, false)), 22050);
        mic.start();
        SourceLost lost = assertThrows(SourceLost.class, () -> mic.read(new float[10], 0, 10));
        assertTrue(lost.getMessage().contains("device removed"), lost.getMessage());
    }

    @Test
    void afterStopAShortReadIsTheEndNotALoss() throws Exception {
        FakeLine fake = new FakeLine(pcm16(new short[10], 1, false), len -> 0);
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(22050, 16, 1, true, false)), 22050);
        mic.start();
        mic.stop();
        assertEquals(0, mic.read(new float[10], 0, 10));
        mic.close();
        assertTrue(fake.closed);
    }

    @Test
    void aDeviceWithNoUsableFormatIsAUserError() {
        FakeLine fake = new FakeLine(new byte[0], len -> 0);
        MicrophoneSource mic = new MicrophoneSource(fake.provider(new AudioFormat(44100, 24, 2, true, false)), 22050);
        UserError e = assertThrows(UserError.class, mic::start);
        assertTrue(e.getMessage().contains("offers no 16-bit PCM format"), e.getMessage());
    }
}
