package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.config.BenchConfig;
import io.musicspeech.config.Config;
import io.musicspeech.data.Clip;
import io.musicspeech.data.WindowSet;
import io.musicspeech.data.Windows;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.features.MfccBenchmark;
import io.musicspeech.model.InferenceBenchmark;
import io.musicspeech.model.CnnFactory;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.TemporalClassifier;
import io.musicspeech.model.WindowClassifier;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.VectorSupport;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.model.Trainer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Prints the timings of the hot paths and of a training epoch, and keeps them in the run folder. */
final class BenchStage implements Stage {

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String summary() {
        return "time MFCC and the model per window, batch throughput, and a training epoch (bench.what)";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        BenchConfig bench = config.bench();
        FeatureSpec spec = config.featureSpec();
        List<String> lines = new ArrayList<>();
        if (bench.what().contains("mfcc")) {
            lines.add(MfccBenchmark.run(spec, bench.windows(), bench.warmup()).describe(spec));
            context.out().println(lines.get(lines.size() - 1));
        }
        if (bench.what().contains("inference")) {
            ModelLocator.Choice model = ModelLocator.locate(config.bench().model(), "bench.model", config.models());
            NativeSetup.ensure();
            WindowClassifier classifier = ModelLocator.load(model, config);
            lines.add(model.path() + ": " + InferenceBenchmark.run(classifier,
                    bench.windows(), bench.warmup(), bench.batch()).describe() + " (" + NativeSetup.describe() + "; " + VectorSupport.describe() + ")");
            context.out().println(lines.get(lines.size() - 1));
            if (classifier instanceof TemporalClassifier temporal) {
                // The same encoder under heads over more or fewer windows: a decision's cost should not depend on it.
                for (int n : new int[] {4, 8, 16, 32}) {
                    var m = config.model();
                    var withN = new io.musicspeech.config.ModelConfig(m.convFilters(), m.convKernels(), m.poolSizes(), m.poolStride(),
                            m.l2(), temporal.embeddingSize(), m.dropout(), m.normalise(), n, true, Math.max(1, m.headUnits()),
                            m.headDropout(), 0);
                    var head = Dl4jNetworks.describeVector(CnnFactory.buildHead(withN, temporal.embeddingSize(), 1, 1e-3),
                            n * temporal.embeddingSize(), "embeddings");
                    lines.add("  the same encoder, a head over " + n + " windows: "
                            + InferenceBenchmark.run(temporal.withHead(head, n), bench.windows(), bench.warmup(), bench.batch()).describe());
                    context.out().println(lines.get(lines.size() - 1));
                }
            }
        }
        if (bench.what().contains("train")) {
            lines.add(trainEpoch(config, spec, bench.trainWindows(), context));
            context.out().println(lines.get(lines.size() - 1));
        }
        String model = bench.model() == null ? null : bench.model().toString();
        if (bench.what().contains("segment")) {
            withScratch(bench, lines, context, () -> new SegmentBenchmark(bench.audio(), bench.longHours(), bench.scratch(),
                    context.out()).run(model));
        }
        if (bench.what().contains("spark")) {
            withScratch(bench, lines, context, () -> new SparkBenchmark(bench.audio(), bench.scratch(), bench.sparkRepeats(), context.out()).run(model));
        }
        if (bench.what().contains("serve")) {
            withScratch(bench, lines, context, () -> new ServeBenchmark(bench.audio(), bench.scratch(), bench.serveUploads(),
                    bench.serveStreams(), bench.serveSeconds(), context.out()).run(model));
        }
        Files.write(context.runDir().resolve("bench.txt"), lines, StandardCharsets.UTF_8);
    }

    /** A benchmark of whole child runs: its lines printed and kept; its scratch folder removed afterwards, whatever happens. */
    private static void withScratch(BenchConfig bench, List<String> lines, StageContext context,
                                    java.util.concurrent.Callable<List<String>> benchmark) throws Exception {
        try {
            for (String line : benchmark.call()) {
                lines.add(line);
                context.out().println(line);
            }
        } finally {
            io.musicspeech.data.AtomicFiles.deleteTree(bench.scratch());
        }
    }

    /** One epoch of the configured network over random MFCC-scaled windows, and the process's peak memory. */
    private static String trainEpoch(Config config, FeatureSpec spec, int windows, StageContext context) {
        Random random = new Random(1);
        WindowSet train = new WindowSet(spec.frames(), spec.nMfcc());
        Windows layout = new Windows(spec.windowSamples(), spec.windowSamples());
        int size = spec.featureSize();
        for (int label = 0; label < 2; label++) {
            float[] features = new float[windows / 2 * size];
            for (int i = 0; i < features.length; i++) {
                features[i] = (float) (i % spec.nMfcc() == 0 ? -300 + 50 * random.nextGaussian() : 20 * random.nextGaussian() + label);
            }
            String name = label == 0 ? "music" : "speech";
            train.add(new Clip(Path.of(name), name, name, name), label, "none", features, null, layout, spec.sampleRate());
        }
        var t = config.train();
        var trainConfig = new io.musicspeech.config.TrainConfig(t.learningRate(), 1, t.batchSize(), t.patience(), t.monitor(),
                false, t.engine(), t.seed(), t.threads(), false, false);
        Trainer.Result result = new Trainer(config.model(), trainConfig, spec, config.decision().threshold(), context.out())
                .train(train, new WindowSet(spec.frames(), spec.nMfcc()));
        double encoder = result.history().get(0).seconds();
        // A temporal model's epoch is the encoder's over the windows plus the head's over their embeddings.
        double head = result.headHistory().isEmpty() ? 0 : result.headHistory().get(0).seconds();
        return String.format(Locale.ROOT, "training (model=%s, engine %s, batch %d, %d thread(s)): %.1f s per epoch of %d windows%s; "
                        + "peak resident memory %s",
                context.resolved().group("model"), t.engine(), t.batchSize(), t.effectiveThreads(), encoder + head, train.size(),
                result.headHistory().isEmpty() ? "" : String.format(Locale.ROOT, " (encoder %.1f s, head %.1f s)", encoder, head),
                ProcessUsage.peakResidentBytes() / (1 << 20) + " MB");
    }
}
