package io.musicspeech.live;

import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.UserError;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code predictions.csv}: {@code start_s,end_s,label,p_speech,rms}, one row per window, written
 * through at every row so the file is complete up to the last decided window even if the process
 * is killed. p_speech is empty for silent windows (the model did not run).
 */
public final class PredictionsCsv implements WindowProcessor {
    public static final String HEADER = "start_s,end_s,label,p_speech,rms";
    private final Path path;
    private final BufferedWriter out;
    private final TextLine line = new TextLine();

    public PredictionsCsv(Path path) {
        this.path = path;
        try {
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UserError(path + ": cannot write the predictions (" + e.getMessage() + "); set realtime.out to a writable folder", e);
        }
    }

    @Override
    public void process(WindowEvent window) {
        line.clear().fixed(window.startSeconds(), 3).append(',').fixed(window.endSeconds(), 3).append(',')
                .append(window.label().text()).append(',').fixed(window.pSpeech(), 4).append(',').fixed(window.rms(), 5);
        try {
            line.writeTo(out);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UserError(path + ": cannot write the predictions (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UserError(path + ": cannot write the predictions (" + e.getMessage() + ")", e);
        }
    }
}
