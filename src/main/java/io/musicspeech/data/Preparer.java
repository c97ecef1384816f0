package io.musicspeech.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicspeech.UserError;
import io.musicspeech.config.Config;
import io.musicspeech.config.PreprocessConfig;
import io.musicspeech.data.augment.AugmentationChains;
import io.musicspeech.data.augment.Chain;
import io.musicspeech.features.FeatureSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The prepare stage: scan the labelled folders, split by recording, build the windows
 * ({@link DatasetBuilder}) and write the processed sets. The same config and data give
 * byte-identical output. Nothing below the input folder is ever written.
 */
public final class Preparer {
    private final Config config;
    private final PrintStream log;

    public Preparer(Config config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    public PrepareSummary run() throws IOException, InterruptedException {
        PreprocessConfig preprocess = config.preprocess();
        FeatureSpec spec = config.featureSpec();
        preprocess.path().forEach(in -> requireOutsideInput(in, preprocess.out()));

        DatasetScanner scanner = new DatasetScanner(preprocess.labels(), new RecordingGroups(preprocess.groupPattern()));
        DatasetScanner.Result scan = scanner.scan(preprocess.path());
        scanner.requireEveryLabel(scan);
        List<String> labels = labels(preprocess);
        log.printf(Locale.ROOT, "scan: %d clips in %s (%s), %d other files ignored%n", scan.clips().size(),
                String.join(", ", preprocess.path().stream().map(Path::toString).toList()),
                String.join(", ", labels.stream().map(l -> scan.count(l) + " " + l).toList()), scan.ignored().size());

        Map<Clip, Split> split = new GroupedSplit(preprocess.testFraction(), preprocess.validationFraction(), preprocess.seed())
                .assign(scan.clips(), c -> preprocess.trainsOnly(c.file()));
        List<Chain> chains = split.containsValue(Split.TRAIN) && !config.augment().chains().isEmpty()
                ? AugmentationChains.build(config.augment(), spec.sampleRate())
                : List.of();
        Windows windows = windows(spec, preprocess.hopSeconds());
        DatasetBuilder.Built built = new DatasetBuilder(spec, windows, labels, chains, preprocess.seed(),
                preprocess.effectiveWorkers(), preprocess.strict(), log).build(scan.clips(), split);

        Path out = preprocess.out();
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("split.csv"), splitCsv(split));
        for (Map.Entry<Split, WindowSet> set : built.sets().entrySet()) {
            set.getValue().write(out, set.getKey());
        }
        AtomicFiles.writeString(out.resolve("summary.csv"), built.summary().summaryCsv());
        AtomicFiles.writeString(out.resolve("skipped.csv"), built.summary().skippedCsv());
        AtomicFiles.writeString(out.resolve("dataset.json"), datasetJson(spec, labels, windows.hop(), chains, built.sets()));
        return built.summary();
    }

    /** Class names in class-index order: the distinct labels of the folder map, sorted (music 0, speech 1). */
    public static List<String> labels(PreprocessConfig preprocess) {
        return preprocess.labels().values().stream().distinct().sorted().toList();
    }

    /** Windows of the feature spec's length every {@code hopSeconds} (null: the window length, no overlap). */
    public static Windows windows(FeatureSpec spec, Double hopSeconds) {
        int hop = hopSeconds == null ? spec.windowSamples() : (int) Math.round(hopSeconds * spec.sampleRate());
        return new Windows(spec.windowSamples(), hop);
    }

    private static void requireOutsideInput(Path in, Path out) {
        Path input = in.toAbsolutePath().normalize();
        Path output = out.toAbsolutePath().normalize();
        if (output.startsWith(input)) {
            throw new UserError("preprocess.out (" + out + ") is inside preprocess.path (" + in
                    + "): prepare never writes into the input folder; choose another output folder");
        }
    }

    private static String splitCsv(Map<Clip, Split> split) {
        StringBuilder csv = new StringBuilder(Csv.line("file", "label", "group", "split", "source"));
        split.forEach((clip, side) -> csv.append(Csv.line(clip.relativePath(), clip.label(), clip.group(), side.id(),
                clip.source() == null ? "" : clip.source())));
        return csv.toString();
    }

    private String datasetJson(FeatureSpec spec, List<String> labels, int hop, List<Chain> chains,
                               Map<Split, WindowSet> sets) throws IOException {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("feature_spec", spec);
        dataset.put("labels", labels);
        dataset.put("window_hop_samples", hop);
        // The dataset folders; with several, a clip's path in the manifests starts with its folder's name.
        dataset.put("source", config.preprocess().path().stream().map(p -> p.toString().replace('\\', '/')).toList());
        dataset.put("seed", config.preprocess().seed());
        dataset.put("augmentation_chains", chains.stream().map(Chain::name).toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        sets.forEach((side, set) -> counts.put(side.id(), set.size()));
        dataset.put("windows", counts);
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(dataset) + "\n";
    }
}
