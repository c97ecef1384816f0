package io.musicspeech.cli;

import io.musicspeech.config.Config;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccBenchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** Prints the per-window timings of the hot path on one thread and keeps them in the run folder. */
final class BenchStage implements Stage {
    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time the per-window work on one thread (MFCC: p50, p99)";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        FeatureSpec spec = config.featureSpec();
        String line = MfccBenchmark.run(spec, config.bench().windows(), config.bench().warmup()).describe(spec);
        context.out().println(line);
        Files.writeString(context.runDir().resolve("bench.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
    }
}
