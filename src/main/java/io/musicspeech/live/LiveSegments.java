package io.musicspeech.live;

import io.musicspeech.UserError;
import io.musicspeech.config.SegmentConfig;
import io.musicspeech.pipeline.WindowEvent;
import io.musicspeech.pipeline.WindowProcessor;
import io.musicspeech.segment.CausalSegmenter;
import io.musicspeech.segment.Segment;
import io.musicspeech.segment.SegmentsCsv;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * listen's {@code segments.csv}, beside predictions.csv and in the segment stage's layout: the
 * {@link CausalSegmenter}'s segments, each written (and flushed) as soon as it is final, the last
 * one when the stream ends.
 */
public final class LiveSegments implements WindowProcessor {
    private final Path path;
    private final String file;
    private final CSVPrinter out;
    private final CausalSegmenter segmenter;
    /** The segments written, for scoring the stream when it ends (a few a minute). */
    private final List<Segment> written = new ArrayList<>();

    /**
     * Creates {@code path} with its header.
     *
     * @param file what to put in the file column (the input's name, or "microphone")
     */
    public LiveSegments(Path path, String file, SegmentConfig config, int windowSamples, int hopSamples) {
        this.path = path;
        this.file = file;
        this.segmenter = new CausalSegmenter(config, windowSamples, hopSamples, this::write);
        try {
            this.out = new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), SegmentsCsv.FORMAT);
            SegmentsCsv.printHeader(out);
            out.flush();
        } catch (IOException e) {
            throw new UserError(path + ": cannot write the segments (" + e.getMessage() + "); set realtime.out to a writable folder", e);
        }
    }

    @Override
    public void process(WindowEvent window) {
        segmenter.process(window);
    }

    private void write(Segment segment) {
        try {
            SegmentsCsv.print(out, file, segment);
            out.flush();
            written.add(segment);
        } catch (IOException e) {
            throw new UserError(path + ": cannot write the segments (" + e.getMessage() + ")", e);
        }
    }

    /** The segments written so far; after {@link #finish()}, the whole stream's. */
    public List<Segment> segments() {
        return List.copyOf(written);
    }

    @Override
    public void finish() {
        try {
            segmenter.finish();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                throw new UserError(path + ": cannot write the segments (" + e.getMessage() + ")", e);
            }
        }
    }
}
