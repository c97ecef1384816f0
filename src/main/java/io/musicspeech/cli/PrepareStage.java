package io.musicspeech.cli;

import io.musicspeech.data.PrepareSummary;
import io.musicspeech.data.Preparer;

import java.nio.file.Files;
import java.util.Locale;

/** Scans, splits by recording, augments and featurises a labelled dataset (see {@link Preparer}). */
final class PrepareStage implements Stage {
    @Override
    public String name() {
        return "prepare";
    }

    @Override
    public String summary() {
        return "scan preprocess.path, split by recording, augment, write MFCC windows to preprocess.out";
    }

    @Override
    public void run(StageContext context) throws Exception {
        long start = System.nanoTime();
        PrepareSummary summary = new Preparer(context.config(), context.out()).run();
        double seconds = (System.nanoTime() - start) / 1e9;
        context.out().println(summary.table().print());
        if (!summary.skipped().isEmpty()) {
            context.out().println(summary.skipped().size() + " clip(s) skipped:");
            summary.skipped().forEach(s -> context.out().println("  " + s.file() + ": " + s.reason()));
        }
        Files.writeString(context.runDir().resolve("summary.csv"), summary.summaryCsv());
        Files.writeString(context.runDir().resolve("skipped.csv"), summary.skippedCsv());
        context.out().printf(Locale.ROOT, "prepared in %.1f s -> %s%n", seconds, context.config().preprocess().out());
    }
}
