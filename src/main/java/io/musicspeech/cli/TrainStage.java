package io.musicspeech.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.config.Config;
import io.musicspeech.data.ProcessedData;
import io.musicspeech.data.Split;
import io.musicspeech.data.WindowSet;
import io.musicspeech.eval.EvaluationReport;
import io.musicspeech.eval.Metrics;
import io.musicspeech.eval.Scoring;
import io.musicspeech.eval.ScoreTable;
import io.musicspeech.data.AtomicFiles;
import io.musicspeech.model.WindowClassifier;
import io.musicspeech.model.baseline.Baselines;
import io.musicspeech.eval.TrainingCurves;
import io.musicspeech.eval.WindowPredictions;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.EpochStats;
import io.musicspeech.model.ModelBundle;
import io.musicspeech.model.Provenance;
import io.musicspeech.model.Trainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the configured network on the last prepare's windows, writes the history and curves,
 * evaluates the best epoch on the test split, and saves the model bundle in the run folder
 * (and to {@code models.shipped} with {@code train.export=true}).
 */
final class TrainStage implements Stage {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train the configured CNN on preprocess.out; bundle in the run folder (train.export=true: also models/)";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        FeatureSpec spec = config.featureSpec();
        ProcessedData data = ProcessedData.open(config.preprocess().out());
        data.requireSpec(spec, "the configuration");
        WindowSet train = data.read(Split.TRAIN);
        WindowSet validation = data.read(Split.VALIDATION);
        WindowSet test = data.read(Split.TEST);
        context.out().printf(Locale.ROOT, "train: %d windows, validation %d, test %d (%s, model=%s)%n", train.size(),
                validation.size(), test.size(), data.dir(), context.resolved().group("model"));

        Trainer.Result result = new Trainer(config.model(), config.train(), spec, config.decision().threshold(), context.out())
                .train(train, validation);
        Path run = context.runDir();
        TrainingCurves.write(result.history(), run);

        ObjectNode metrics = new ObjectMapper().createObjectNode();
        EpochStats best = result.history().get(result.bestEpoch() - 1);
        metrics.put("best_epoch", result.bestEpoch());
        metrics.put("epochs_run", result.history().size());
        metrics.put("validation_loss", best.validationLoss());
        metrics.put("validation_accuracy", best.validationAccuracy());
        metrics.put("threshold", result.threshold());
        if (!result.headHistory().isEmpty()) {
            EpochStats head = result.headHistory().get(result.bestHeadEpoch() - 1);
            metrics.put("head_best_epoch", result.bestHeadEpoch());
            metrics.put("head_validation_accuracy", head.validationAccuracy());
            TrainingCurves.writeHead(result.headHistory(), run);
        }
        ModelBundle bundle = result.bundle(spec, config.model().contextWindows(), result.threshold(),
                Provenance.of(context.resolved(), data, metrics));
        if (test.size() > 0) {
            ScoreTable comparison = new ScoreTable();
            Metrics testMetrics = scoreOnTest("cnn (" + context.resolved().group("model") + ")", bundle.classifier(), test,
                    run.resolve("test"), data, config, comparison);
            metrics.put("test_window_accuracy", testMetrics.windowAccuracy());
            metrics.put("test_clip_accuracy", testMetrics.clipAccuracy());
            if (config.train().baselines()) {
                for (String baseline : Baselines.NAMES) {
                    scoreOnTest(baseline, Baselines.train(baseline, train, spec, config.model().contextWindows(), config.decision().threshold()), test,
                            run.resolve("test-" + baseline), data, config, comparison);
                }
            }
            AtomicFiles.writeString(run.resolve("comparison.csv"), comparison.rowsCsv());
            context.out().println(comparison.summaryTable("test split (" + test.size() + " windows)").print());
            bundle = result.bundle(spec, config.model().contextWindows(), result.threshold(),
                    Provenance.of(context.resolved(), data, metrics));
        }
        Path saved = run.resolve("model.zip");
        bundle.save(saved);
        context.out().println("model bundle: " + saved);
        if (config.train().export()) {
            export(saved, config.models().shipped(), context);
        }
    }

    private static Metrics scoreOnTest(String name, WindowClassifier classifier, WindowSet test, Path out, ProcessedData data,
                                       Config config, ScoreTable comparison) throws java.io.IOException {
        Scoring.Scored scored = Scoring.score(classifier, test, config.decision());
        WindowPredictions predictions = scored.predictions();
        Metrics metrics = scored.metrics();
        EvaluationReport.write(out, metrics, predictions, Map.of("model", name, "data", data.dir() + " (test split)"));
        comparison.add("test", name, metrics);
        return metrics;
    }

    /** Copies the bundle to the shipped location, keeping the bundle it replaces as *.previous.zip. */
    private static void export(Path bundle, Path target, StageContext context) throws java.io.IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.exists(target)) {
            String name = target.getFileName().toString().replaceFirst("\\.zip$", "");
            Path previous = target.resolveSibling(name + ".previous.zip");
            Files.move(target, previous, StandardCopyOption.REPLACE_EXISTING);
            context.out().println("kept the previous model as " + previous);
        }
        Files.copy(bundle, target);
        context.out().println("exported to " + target);
    }
}
