package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.TestWindows;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CausalSegmenterTest {
    private static final int WINDOW = 5512;
    private static final double W = WINDOW / 22050.0;

    private static List<Segment> run(Label... labels) {
        List<Segment> out = new ArrayList<>();
        CausalSegmenter segmenter = new CausalSegmenter(1.0, 1.0, 0.5, WINDOW, WINDOW, out::add);
        for (int k = 0; k < labels.length; k++) {
            Label label = labels[k];
            float p = label == Label.SPEECH ? 0.9f : label == Label.MUSIC ? 0.2f : Float.NaN;
            segmenter.process(TestWindows.decided((long) k * WINDOW, label == Label.SILENCE, p, label, 0.1));
        }
        segmenter.finish();
        return out;
    }

    private static Label[] of(Object... runs) {
        List<Label> out = new ArrayList<>();
        for (int i = 0; i < runs.length; i += 2) {
            for (int k = 0; k < (int) runs[i + 1]; k++) {
                out.add((Label) runs[i]);
            }
        }
        return out.toArray(Label[]::new);
    }

    @Test
    void aChangeIsTakenOnceItHasLastedItsMinimumAndDatedBackToWhereItBegan() {
        List<Segment> s = run(of(Label.SPEECH, 10, Label.MUSIC, 10));
        assertEquals(2, s.size());
        assertEquals(Label.SPEECH, s.get(0).label());
        assertEquals(10 * W, s.get(0).endSeconds(), 1e-9);
        assertEquals(Label.MUSIC, s.get(1).label());
        assertEquals(20 * W, s.get(1).endSeconds(), 1e-9);
        assertEquals(0.8, s.get(1).confidence(), 1e-6);
    }

    @Test
    void shortExcursionsAndShortSilencesAreAbsorbed() {
        List<Segment> s = run(of(Label.SPEECH, 10, Label.MUSIC, 3, Label.SPEECH, 5, Label.SILENCE, 2, Label.SPEECH, 5));
        assertEquals(1, s.size());
        assertEquals(Label.SPEECH, s.get(0).label());
        assertEquals((0.9 * 20 + 0.2 * 3) / 23, s.get(0).confidence(), 1e-6, "absorbed windows count in the mean");
        List<Segment> withSilence = run(of(Label.SPEECH, 10, Label.SILENCE, 3, Label.SPEECH, 5));
        assertEquals(List.of(Label.SPEECH, Label.SILENCE, Label.SPEECH), withSilence.stream().map(Segment::label).toList());
        DecoderTiling.assertContiguous(withSilence);
    }

    @Test
    void speechWithShortPausesIsStillTakenAfterMusic() {
        Object[] runs = {Label.MUSIC, 12};
        List<Object> all = new ArrayList<>(List.of(runs));
        for (int i = 0; i < 6; i++) {
            all.addAll(List.of(Label.SPEECH, 3, Label.SILENCE, 1)); // 0.75 s of speech, 0.25 s pauses
        }
        List<Segment> s = run(of(all.toArray()));
        assertEquals(List.of(Label.MUSIC, Label.SPEECH), s.stream().map(Segment::label).toList());
        assertEquals(12 * W, s.get(0).endSeconds(), 1e-9, "the change is dated back to the first speech window");
    }

    /** Contiguity of live segments. */
    static final class DecoderTiling {
        static void assertContiguous(List<Segment> segments) {
            for (int i = 1; i < segments.size(); i++) {
                assertEquals(segments.get(i - 1).endSeconds(), segments.get(i).startSeconds(), 1e-12);
            }
        }
    }
}
