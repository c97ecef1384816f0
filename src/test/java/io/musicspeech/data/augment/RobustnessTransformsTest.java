package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The transforms for audio the development set does not have: rooms, channels, codecs, levels. */
class RobustnessTransformsTest {

    private static double gainDb(Augmentation a, double hz) {
        float[] in = TestAudio.sine(hz, 2, 0.5);
        float[] out = a.apply(in, SR, new SplittableRandom(1));
        return TestAudio.db(TestAudio.rms(out, SR / 2, out.length) / TestAudio.rms(in, SR / 2, in.length));
    }

    @Test
    void aBandLimitPassesTheBandAndCutsAbove() {
        BandLimit at3400 = new BandLimit(3400, 3400);
        assertEquals(0, gainDb(at3400, 500), 0.5);
        assertEquals(-3.0, gainDb(at3400, 3400), 0.3);
        assertTrue(gainDb(at3400, 6800) <= -23, "24 dB per octave: an octave above the cutoff");
        assertThrows(IllegalArgumentException.class, () -> new BandLimit(12000, 12000).apply(new float[10], SR, new SplittableRandom(1)));
    }

    @Test
    void aCodecKeepsTheNarrowBandAndItsLevelAndRemovesTheRest() {
        Codec telephone = new Codec(List.of(8000));
        assertEquals(0, gainDb(telephone, 440), 0.6, "8-bit mu-law keeps a tone's level");
        assertTrue(gainDb(telephone, 6000) <= -40, "nothing above 4 kHz survives 8 kHz");
        float[] in = TestAudio.sine(440, 1, 0.5);
        assertEquals(in.length, telephone.apply(in, SR, new SplittableRandom(2)).length);
        // mu-law's step follows the level: a quiet tone keeps about the same signal-to-noise ratio as a loud one.
        assertEquals(Codec.muLaw(0.25) / 0.25, Codec.muLaw(0.025) / 0.025, 0.1);
    }

    @Test
    void aRoomSpreadsAClickOverItsReverberationTimeAndKeepsTheLevel() {
        float[] click = new float[SR];
        click[100] = 1;
        float[] wet = new Reverb(0.5, 0.5, 1.0, 1.0).apply(click, SR, new SplittableRandom(3));
        double early = TestAudio.rms(wet, 100, 100 + SR / 20);
        double late = TestAudio.rms(wet, 100 + (int) (0.45 * SR), 100 + (int) (0.5 * SR));
        assertTrue(late > 0 && late < early / 100, "60 dB down by the end of the RT60: early " + early + ", late " + late);
        float[] tone = TestAudio.sine(440, 2, 0.3);
        float[] roomy = new Reverb(0.2, 1.5, 0.2, 0.8).apply(tone, SR, new SplittableRandom(4));
        assertEquals(TestAudio.rms(tone, 0, tone.length), TestAudio.rms(roomy, 0, roomy.length), 1e-4);
    }

    @Test
    void aFasterSpeedRaisesThePitchAndShortensTheClipByTheRate() {
        float[] in = TestAudio.sine(440, 2, 0.5);
        float[] fast = new Speed(1.5, 1.5).apply(in, SR, new SplittableRandom(6));
        assertEquals(in.length / 1.5, fast.length, 1);
        assertEquals(660, TestAudio.dominantFrequency(fast), 6.6);
        float[] slow = new Speed(0.8, 0.8).apply(in, SR, new SplittableRandom(7));
        assertEquals(in.length / 0.8, slow.length, 1);
        assertEquals(352, TestAudio.dominantFrequency(slow), 3.5);
        assertEquals(TestAudio.rms(in, 0, in.length), TestAudio.rms(fast, 0, fast.length), 0.01, "the level is kept");
        assertThrows(IllegalArgumentException.class, () -> new Speed(1.5, 1.2));
        float[] same = new Speed(1.0, 1.0).apply(in, SR, new SplittableRandom(8));
        assertTrue(same != in && java.util.Arrays.equals(same, in), "at rate 1 a copy of the clip, never the clip itself");
    }

    @Test
    void aGainChangesOnlyTheLevel() {
        float[] in = TestAudio.sine(440, 1, 0.3);
        float[] out = new Gain(-6.0206, -6.0206).apply(in, SR, new SplittableRandom(5));
        for (int i = 0; i < in.length; i++) {
            assertEquals(in[i] / 2, out[i], 1e-6);
        }
    }

    @Test
    void musicGoesUnderSpeechAtItsRelativeLevelAndMusicClipsPassUnchanged() {
        float[] speech = TestAudio.sine(300, 2, 0.2);
        float[] bed = TestAudio.sine(1000, 3, 0.5);
        MusicBed under = new MusicBed(-20, -20);
        float[] mixed = under.apply(speech, SR, new SplittableRandom(6), new AugmentationContext("speech", List.of(bed)));
        double added = 0;
        for (int i = 0; i < mixed.length; i++) {
            added += (mixed[i] - speech[i]) * (mixed[i] - speech[i]);
        }
        assertEquals(-20, TestAudio.db(Math.sqrt(added / mixed.length) / TestAudio.rms(speech, 0, speech.length)), 0.1);
        float[] music = TestAudio.sine(440, 1, 0.3);
        float[] same = under.apply(music, SR, new SplittableRandom(7), new AugmentationContext("music", List.of(bed)));
        assertTrue(java.util.Arrays.equals(music, same));
        assertTrue(under.needsMusic() && new Chain("c", List.of(new Probabilistic(under, 0.5))).needsMusic());
    }
}
