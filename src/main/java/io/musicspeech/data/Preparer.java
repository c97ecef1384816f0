package io.musicspeech.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.config.Config;
import io.musicspeech.config.PreprocessConfig;
import io.musicspeech.data.augment.AugmentationChains;
import io.musicspeech.data.augment.Chain;
import io.musicspeech.data.augment.Seeds;
import io.musicspeech.features.FeatureSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The prepare stage: scan the labelled folders, split by recording, augment the training clips,
 * cut every clip into windows, compute their MFCCs and write the processed sets. Files are
 * processed in parallel but assembled in scan order, and every random draw is seeded per clip,
 * so the same config and data give byte-identical output. Nothing below the input folder is
 * ever written.
 */
public final class Preparer {
    /** The manifest's chain name for the recorded (not augmented) windows. */
    public static final String RECORDED = "none";

    private final Config config;
    private final PrintStream log;

    public Preparer(Config config, PrintStream log) {
        this.config = config;
        this.log = log;
    }

    /** What a clip gave: its windows' features per copy (recorded first, then each chain), or why it gave none. */
    private record ClipOutcome(Clip clip, Split split, List<String> chains, List<float[]> copies, String skipReason) {
    }

    public PrepareSummary run() throws IOException, InterruptedException {
        PreprocessConfig preprocess = config.preprocess();
        FeatureSpec spec = config.featureSpec();
        requireOutsideInput(preprocess.path(), preprocess.out());

        DatasetScanner scanner = new DatasetScanner(preprocess.labels(), new RecordingGroups(preprocess.groupPattern()));
        DatasetScanner.Result scan = scanner.scan(preprocess.path());
        scanner.requireEveryLabel(scan);
        List<String> labels = preprocess.labels().values().stream().distinct().sorted().toList();
        log.printf(Locale.ROOT, "scan: %d clips in %s (%s), %d other files ignored%n", scan.clips().size(), preprocess.path(),
                String.join(", ", labels.stream().map(l -> scan.count(l) + " " + l).toList()), scan.ignored().size());

        Map<Clip, Split> split = new GroupedSplit(preprocess.testFraction(), preprocess.validationFraction(), preprocess.seed())
                .assign(scan.clips());
        List<Chain> chains = split.containsValue(Split.TRAIN) && !config.augment().chains().isEmpty()
                ? AugmentationChains.build(config.augment(), spec.sampleRate())
                : List.of();
        int hop = preprocess.hopSeconds() == null ? spec.windowSamples()
                : (int) Math.round(preprocess.hopSeconds() * spec.sampleRate());
        Windows windows = new Windows(spec.windowSamples(), hop);

        List<ClipOutcome> outcomes = processAll(scan.clips(), split, chains, spec, windows);

        PrepareSummary summary = new PrepareSummary();
        Map<Split, ProcessedSplitWriter> writers = new EnumMap<>(Split.class);
        for (Split side : Split.values()) {
            writers.put(side, new ProcessedSplitWriter(side, spec.frames(), spec.nMfcc()));
        }
        for (ClipOutcome outcome : outcomes) {
            Clip clip = outcome.clip();
            if (outcome.skipReason() != null) {
                summary.skip(clip.relativePath(), outcome.skipReason());
                continue;
            }
            int recorded = 0;
            int augmented = 0;
            for (int copy = 0; copy < outcome.copies().size(); copy++) {
                float[] features = outcome.copies().get(copy);
                writers.get(outcome.split()).add(clip, labels.indexOf(clip.label()), outcome.chains().get(copy), features,
                        windows, spec.sampleRate());
                int count = features.length / spec.featureSize();
                if (copy == 0) {
                    recorded = count;
                } else {
                    augmented += count;
                }
            }
            summary.addClip(outcome.split(), clip.label(), recorded, augmented);
        }

        Path out = preprocess.out();
        Files.createDirectories(out);
        AtomicFiles.writeString(out.resolve("split.csv"), splitCsv(split));
        for (ProcessedSplitWriter writer : writers.values()) {
            writer.write(out);
        }
        AtomicFiles.writeString(out.resolve("summary.csv"), summary.summaryCsv());
        AtomicFiles.writeString(out.resolve("skipped.csv"), summary.skippedCsv());
        AtomicFiles.writeString(out.resolve("dataset.json"), datasetJson(spec, labels, hop, chains, writers));
        return summary;
    }

