package io.musicspeech.pipeline;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CausalSmootherTest {
    @Test
    void disabledIsThePlainThreshold() {
        CausalSmoother raw = new CausalSmoother(0.7, false, 0.5, 0.1);
        assertTrue(raw.update(0.7));
        assertFalse(raw.update(0.69));
        assertTrue(raw.update(0.95));
    }

    @Test
    void hysteresisHoldsTheLabelUntilTheAverageIsClearlyPast() {
        CausalSmoother s = new CausalSmoother(0.7, true, 0.5, 0.1);
        assertFalse(s.update(0.2));          // starts from the raw decision
        assertFalse(s.update(0.9));          // average 0.55: not past 0.8
        assertFalse(s.update(0.9));          // 0.725: past the threshold but not the hysteresis band
        assertTrue(s.update(0.9));           // 0.8125 >= 0.8: switch to speech
        assertTrue(s.update(0.5));           // 0.656: still above 0.6
        assertFalse(s.update(0.3));          // 0.478 < 0.6: back to music
        assertEquals(0.478, s.average(), 1e-3);
    }

    @Test
    void resetStartsAfresh() {
        CausalSmoother s = new CausalSmoother(0.7, true, 0.5, 0.1);
        s.update(0.9);
        s.update(0.9);
        s.reset();
        assertFalse(s.update(0.1));
    }
}
