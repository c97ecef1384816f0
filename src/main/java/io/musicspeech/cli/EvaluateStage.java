package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.EvaluateConfig;
import io.musicspeech.data.Clip;
import io.musicspeech.data.DatasetBuilder;
import io.musicspeech.data.DatasetScanner;
import io.musicspeech.data.Preparer;
import io.musicspeech.data.ProcessedData;
import io.musicspeech.data.RecordingGroups;
import io.musicspeech.data.Split;
import io.musicspeech.data.WindowSet;
import io.musicspeech.eval.EvaluationReport;
import io.musicspeech.eval.Metrics;
import io.musicspeech.eval.Scoring;
import io.musicspeech.eval.WindowPredictions;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.WindowClassifier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scores a model (a bundle, the original Keras file, or by default the shipped model) on a
 * folder of labelled audio or on the last prepare's test split, and writes metrics.json, a
 * report and figures.
 */
final class EvaluateStage implements Stage {
    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "score evaluate.model (default: the shipped model) on evaluate.data (default: the test split)";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        EvaluateConfig evaluate = config.evaluate();
        ModelLocator.Choice model = ModelLocator.locate(evaluate.model(), "evaluate.model", config.models());
        context.out().println("model: " + model);
        WindowClassifier classifier = ModelLocator.load(model, config);
        String dataDescription;
        WindowSet windows;
        if (evaluate.data() == null) {
            ProcessedData data = ProcessedData.open(config.preprocess().out());
            data.requireSpec(classifier.featureSpec(), "the model");
            windows = data.read(Split.TEST);
            dataDescription = data.dir() + " (test split of the last prepare)";
        } else {
            windows = featurise(evaluate.data(), config, classifier, context);
            dataDescription = evaluate.data().toString();
        }
        if (windows.size() == 0) {
            throw new UserError(dataDescription + ": no windows to evaluate");
        }
        Scoring.Scored scored = Scoring.score(classifier, windows, config.decision());
        WindowPredictions predictions = scored.predictions();
        Metrics metrics = scored.metrics();
        Path out = evaluate.out() != null ? evaluate.out() : context.runDir();
        Map<String, Object> about = new LinkedHashMap<>();
        about.put("model", model.path().toString());
        about.put("data", dataDescription);
        about.put("window_seconds", classifier.featureSpec().windowSeconds());
        EvaluationReport.write(out, metrics, predictions, about);
        context.out().printf(Locale.ROOT, "%d windows of %d files: window accuracy %.2f %% (music %.2f %%, speech %.2f %%), "
                        + "clip accuracy %.2f %%, smoothed %.2f %%, ROC AUC %.4f%n",
                metrics.windows(), metrics.files(), 100 * metrics.windowAccuracy(), 100 * metrics.musicRecall(),
                100 * metrics.speechRecall(), 100 * metrics.clipAccuracy(), 100 * metrics.smoothedWindowAccuracy(), metrics.rocAuc());
        context.out().println("report: " + out.resolve("report.md"));
    }

    /** Decodes and featurises a labelled folder exactly as prepare does, without augmentation. */
    private static WindowSet featurise(Path folder, Config config, WindowClassifier classifier, StageContext context)
            throws InterruptedException {
        DatasetScanner scanner = new DatasetScanner(config.preprocess().labels(), new RecordingGroups(config.preprocess().groupPattern()));
        DatasetScanner.Result scan = scanner.scan(folder);
        if (scan.clips().isEmpty()) {
            throw new UserError(folder + ": no audio files in its label folders ("
                    + String.join(", ", config.preprocess().labels().keySet()) + ")");
        }
        Map<Clip, Split> allTest = scan.clips().stream()
                .collect(Collectors.toMap(Function.identity(), c -> Split.TEST, (a, b) -> a, LinkedHashMap::new));
        DatasetBuilder builder = new DatasetBuilder(classifier.featureSpec(),
                Preparer.windows(classifier.featureSpec(), config.evaluate().hopSeconds()), Preparer.labels(config.preprocess()), List.of(),
                config.preprocess().seed(), config.preprocess().effectiveWorkers(), false, context.out());
        DatasetBuilder.Built built = builder.build(scan.clips(), allTest);
        built.summary().skipped().forEach(s -> context.out().println("skipped " + s.file() + ": " + s.reason()));
        return built.sets().get(Split.TEST);
    }
}
