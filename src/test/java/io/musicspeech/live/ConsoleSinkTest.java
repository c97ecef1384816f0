package io.musicspeech.live;

import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.TestWindows;
import io.musicspeech.pipeline.WindowEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleSinkTest {

    private static WindowEvent window(long start, boolean silent, float p, Label label, double rms) {
        return TestWindows.decided(start, silent, p, label, rms);
    }

    @Test
    void oneLinePerWindowWithTimeLabelAndProbabilityBar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleSink sink = new ConsoleSink(new PrintStream(bytes, true), 0.7);
        sink.process(window(264600, false, 0.93f, Label.SPEECH, 0.1));
        sink.process(window(270112, true, Float.NaN, Label.SILENCE, 0.00412));
        sink.process(window(0, false, 0.05f, Label.MUSIC, 0.2));
        String[] lines = bytes.toString().split(System.lineSeparator());
        assertEquals("   12.00 s  speech   0.93 [##############|#####-]", lines[0]);
        assertEquals("   12.25 s  silence        (no noise detected, rms 0.0041)", lines[1]);
        assertEquals("    0.00 s  music    0.05 [#-------------|------]", lines[2]);
        assertEquals(3, lines.length);
    }
}
