package io.musicspeech.audio;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingResamplerTest {

    /** Fed in pieces of random sizes, the stream resamples exactly as the whole signal would be. */
    @Test
    void piecewiseEqualsWholeSignalResampling() {
        for (int inRate : new int[] {48000, 44100, 16000, 8000, 96000}) {
            Random random = new Random(inRate);
            float[] x = new float[inRate * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / inRate) + 0.1 * random.nextGaussian());
            }
            float[] whole = new Resampler(inRate, 22050).resample(x);
            StreamingResampler stream = new StreamingResampler(inRate, 22050);
            float[] got = new float[whole.length];
            int produced = 0;
            for (int at = 0; at < x.length; ) {
                int n = Math.min(x.length - at, 1 + random.nextInt(3000));
                stream.write(x, at, n);
                at += n;
                produced += stream.read(got, produced, got.length - produced);
            }
            assertTrue(produced > whole.length - 22050 / 5, inRate + ": only the look-ahead is held back, got " + produced);
            for (int j = 0; j < produced; j++) {
                assertEquals(whole[j], got[j], 1e-6f, inRate + " Hz, output " + j);
            }
        }
    }
}
