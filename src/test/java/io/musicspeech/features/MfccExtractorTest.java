package io.musicspeech.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MfccExtractorTest {

    private static final FeatureSpec SPEC = FeatureSpec.librosaDefault();

    private static float[] audio(int length, long seed) {
        return MfccBenchmark.syntheticAudio(SPEC.sampleRate(), length, seed);
    }

    @Test
    void twoCallsOnTheSameInputGiveIdenticalOutput() {
        MfccExtractor extractor = new MfccExtractor(SPEC);
        float[] y = audio(SPEC.windowSamples(), 1);
        float[] first = new float[SPEC.featureSize()];
        float[] second = new float[SPEC.featureSize()];
        extractor.extract(y, 0, first);
        extractor.extract(audio(SPEC.windowSamples(), 2), 0, second); // other data in between
        extractor.extract(y, 0, second);
        assertArrayEquals(first, second);
    }

    @Test
    void extractingAtAnOffsetEqualsExtractingACopy() {
        // The neighbours of the window are non-zero: they must not leak in (librosa zero-pads).
        int offset = 3 * SPEC.windowSamples() + 17;
        float[] big = audio(offset + 2 * SPEC.windowSamples(), 3);
        float[] copy = Arrays.copyOfRange(big, offset, offset + SPEC.windowSamples());
        MfccExtractor extractor = new MfccExtractor(SPEC);
        float[] fromBig = new float[SPEC.featureSize()];
        float[] fromCopy = new float[SPEC.featureSize()];
        extractor.extract(big, offset, fromBig);
        extractor.extract(copy, 0, fromCopy);
        assertArrayEquals(fromCopy, fromBig);
    }

    @Test
    void silenceGivesTheFloorInCoefficientZeroOnly() {
        float[] out = new float[SPEC.featureSize()];
        new MfccExtractor(SPEC).extract(new float[SPEC.windowSamples()], 0, out);
        for (int t = 0; t < SPEC.frames(); t++) {
            // every cell is -100 dB; the orthonormal DCT of a constant is -100 * sqrt(n_mels) in c0
            assertEquals(-100 * Math.sqrt(SPEC.nMels()), out[t * SPEC.nMfcc()], 1e-3);
            for (int c = 1; c < SPEC.nMfcc(); c++) {
                assertEquals(0.0, out[t * SPEC.nMfcc() + c], 1e-3);
            }
        }
    }

    @Test
    void dbMatrixIsClippedAtTopDbBelowTheWindowMaximum() {
        MfccExtractor extractor = new MfccExtractor(SPEC);
        float[] y = new float[SPEC.windowSamples()];
        y[SPEC.windowSamples() / 2] = 1; // one click: huge dynamic range across the window
        double[] db = new double[SPEC.nMels() * SPEC.frames()];
        extractor.logMelDb(y, 0, db);
        double max = Arrays.stream(db).max().orElseThrow();
        double min = Arrays.stream(db).min().orElseThrow();
        assertEquals(max - SPEC.topDb(), min, 1e-9);
        double[] mel = new double[db.length];
        extractor.melPower(y, 0, mel);
        for (int i = 0; i < db.length; i++) {
            assertEquals(Math.max(10 * Math.log10(Math.max(1e-10, mel[i])), max - SPEC.topDb()), db[i], 1e-9);
        }
    }

    @Test
    void extractDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM cannot count allocated bytes per thread");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off");
        MfccExtractor extractor = new MfccExtractor(SPEC);
        float[] y = audio(SPEC.windowSamples(), 4);
        float[] out = new float[SPEC.featureSize()];
        extractor.extract(y, 0, out);
        long id = Thread.currentThread().getId();
        int calls = 1000;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            extractor.extract(y, 0, out);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // a single allocation per call would be >= 16 bytes each; allow for the probe itself
        assertTrue(allocated < calls, "extract allocated " + allocated + " bytes in " + calls + " calls");
    }

    @Test
    void rejectsWindowsThatDoNotFitAndShortOutputs() {
        MfccExtractor extractor = new MfccExtractor(SPEC);
        float[] y = new float[SPEC.windowSamples()];
        float[] out = new float[SPEC.featureSize()];
        assertThrows(IndexOutOfBoundsException.class, () -> extractor.extract(y, 1, out));
        assertThrows(IndexOutOfBoundsException.class, () -> extractor.extract(y, -1, out));
        assertThrows(IllegalArgumentException.class, () -> extractor.extract(y, 0, new float[10]));
    }

    @Test
    void rejectsSpecsLibrosaCouldNotHaveUsed() {
        assertInvalid(new FeatureSpec(22050, 5512, 13, 2000, 512, 128, 0, 11025, 80), "nFft");
        assertInvalid(new FeatureSpec(22050, 0, 13, 2048, 512, 128, 0, 11025, 80), "windowSamples");
        assertInvalid(new FeatureSpec(22050, 5512, 13, 2048, 0, 128, 0, 11025, 80), "hopLength");
        assertInvalid(new FeatureSpec(22050, 5512, 129, 2048, 512, 128, 0, 11025, 80), "nMfcc");
        assertInvalid(new FeatureSpec(22050, 5512, 13, 2048, 512, 128, 0, 12000, 80), "fmax");
        assertInvalid(new FeatureSpec(22050, 5512, 13, 2048, 512, 128, 8000, 4000, 80), "fmin");
        assertInvalid(new FeatureSpec(22050, 5512, 13, 2048, 512, 128, 0, 11025, -1), "topDb");
        assertInvalid(new FeatureSpec(0, 5512, 13, 2048, 512, 128, 0, 0, 80), "sampleRate");
    }

    private static void assertInvalid(FeatureSpec spec, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MfccExtractor(spec));
        assertTrue(e.getMessage().contains(field), "message should name " + field + ": " + e.getMessage());
    }

    @Test
    void otherSpecsWork() {
        // A shorter window, fewer mels and a band-limited range: frames and layout follow the spec.
        FeatureSpec spec = new FeatureSpec(16000, 4000, 20, 1024, 256, 40, 50, 7600, 60);
        float[] out = new float[spec.featureSize()];
        new MfccExtractor(spec).extract(MfccBenchmark.syntheticAudio(16000, 4000, 5), 0, out);
        assertEquals(16 * 20, out.length);
        for (float v : out) {
            assertTrue(Float.isFinite(v));
        }
    }
}
