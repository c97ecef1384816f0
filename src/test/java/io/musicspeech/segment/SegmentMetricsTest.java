package io.musicspeech.segment;

import io.musicspeech.pipeline.Label;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SegmentMetricsTest {
    private static Segment s(double start, double end, Label label) {
        return new Segment(start, end, label, 1);
    }

    @Test
    void aBoundaryThreeTenthsLateCostsItsFramesButNoEvent() {
        SegmentMetrics m = new SegmentMetrics(0.5);
        m.add("a", List.of(s(0, 10.3, Label.SPEECH), s(10.3, 20, Label.MUSIC)),
                List.of(s(0, 10, Label.SPEECH), s(10, 20, Label.MUSIC)));
        assertEquals(1 - 30 / 2000.0, m.frameAccuracy(), 1e-12);
        assertEquals(1.0, m.eventF1(), 1e-12);
        // speech: tp 1000, fp 30, fn 0; music: tp 970, fp 0, fn 30
        assertEquals((2000.0 / 2030 + 1940.0 / 1970) / 2, m.segmentF1(), 1e-12);
    }

    @Test
    void onsetsBeyondTheCollarDoNotMatchAndFlickerCostsPrecision() {
        SegmentMetrics m = new SegmentMetrics(0.5);
        m.add("a", List.of(s(0, 10.6, Label.SPEECH), s(10.6, 12, Label.MUSIC), s(12, 12.5, Label.SPEECH), s(12.5, 20, Label.MUSIC)),
                List.of(s(0, 10, Label.SPEECH), s(10, 20, Label.MUSIC)));
        // speech: reference onsets {0}, estimated {0, 12}: 1 matched -> P 1/2, R 1, F 2/3.
        // music: reference {10}, estimated {10.6, 12.5}: none within 0.5 s -> F 0.
        assertEquals((2 / 3.0 + 0) / 2, m.eventF1(), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> speech = (Map<String, Object>) ((Map<String, Object>) m.toMap().get("event_f1")).get("speech");
        assertEquals(0.5, (double) speech.get("precision"), 1e-12);
    }

    @Test
    void silenceInTheReferenceIsLeftOutOfFrameAccuracyAndNeighboursOfOneLabelAreOneEvent() {
        SegmentMetrics m = new SegmentMetrics(0.5);
        m.add("a", List.of(s(0, 5, Label.SPEECH), s(5, 10, Label.SPEECH), s(10, 12, Label.MUSIC)),
                List.of(s(0, 4, Label.SPEECH), s(4, 6, Label.SILENCE), s(6, 10, Label.SPEECH), s(10, 12, Label.MUSIC)));
        assertEquals(1.0, m.frameAccuracy(), 1e-12, "the estimate's speech over the reference's silence is not counted");
        // speech: estimated {0} (two neighbours, one event), reference {0, 6}: P 1, R 1/2.
        assertEquals((2 / 3.0 + 1) / 2, m.eventF1(), 1e-12);
    }
}
