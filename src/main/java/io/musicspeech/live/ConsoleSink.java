package io.musicspeech.live;

import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.WindowEvent;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * One console line per window: its time in the stream, its label and a bar of p(speech)
 * ({@code #} up to p, {@code -} after it, {@code |} at the threshold), for example
 * <pre>
 *    12.00 s  speech   0.93 [##############|####--]
 *    12.25 s  silence       (no noise detected, rms 0.0041)
 * </pre>
 */
public final class ConsoleSink implements WindowProcessor {
    static final int BAR = 20;
    private final Writer out;
    private final int thresholdCell;
    private final TextLine line = new TextLine();

    public ConsoleSink(PrintStream console, double threshold) {
        Charset charset = Charset.defaultCharset(); // the lines are ASCII
        this.out = new OutputStreamWriter(console, charset);
        this.thresholdCell = (int) Math.round(threshold * BAR);
    }

    @Override
    public void process(WindowEvent window) {
        format(window, line.clear(), thresholdCell);
        try {
            line.append(System.lineSeparator()).writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line for a window (without line end). */
    static TextLine format(WindowEvent window, TextLine line, int thresholdCell) {
        int mark = line.length();
        line.fixed(window.startSeconds(), 2).padLeft(mark, 8).append(" s  ");
        String label = window.label().text();
        line.append(label).repeat(' ', 9 - label.length());
        if (window.silent()) {
            line.append("      (no noise detected, rms ").fixed(window.rms(), 4).append(')');
            return line;
        }
        line.fixed(window.pSpeech(), 2).append(" [");
        int filled = Math.round(window.pSpeech() * BAR);
        for (int cell = 0; cell < BAR; cell++) {
            if (cell == thresholdCell && cell > 0) {
                line.append('|');
            }
            line.append(cell < filled ? '#' : '-');
        }
        return line.append(']');
    }
}
