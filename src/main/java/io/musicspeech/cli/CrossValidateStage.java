package io.musicspeech.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicspeech.config.Config;
import io.musicspeech.config.PreprocessConfig;
import io.musicspeech.data.AtomicFiles;
import io.musicspeech.data.Clip;
import io.musicspeech.data.DatasetBuilder;
import io.musicspeech.data.DatasetScanner;
import io.musicspeech.data.GroupedFolds;
import io.musicspeech.data.GroupedSplit;
import io.musicspeech.data.Preparer;
import io.musicspeech.data.RecordingGroups;
import io.musicspeech.data.Split;
import io.musicspeech.data.WindowSet;
import io.musicspeech.data.augment.AugmentationChains;
import io.musicspeech.eval.Metrics;
import io.musicspeech.eval.Scoring;
import io.musicspeech.eval.ScoreTable;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.Trainer;
import io.musicspeech.model.WindowClassifier;
import io.musicspeech.model.baseline.Baselines;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grouped k-fold cross-validation of the configured pipeline on preprocess.path: each fold's
 * recordings are the test set once, the rest is split into train and validation by recording,
 * augmented and trained on exactly as prepare and train would. The mean and spread of window
 * accuracy over the folds is the honest estimate for a config; the Tribuo baselines are scored
 * on the same folds.
 */
final class CrossValidateStage implements Stage {
    static final String CNN = "cnn";

    @Override
    public String name() {
        return "crossval";
    }

    @Override
    public String summary() {
        return "grouped k-fold cross-validation of this config (and the baselines) on preprocess.path";
    }

