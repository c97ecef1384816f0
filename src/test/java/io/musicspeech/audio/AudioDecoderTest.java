package io.musicspeech.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static io.musicspeech.audio.TestWav.PCM;
import static io.musicspeech.audio.TestWav.fmt;
import static io.musicspeech.audio.TestWav.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade: decode, mix down, resample to the requested rate. */
class AudioDecoderTest {

    @TempDir
    Path dir;

    @Test
    void stereo96kNoiseIsResampledTo22050() {
        Path file = SharedData.require("datasets/noise/short_noise.wav");
        AudioClip native96k = AudioDecoder.decode(file, 96000);
        AudioClip clip = AudioDecoder.decode(file, 22050);
        assertEquals(22050, clip.sampleRate());
        assertEquals(native96k.durationSeconds(), clip.durationSeconds(), 1.0 / 22050);
        assertEquals((int) Math.ceil(native96k.samples().length * 22050.0 / 96000), clip.samples().length);
        double energy = 0;
        for (float x : clip.samples()) {
            assertTrue(Float.isFinite(x));
            energy += x * x;
        }
        assertTrue(energy > 0, "resampled noise is silent");
    }

    @Test
    void wavAt44100IsResampledTo22050() {
        int n = 44100;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int) Math.round(16000 * Math.sin(2 * Math.PI * 1000 * i / 44100.0));
        }
        AudioClip clip = AudioDecoder.decode(TestWav.write(dir, "cd.wav", wav(fmt(PCM, 1, 44100, 16), TestWav.int16(s))), 22050);
        assertEquals(22050, clip.sampleRate());
        assertEquals(22050, clip.samples().length);
        assertEquals(1.0, clip.durationSeconds());
        // Every second output sample is an input sample time: the 1 kHz sine is reproduced there.
        for (int j = 2000; j < 20000; j++) {
            assertEquals(16000 / 32768.0 * Math.sin(2 * Math.PI * 1000 * j / 22050.0), clip.samples()[j], 1e-3);
        }
    }

    @Test
    void targetRateMustBePositive() {
        Path file = TestWav.write(dir, "a.wav", wav(fmt(PCM, 1, 8000, 16), TestWav.int16(1)));
        assertThrows(IllegalArgumentException.class, () -> AudioDecoder.decode(file, 0));
    }

    @Test
    void supportedExtensionsAreTheContainersWeRead() {
        assertTrue(AudioDecoder.SUPPORTED_EXTENSIONS.containsAll(Set.of("wav", "wave", "aif", "aiff", "aifc", "au", "snd",
                "mp3", "flac", "ogg", "opus", "m4a")));
    }
}