    private List<ClipOutcome> processAll(List<Clip> clips, Map<Clip, Split> split, List<Chain> chains, FeatureSpec spec,
                                         Windows windows) throws InterruptedException {
        ThreadLocal<ClipFeaturizer> featurizers = ThreadLocal.withInitial(() -> new ClipFeaturizer(spec, windows));
        ExecutorService pool = Executors.newFixedThreadPool(config.preprocess().effectiveWorkers());
        try {
            List<Future<ClipOutcome>> futures = new ArrayList<>();
            for (Clip clip : clips) {
                futures.add(pool.submit(() -> process(clip, split.get(clip), chains, spec, featurizers.get())));
            }
            List<ClipOutcome> outcomes = new ArrayList<>();
            for (Future<ClipOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ClipOutcome process(Clip clip, Split side, List<Chain> chains, FeatureSpec spec, ClipFeaturizer featurizer) {
        float[] samples;
        try {
            samples = AudioDecoder.decode(clip.file(), spec.sampleRate()).samples();
        } catch (UserError e) {
            if (config.preprocess().strict()) {
                throw new UserError(e.getMessage() + " (preprocess.strict=true stops at the first unreadable file)");
            }
            log.println("warning: skipping " + e.getMessage());
            return new ClipOutcome(clip, side, List.of(), List.of(), e.getMessage());
        }
        if (featurizer.windows().count(samples.length) == 0) {
            String reason = String.format(Locale.ROOT, "shorter than one window (%.3f s < %.3f s)",
                    samples.length / (double) spec.sampleRate(), spec.windowSamples() / (double) spec.sampleRate());
            log.println("warning: skipping " + clip.relativePath() + ": " + reason);
            return new ClipOutcome(clip, side, List.of(), List.of(), reason);
        }
        List<String> names = new ArrayList<>(List.of(RECORDED));
        List<float[]> copies = new ArrayList<>(List.of(featurizer.featurize(samples)));
        if (side == Split.TRAIN) {
            for (int c = 0; c < chains.size(); c++) {
                Chain chain = chains.get(c);
                long seed = Seeds.forClip(config.preprocess().seed(), c, clip.relativePath());
                names.add(chain.name());
                copies.add(featurizer.featurize(chain.apply(samples, spec.sampleRate(), Seeds.random(seed))));
            }
        }
        return new ClipOutcome(clip, side, names, copies, null);
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
        StringBuilder csv = new StringBuilder(Csv.line("file", "label", "group", "split"));
        split.forEach((clip, side) -> csv.append(Csv.line(clip.relativePath(), clip.label(), clip.group(), side.id())));
        return csv.toString();
    }

    private String datasetJson(FeatureSpec spec, List<String> labels, int hop, List<Chain> chains,
                               Map<Split, ProcessedSplitWriter> writers) throws IOException {
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("feature_spec", spec);
        dataset.put("labels", labels);
        dataset.put("window_hop_samples", hop);
        dataset.put("source", config.preprocess().path().toString().replace('\\', '/'));
        dataset.put("seed", config.preprocess().seed());
        dataset.put("augmentation_chains", chains.stream().map(Chain::name).toList());
        Map<String, Integer> counts = new LinkedHashMap<>();
        writers.forEach((side, writer) -> counts.put(side.id(), writer.windows()));
        dataset.put("windows", counts);
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(dataset) + "\n";
    }
}