    @Override
    public void run(StageContext context) throws Exception {
        Config config = context.config();
        PreprocessConfig preprocess = config.preprocess();
        FeatureSpec spec = config.featureSpec();
        DatasetScanner scanner = new DatasetScanner(preprocess.labels(), new RecordingGroups(preprocess.groupPattern()));
        DatasetScanner.Result scan = scanner.scan(preprocess.path());
        scanner.requireEveryLabel(scan);
        List<String> sources = scan.clips().stream().filter(c -> !preprocess.trainsOnly(c.file())).map(Clip::source)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
        boolean bySource = config.crossval().bySource();
        if (bySource && sources.size() < 2) {
            throw new io.musicspeech.UserError("crossval.by=source needs clips of at least two sources, found " + sources.size()
                    + " (sources come from a MANIFEST.tsv with a source column in a dataset folder)");
        }
        Integer sourceFolds = config.crossval().sourceFolds();
        List<List<String>> heldOut = bySource ? sourceFolds(scan.clips(), sources, sourceFolds == null ? sources.size() : sourceFolds)
                : List.of();
        int k = bySource ? heldOut.size() : config.crossval().folds();
        List<Integer> only = config.crossval().onlyFolds();
        if (only != null && only.stream().anyMatch(f -> f > k)) {
            throw new io.musicspeech.UserError("crossval.only_folds=" + only + ": this cross-validation has " + k + " folds");
        }
        Map<Clip, Integer> foldOf = bySource ? bySource(scan.clips(), heldOut, preprocess) : byRecording(scan.clips(), k, preprocess);
        DatasetBuilder builder = new DatasetBuilder(spec, Preparer.windows(spec, preprocess.hopSeconds()), Preparer.labels(preprocess),
                config.augment().chains().isEmpty() ? List.of() : AugmentationChains.build(config.augment(), spec.sampleRate()),
                preprocess.seed(), preprocess.effectiveWorkers(), preprocess.strict(), context.out());
        double threshold = config.decision().threshold();
        ScoreTable scores = new ScoreTable();
        for (int fold = 0; fold < k; fold++) {
            if (!config.crossval().runs(fold + 1)) {
                continue;
            }
            Map<Clip, Split> split = splitFor(fold, scan.clips(), foldOf, preprocess);
            DatasetBuilder.Built built = builder.build(scan.clips(), split);
            WindowSet train = built.sets().get(Split.TRAIN);
            WindowSet test = built.sets().get(Split.TEST);
            context.out().printf(Locale.ROOT, "fold %d/%d%s: %d test clips, %d train windows, %d validation, %d test%n", fold + 1, k,
                    bySource ? " (held out: " + String.join(", ", heldOut.get(fold)) + ")" : "",
                    split.values().stream().filter(s -> s == Split.TEST).count(), train.size(),
                    built.sets().get(Split.VALIDATION).size(), test.size());
            Trainer.Result trained = new Trainer(config.model(), config.train(), spec, threshold, context.out())
                    .train(train, built.sets().get(Split.VALIDATION));
            WindowClassifier cnn = trained.bundle(spec, config.model().contextWindows(), trained.threshold(), null).classifier();
            String part = bySource && heldOut.get(fold).size() == 1 ? heldOut.get(fold).get(0) : "fold" + (fold + 1);
            score(scores, part, CNN + " (" + context.resolved().group("model") + ")", cnn, test, config, context);
            if (config.train().tuneThreshold()) {
                // The same network at decision.threshold: what tuning the threshold on validation bought.
                WindowClassifier untuned = trained.bundle(spec, config.model().contextWindows(), threshold, null).classifier();
                score(scores, part, CNN + " at decision.threshold", untuned, test, config, context);
            }
            if (config.crossval().baselines()) {
                for (String baseline : Baselines.NAMES) {
                    score(scores, part, baseline, Baselines.train(baseline, train, spec, config.model().contextWindows(), threshold),
                            test, config, context);
                }
            }
        }
        Path run = context.runDir();
        AtomicFiles.writeString(run.resolve("crossval.csv"), scores.rowsCsv());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("folds", k);
        json.put("by", config.crossval().by());
        if (only != null) {
            json.put("only_folds", only); // the summaries are of these folds alone
        }
        json.put("model", context.resolved().group("model"));
        json.put("augment", context.resolved().group("augment"));
        json.put("summaries", scores.summaries());
        AtomicFiles.writeString(run.resolve("crossval.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
        context.out().println(scores.summaryTable(!bySource ? k + "-fold grouped cross-validation"
                : sourceFolds == null ? "leave-one-source-out cross-validation (" + k + " sources)"
                : "sources held out, " + sources.size() + " sources in " + k + " folds").print());
    }

    private static void score(ScoreTable scores, String part, String model, WindowClassifier classifier, WindowSet test,
                              Config config, StageContext context) {
        Metrics metrics = Scoring.score(classifier, test, config.decision()).metrics();
        scores.add(part, model, metrics);
        context.out().printf(Locale.ROOT, "  %s %-22s window accuracy %.2f %%, clip accuracy %.2f %%%n", part, model,
                100 * metrics.windowAccuracy(), 100 * metrics.clipAccuracy());
        metrics.perFile().stream().filter(f -> f.accuracy() < 0.5).forEach(f -> context.out().printf(Locale.ROOT,
                "    wrong by majority: %s (%s, %.0f %% of %d windows right)%n", f.file(), f.label(), 100 * f.accuracy(), f.windows()));
    }

    /**
     * The sources spread over {@code k} folds (at most one per source), largest first onto the fold
     * with the fewest clips so far, so the folds hold about as many clips each.
     */
    static List<List<String>> sourceFolds(List<Clip> clips, List<String> sources, int k) {
        if (k >= sources.size()) {
            // One source a fold, in the sources' order: leave-one-source-out as it always was.
            return sources.stream().map(List::of).toList();
        }
        Map<String, Long> clipsOf = new LinkedHashMap<>();
        for (String source : sources) {
            clipsOf.put(source, clips.stream().filter(c -> source.equals(c.source())).count());
        }
        int folds = Math.min(k, sources.size());
        List<List<String>> out = new ArrayList<>();
        long[] size = new long[folds];
        for (int f = 0; f < folds; f++) {
            out.add(new ArrayList<>());
        }
        List<String> largestFirst = sources.stream()
                .sorted(Comparator.comparing((String s) -> -clipsOf.get(s)).thenComparing(s -> s)).toList();
        for (String source : largestFirst) {
            int smallest = 0;
            for (int f = 1; f < folds; f++) {
                smallest = size[f] < size[smallest] ? f : smallest;
            }
            out.get(smallest).add(source);
            size[smallest] += clipsOf.get(source);
        }
        out.forEach(Collections::sort);
        return out;
    }

    /** Fold i holds the clips of the sources {@code heldOut[i]}; clips without a source, or of a
     * train_only folder, are in no fold. */
    private static Map<Clip, Integer> bySource(List<Clip> clips, List<List<String>> heldOut, PreprocessConfig preprocess) {
        Map<String, Integer> foldOfSource = new java.util.HashMap<>();
        for (int f = 0; f < heldOut.size(); f++) {
            for (String source : heldOut.get(f)) {
                foldOfSource.put(source, f);
            }
        }
        Map<Clip, Integer> out = new LinkedHashMap<>();
        for (Clip c : clips) {
            boolean inNoFold = c.source() == null || preprocess.trainsOnly(c.file());
            out.put(c, inNoFold ? -1 : foldOfSource.getOrDefault(c.source(), -1));
        }
        return out;
    }

    /** The recordings dealt into k folds; clips of a train_only folder are in no fold (they always train). */
    private static Map<Clip, Integer> byRecording(List<Clip> clips, int k, PreprocessConfig preprocess) {
        Map<Clip, Integer> folds = new GroupedFolds(k, preprocess.seed())
                .assign(clips.stream().filter(c -> !preprocess.trainsOnly(c.file())).toList());
        Map<Clip, Integer> out = new LinkedHashMap<>();
        clips.forEach(c -> out.put(c, folds.getOrDefault(c, -1)));
        return out;
    }

    /** Test: this fold's recordings; the rest split into train and validation by recording (train_only clips train). */
    private static Map<Clip, Split> splitFor(int fold, List<Clip> clips, Map<Clip, Integer> foldOf, PreprocessConfig preprocess) {
        List<Clip> rest = clips.stream().filter(c -> foldOf.get(c) != fold).toList();
        Map<Clip, Split> restSplit = new GroupedSplit(0, preprocess.validationFraction(), preprocess.seed() + fold)
                .assign(rest, c -> preprocess.trainsOnly(c.file()));
        Map<Clip, Split> split = new LinkedHashMap<>();
        for (Clip clip : clips) {
            split.put(clip, foldOf.get(clip) == fold ? Split.TEST : restSplit.get(clip));
        }
        return split;
    }
}
