package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SegmentDecoderTest {
    private static final int WINDOW = 5512;
    private static final int RATE = 22050;
    private static final double W = WINDOW / (double) RATE;

    /** Switch penalty 8, threshold 0.5, temperature 1, min speech/music 1 s, bridged gaps up to 0.5 s. */
    private static final SegmentDecoder DECODER = new SegmentDecoder(8, 1, 0.5, 1.0, 1.0, 0.5);

    /** Windows with p(speech); NaN makes a silent window. */
    private static Posteriors posteriors(double... p) {
        Posteriors out = new Posteriors();
        for (double v : p) {
            out.add((float) v, Double.isNaN(v) ? 0f : 0.1f, Double.isNaN(v));
        }
        return out;
    }

    private static double[] repeat(double p, int n) {
        double[] out = new double[n];
        java.util.Arrays.fill(out, p);
        return out;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static List<Segment> decode(SegmentDecoder decoder, double[] p, double extraSeconds) {
        Posteriors posteriors = posteriors(p);
        WindowTiming timing = new WindowTiming(WINDOW, WINDOW, RATE, p.length, p.length * W + extraSeconds);
        List<Segment> segments = decoder.decode(posteriors, timing);
        assertTiles(segments, timing.durationSeconds());
        return segments;
    }

    static void assertTiles(List<Segment> segments, double duration) {
        assertEquals(0, segments.get(0).startSeconds(), 1e-12);
        assertEquals(duration, segments.get(segments.size() - 1).endSeconds(), 1e-9);
        for (int i = 1; i < segments.size(); i++) {
            assertEquals(segments.get(i - 1).endSeconds(), segments.get(i).startSeconds(), 0, "gap or overlap at " + i);
            assertNotEquals(segments.get(i - 1).label(), segments.get(i).label(), "neighbours must differ at " + i);
        }
    }

    @Test
    void aSteadyClassIsOneSegmentToTheEndOfTheFileWithItsMeanProbability() {
        List<Segment> s = decode(DECODER, repeat(0.9, 40), 0.1);
        assertEquals(1, s.size());
        assertEquals(Label.SPEECH, s.get(0).label());
        assertEquals(0.9, s.get(0).confidence(), 1e-6);
        assertEquals(40 * W + 0.1, s.get(0).endSeconds(), 1e-9, "the partial tail belongs to the last segment");
    }

    @Test
    void aSingleWindowThatDisagreesDoesNotSplitASegment() {
        List<Segment> s = decode(DECODER, concat(repeat(0.95, 20), repeat(0.05, 1), repeat(0.95, 20)), 0);
        assertEquals(1, s.size());
        assertEquals(Label.SPEECH, s.get(0).label());
    }

    @Test
    void aRealChangeIsFoundAtTheWindowWhereItHappens() {
        List<Segment> s = decode(DECODER, concat(repeat(0.95, 40), repeat(0.05, 40)), 0);
        assertEquals(List.of(Label.SPEECH, Label.MUSIC), s.stream().map(Segment::label).toList());
        assertEquals(40 * W, s.get(0).endSeconds(), 1e-9);
        assertEquals(0.95, s.get(1).confidence(), 1e-6, "music confidence is 1 - p(speech)");
    }

    @Test
    void shortSilencesAreBridgedAndLongOnesAreSegments() {
        List<Segment> bridged = decode(DECODER, concat(repeat(0.9, 20), repeat(Double.NaN, 2), repeat(0.9, 20)), 0);
        assertEquals(1, bridged.size(), "0.5 s of silence is bridged");
        List<Segment> split = decode(DECODER, concat(repeat(0.9, 20), repeat(Double.NaN, 3), repeat(0.9, 20)), 0);
        assertEquals(List.of(Label.SPEECH, Label.SILENCE, Label.SPEECH), split.stream().map(Segment::label).toList());
        assertEquals(20 * W, split.get(1).startSeconds(), 1e-9);
        assertEquals(23 * W, split.get(1).endSeconds(), 1e-9);
        assertEquals(1, split.get(1).confidence());
        List<Segment> allSilent = decode(DECODER, repeat(Double.NaN, 2), 0);
        assertEquals(List.of(Label.SILENCE), allSilent.stream().map(Segment::label).toList(), "a silent file is silence");
    }

    @Test
    void segmentsShorterThanTheirMinimumAreMergedIntoTheirNeighbours() {
        SegmentDecoder free = new SegmentDecoder(0, 1, 0.5, 1.0, 1.0, 0.5);
        double[] p = concat(repeat(0.99, 20), repeat(0.01, 3), repeat(0.99, 20), repeat(0.01, 8));
        List<Segment> s = decode(free, p, 0);
        assertEquals(List.of(Label.SPEECH, Label.MUSIC), s.stream().map(Segment::label).toList(),
                "0.75 s of music merges into the speech around it; 2 s of music stays");
        assertEquals(43 * W, s.get(0).endSeconds(), 1e-9);
        SegmentDecoder noMinimum = new SegmentDecoder(0, 1, 0.5, 0, 0, 0.5);
        assertEquals(4, decode(noMinimum, p, 0).size());
    }

    @Test
    void theModelsThresholdIsTheEvenPoint() {
        SegmentDecoder at07 = new SegmentDecoder(8, 1, 0.7, 1.0, 1.0, 0.5);
        assertEquals(Label.MUSIC, decode(at07, repeat(0.65, 20), 0).get(0).label());
        assertEquals(Label.SPEECH, decode(at07, repeat(0.75, 20), 0).get(0).label());
    }

    @Test
    void overlappingWindowsTileTheFileToo() {
        int hop = WINDOW / 4;
        double[] p = concat(repeat(0.95, 60), repeat(0.05, 60));
        WindowTiming timing = new WindowTiming(WINDOW, hop, RATE, p.length, ((p.length - 1) * hop + WINDOW) / (double) RATE);
        List<Segment> s = DECODER.decode(posteriors(p), timing);
        assertTiles(s, timing.durationSeconds());
        assertEquals(2, s.size());
        // Window 60 is the first music window; its stretch starts halfway between its centre and window 59's.
        assertEquals((60 * hop + (WINDOW - hop) / 2.0) / RATE, s.get(0).endSeconds(), 1e-9);
    }

    @Test
    void randomPosteriorsAlwaysGiveATiling() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            double[] p = new double[1 + random.nextInt(300)];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble() < 0.1 ? Double.NaN : random.nextDouble();
            }
            SegmentDecoder decoder = new SegmentDecoder(random.nextDouble() * 10, 1, 0.5, random.nextDouble() * 3,
                    random.nextDouble() * 3, random.nextDouble());
            List<Segment> s = decode(decoder, p, random.nextDouble() * W);
            assertTrue(s.stream().allMatch(x -> x.confidence() >= 0 && x.confidence() <= 1));
        }
    }
}
