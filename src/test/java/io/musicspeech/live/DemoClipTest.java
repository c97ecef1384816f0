package io.musicspeech.live;

import io.musicspeech.pipeline.SilenceGate;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccExtractor;
import io.musicspeech.model.ModelLoader;
import io.musicspeech.model.WindowClassifier;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoClipTest {

    @Test
    void speechThenSilenceThenMusicAtTheRequestedRate() {
        VirtualMicrophone.skipUnless(VirtualMicrophone.onPath("espeak-ng"), "espeak-ng is not installed (it speaks the demo clip)");
        DemoClip.Demo demo = DemoClip.synthesise(16000);
        assertEquals(16000, demo.clip().sampleRate());
        float[] x = demo.clip().samples();
        assertTrue(demo.speechSeconds() > 5, "speech lasts " + demo.speechSeconds());
        assertEquals(demo.speechSeconds() + DemoClip.GAP_SECONDS, demo.musicStart(), 1e-3);
        assertEquals(demo.musicStart() + DemoClip.MUSIC_SECONDS, demo.seconds(), 1e-3);
        int gapStart = (int) (demo.speechSeconds() * 16000);
        assertEquals(0, SilenceGate.rms(x, gapStart, (int) (DemoClip.GAP_SECONDS * 16000)), 0, "the gap is silent");
        int musicStart = (int) (demo.musicStart() * 16000);
        for (int second = 0; second < 5; second++) {
            assertTrue(SilenceGate.rms(x, musicStart + second * 16000, 16000) > 0.05, "music is playing in second " + second);
        }
        float peak = 0;
        for (float s : x) {
            peak = Math.max(peak, Math.abs(s));
        }
        assertEquals(0.7f, peak, 1e-6f);
    }

    /** DESIGN.md: the original model calls such speech speech and such music music. */
    @Test
    void theOriginalModelTellsThePartsApart() {
        VirtualMicrophone.skipUnless(VirtualMicrophone.onPath("espeak-ng"), "espeak-ng is not installed (it speaks the demo clip)");
        WindowClassifier model = ModelLoader.load(SharedFiles.seedModel(), FeatureSpec.librosaDefault(), 0.7);
        DemoClip.Demo demo = DemoClip.synthesise(22050);
        MfccExtractor mfcc = new MfccExtractor(FeatureSpec.librosaDefault());
        float[] features = new float[FeatureSpec.librosaDefault().featureSize()];
        float[] x = demo.clip().samples();
        int[] speech = new int[2];
        int[] music = new int[2];
        for (int start = 0; start + 5512 <= x.length; start += 5512) {
            if (SilenceGate.rms(x, start, 5512) < 0.01) {
                continue;
            }
            mfcc.extract(x, start, features);
            boolean isSpeech = model.isSpeech(model.speechProbability(features));
            double from = start / 22050.0;
            double to = (start + 5512) / 22050.0;
            if (to <= demo.speechSeconds()) {
                speech[1]++;
                speech[0] += isSpeech ? 1 : 0;
            } else if (from >= demo.musicStart()) {
                music[1]++;
                music[0] += isSpeech ? 0 : 1;
            }
        }
        System.out.printf(Locale.ROOT, "demo clip, original model: speech %d/%d, music %d/%d windows right%n",
                speech[0], speech[1], music[0], music[1]);
        assertTrue(speech[0] >= 0.9 * speech[1] && speech[1] >= 20, speech[0] + "/" + speech[1]);
        assertTrue(music[0] >= 0.9 * music[1] && music[1] >= 20, music[0] + "/" + music[1]);
    }
}
