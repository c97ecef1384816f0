package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.SegmentConfig;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.pipeline.Pipeline;
import io.musicspeech.segment.ReferenceScoring;
import io.musicspeech.segment.ReferenceSegments;
import io.musicspeech.segment.Segment;
import io.musicspeech.segment.InputScan;
import io.musicspeech.segment.SegmentBatch;
import io.musicspeech.segment.Segmenters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Recordings in, segments out: {@code segment.input} (a file, a folder or a list of paths) through
 * the one chain and the segment decoder, with every output in {@code segment.out}.
 */
final class SegmentStage implements Stage {
    @Override
    public String name() {
        return "segment";
    }

    @Override
    public String summary() {
        return "music/speech/silence segments of segment.input (file, folder or list) in any format; tables and per-file outputs in segment.out";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        SegmentConfig segment = config.segment();
        PrintStream console = context.out();
        if (segment.input() == null) {
            throw new UserError("segment.input is not set: give a file, a folder or a text file listing paths "
                    + "(mvn exec:java -Psegment -Dexec.args=\"segment.input=PATH segment.out=DIR\")");
        }
        Path out = segment.out() != null ? segment.out() : context.runDir();
        InputScan.Scan scan = InputScan.scan(segment.input(), out, "segment.input");
        if (scan.skippedOutput() != null) {
            console.println("note: the output folder " + out + " is inside the input folder; it is not read as input");
        }
        if (!scan.ignored().isEmpty()) {
            console.println("note: " + scan.ignored().size() + " file(s) are not audio by their name and were ignored, e.g. "
                    + String.join(", ", scan.ignored().stream().limit(3).map(p -> segment.input().relativize(p).toString()).toList()));
        }
        scan.problems().forEach(p -> console.println("error: " + p[0] + ": " + p[1]));
        ReferenceSegments reference = segment.reference() == null ? null : ReferenceSegments.read(segment.reference(), "segment.reference");
        SegmentBatch.prepareOutput(out);

        ModelLocator.Choice model = ModelLocator.locate(segment.model(), "segment.model", config.models());
        console.println("model: " + model);
        NativeSetup.ensure();
        // The model is loaded (and checked, with the hop) before any file is read; each worker then loads its own copy.
        Segmenters segmenters = new Segmenters(model, config);
        Pipeline first = segmenters.pipeline();
        first.classifier().lookAhead().ifPresent(ahead -> console.printf(Locale.ROOT,
                "  with its offline head: each window decided with the %d windows (%.2f s) after it%n", ahead,
                ahead * first.spec().windowSeconds()));
        int workers = Math.min(segment.effectiveWorkers(), Math.max(1, scan.inputs().size()));
        SegmentBatch batch = new SegmentBatch(segmenters::create, segmenters.settings(), out, workers, segment.overwrite(),
                segment.plots(), segment.windows(), config.audio().sampleRate(), console);
        console.printf(Locale.ROOT, "segmenting %d input(s) with %d worker(s) into %s%n", scan.inputs().size(), workers, out);
        SegmentBatch.Outcome outcome = batch.run(scan.inputs(), scan.problems());

        console.printf(Locale.ROOT, "%d file(s) segmented, %d already done (skipped), %d error(s): %.2f h of audio in %.1f s "
                        + "(%.0fx real time)%n", outcome.segmented(), outcome.skipped(), outcome.errors().size(),
                outcome.audioSeconds() / 3600, outcome.wallSeconds(),
                outcome.segmented() == 0 ? 0 : outcome.audioSeconds() / Math.max(outcome.wallSeconds(), 1e-9));
        console.println("outputs: " + out.resolve("segments.csv") + ", summary.csv, errors.csv and per file .json, .txt, .TextGrid"
                + (segment.plots() ? ", .png" : ""));
        if (reference != null && !outcome.results().isEmpty()) {
            Map<String, List<Segment>> segments = new LinkedHashMap<>();
            outcome.results().forEach(result -> segments.put(result.file(), result.segments()));
            ReferenceScoring.score(segments, reference, segment.collarSeconds(), out.resolve("segment_metrics.json"), "segment.reference",
                    console);
        }
        if (outcome.results().isEmpty()) {
            throw new UserError("no input could be segmented (" + outcome.errors().size() + " error(s), listed in "
                    + out.resolve("errors.csv") + ")");
        }
    }
}
