package io.musicspeech.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * prepare -> train -> evaluate -> crossval on a few development clips, through the command line
 * as a user runs them (small: one epoch, one window per second), plus the bad inputs of the
 * train and evaluate stages.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StagesIntegrationTest {
    private static final Path SHARED = Path.of(System.getProperty("shared.dir", "../shared"));
    private static final Path GTZAN = SHARED.resolve("datasets/gtzan-musicspeech");
    private static final List<String> CLIPS = List.of("music_wav/blues.wav", "music_wav/jazz.wav", "music_wav/jazz1.wav",
            "music_wav/rock.wav", "speech_wav/teachers.wav", "speech_wav/teachers1.wav", "speech_wav/news1.wav",
            "speech_wav/comedy.wav");

    @TempDir
    static Path work;
    private static Path bundle;

    private record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void linkClips() throws IOException {
        assumeTrue(Files.isDirectory(GTZAN), "../shared/datasets/gtzan-musicspeech is not there: stage tests skipped");
        for (String clip : CLIPS) {
            Path link = work.resolve("raw").resolve(clip);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, GTZAN.resolve(clip).toAbsolutePath());
        }
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("run.outputs=" + work.resolve("outputs"));
        int code = new Cli(Main.stages(), Path.of("config"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] small(String stage, String... more) {
        List<String> args = new ArrayList<>(List.of(stage, "preprocess.path=" + work.resolve("raw"),
                "preprocess.out=" + work.resolve("processed"), "preprocess.hop_seconds=1.0", "augment=none", "train.epochs=1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void prepareThenTrainWritesABundleHistoryAndCurves() throws IOException {
        Run prepare = cli(small("prepare"));
        assertEquals(0, prepare.code(), prepare.err());
        Run train = cli(small("train"));
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("epoch   1/1"), train.out());
        Path runDir = Path.of(train.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
        bundle = runDir.resolve("model.zip");
        assertTrue(Files.size(bundle) > 10_000);
        assertEquals(2, Files.readAllLines(runDir.resolve("history.csv")).size(), "header + one epoch");
        assertTrue(Files.exists(runDir.resolve("curves_loss.png")));
        assertTrue(Files.exists(runDir.resolve("test/metrics.json")), "the best epoch is scored on the test split");
        JsonNode provenance = io.musicspeech.model.ModelBundle.load(bundle).provenance();
        assertEquals("0.1.0-SNAPSHOT", provenance.path("versions").path("project").asText(), "the version comes from the build");
        assertTrue(provenance.path("source").path("git_commit").asText().matches("[0-9a-f]{40}|unknown"), provenance.toString());
        assertTrue(provenance.path("machine").path("training_threads").asInt() >= 1);
        assertFalse(provenance.path("machine").path("arch").asText().isEmpty());
    }

    @Test
    @Order(2)
    void evaluateABundleOnAFolderWritesTheContractKeys() throws IOException {
        Path out = work.resolve("eval-bundle");
        Run run = cli(small("evaluate", "evaluate.data=" + work.resolve("raw"), "evaluate.model=" + bundle, "evaluate.out=" + out));
        assertEquals(0, run.code(), run.err());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of("windows", "files", "threshold", "window_accuracy", "balanced_accuracy", "music_recall",
                "speech_recall", "roc_auc", "clip_accuracy", "smoothed_window_accuracy", "per_file")) {
            assertTrue(metrics.has(key), key);
        }
        assertEquals(CLIPS.size() * 120, metrics.get("windows").asInt(), "evaluation uses non-overlapping 0.25 s windows");
        assertEquals(CLIPS.size(), metrics.get("files").asInt());
        for (String png : List.of("confusion_matrix.png", "roc.png", "per_file_accuracy.png", "accuracy_vs_threshold.png")) {
            assertTrue(Files.size(out.resolve(png)) > 1000, png);
        }
    }

    @Test
    @Order(2)
    void evaluateReadsALabelledFolderOfFlacFilesAsItReadsWav() throws IOException {
        assumeTrue(onPath("ffmpeg"), "ffmpeg is not installed (.ci/run installs it)");
        Path flac = work.resolve("flac");
        for (String clip : List.of("music_wav/jazz.wav", "speech_wav/teachers.wav")) {
            Path target = flac.resolve(clip.replace(".wav", ""));
            Files.createDirectories(target.getParent());
            io.musicspeech.audio.FfmpegCli.encode(GTZAN.resolve(clip), target, "flac");
        }
        Path wavOut = work.resolve("eval-wav-pair");
        Path wavPair = work.resolve("wav-pair");
        for (String clip : List.of("music_wav/jazz.wav", "speech_wav/teachers.wav")) {
            Files.createDirectories(wavPair.resolve(clip).getParent());
            Files.createSymbolicLink(wavPair.resolve(clip), GTZAN.resolve(clip).toAbsolutePath());
        }
        Run onFlac = cli(small("evaluate", "evaluate.data=" + flac, "evaluate.model=" + bundle, "evaluate.out=" + work.resolve("eval-flac")));
        assertEquals(0, onFlac.code(), onFlac.err());
        Run onWav = cli(small("evaluate", "evaluate.data=" + wavPair, "evaluate.model=" + bundle, "evaluate.out=" + wavOut));
        assertEquals(0, onWav.code(), onWav.err());
        JsonNode flacMetrics = new ObjectMapper().readTree(work.resolve("eval-flac/metrics.json").toFile());
        JsonNode wavMetrics = new ObjectMapper().readTree(wavOut.resolve("metrics.json").toFile());
        assertEquals(240, flacMetrics.get("windows").asInt());
        assertEquals(2, flacMetrics.get("files").asInt());
        assertEquals(wavMetrics.get("window_accuracy").asDouble(), flacMetrics.get("window_accuracy").asDouble(), 0,
                "FLAC is lossless: the same samples, the same figures");
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    @Order(3)
    void evaluateTheOriginalKerasModelOnTheTestSplit() throws IOException {
        Path seed = SHARED.resolve("seed-model/model.keras");
        assumeTrue(Files.exists(seed), "no seed model");
        Path out = work.resolve("eval-seed");
        Run run = cli(small("evaluate", "evaluate.model=" + seed, "evaluate.out=" + out));
        assertEquals(0, run.code(), run.err());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(metrics.get("window_accuracy").asDouble() > 0.8, metrics.toString());
        assertTrue(metrics.get("data").asText().contains("test split"));
    }

    @Test
    @Order(3)
    void theOriginalModelOnAllDevelopmentClipsReproducesTheOriginalPipeline() throws IOException {
        Path seed = SHARED.resolve("seed-model/model.keras");
        assumeTrue(Files.exists(seed), "no seed model");
        Path out = work.resolve("eval-seed-all");
        Run run = cli("evaluate", "evaluate.data=" + GTZAN, "evaluate.model=" + seed, "evaluate.out=" + out);
        assertEquals(0, run.code(), run.err());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(11_520, metrics.get("windows").asInt());
        assertEquals(96, metrics.get("files").asInt());
        assertEquals(0.7, metrics.get("threshold").asDouble());
        assertEquals(0.960, metrics.get("window_accuracy").asDouble(), 0.001, "the original pipeline's 96.0 %");
    }

    @Test
    @Order(3)
    void aContextModelTrainsOnBackToBackWindowsTunesItsThresholdAndEvaluatesEveryWindow() throws IOException {
        Run gapped = cli(small("train", "model=cnn_context"));
        assertEquals(2, gapped.code(), "the small prepare has a 1 s hop: no window has its past");
        assertTrue(gapped.err().contains("hop_seconds"), gapped.err());

        Path processed = work.resolve("processed-context");
        String[] data = {"preprocess.path=" + work.resolve("raw"), "preprocess.out=" + processed, "augment=none"};
        Run prepare = cli(concat(new String[] {"prepare"}, data));
        assertEquals(0, prepare.code(), prepare.err());
        Run train = cli(concat(new String[] {"train", "model=cnn_context", "train.epochs=1", "train.tune_threshold=true",
                "train.baselines=false"}, data));
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("threshold tuned on"), train.out());
        Path runDir = Path.of(train.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
        io.musicspeech.model.ModelBundle contextBundle = io.musicspeech.model.ModelBundle.load(runDir.resolve("model.zip"));
        assertTrue(contextBundle.contextWindows() > 1, "model=cnn_context sees past windows");

        Path out = work.resolve("eval-context");
        Run evaluate = cli("evaluate", "evaluate.data=" + work.resolve("raw"), "evaluate.model=" + runDir.resolve("model.zip"),
                "evaluate.out=" + out);
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(CLIPS.size() * 120, metrics.get("windows").asInt(), "still one decision per 0.25 s window");
        assertEquals(contextBundle.threshold(), metrics.get("threshold").asDouble(), 1e-12, "the bundle's tuned threshold decides");
    }

    @Test
    @Order(4)
    void aTemporalModelWithFortyCoefficientsTrainsBothHeadsAndSegmentsWithTheOfflineOne() throws IOException {
        Path processed = work.resolve("processed-temporal");
        String[] data = {"preprocess.path=" + work.resolve("raw"), "preprocess.out=" + processed, "augment=none", "features.n_mfcc=40"};
        assertEquals(0, cli(concat(new String[] {"prepare"}, data)).code());
        Run train = cli(concat(new String[] {"train", "model=temporal", "model.context_windows=6", "model.offline_look_ahead=3",
                "model.offline_context_windows=5", "train.epochs=1", "train.baselines=false"}, data));
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("training the offline head (3 windows ahead)"), train.out());
        Path bundle = Path.of(train.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12))
                .resolve("model.zip");
        io.musicspeech.model.ModelBundle loaded = io.musicspeech.model.ModelBundle.load(bundle);
        assertEquals(3, loaded.offlineHead().lookAhead());
        assertEquals(5, loaded.offlineHead().contextWindows(), "the offline head over a context of its own");
        assertEquals(6, loaded.contextWindows());
        assertEquals(40, loaded.featureSpec().nMfcc());

        // The config keeps its 13 coefficients: the bundle brings its own.
        Path out = work.resolve("segments-temporal");
        Run segment = cli("segment", "segment.input=" + work.resolve("raw/speech_wav/news1.wav"), "segment.model=" + bundle,
                "segment.out=" + out);
        assertEquals(0, segment.code(), segment.err());
        assertTrue(segment.out().contains("with its offline head: each window decided with the 3 windows (0.75 s) after it"),
                segment.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("news1.wav.json").toFile());
        assertTrue(json.path("settings").path("offline_head").asBoolean(), json.path("settings").toString());
        assertEquals(3, json.path("settings").path("look_ahead_windows").asInt());
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Test
    @Order(4)
    void crossValidationScoresTheCnnAndTheBaselinesOnEveryFold() throws IOException {
        Run run = cli(small("crossval", "crossval.folds=2"));
        assertEquals(0, run.code(), run.err());
        Path runDir = Path.of(run.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
        List<String> rows = Files.readAllLines(runDir.resolve("crossval.csv"));
        assertEquals(1 + 2 * 3, rows.size(), "two folds x (cnn, logistic regression, xgboost)");
        assertTrue(rows.stream().anyMatch(r -> r.startsWith("fold2,xgboost,")), rows.toString());
        JsonNode json = new ObjectMapper().readTree(runDir.resolve("crossval.json").toFile());
        assertEquals(3, json.get("summaries").size());
    }

    @Test
    @Order(4)
    void synthesisedSpeechOnlyEverTrains() throws IOException {
        Path synth = work.resolve("synth");
        Run made = cli("synth", "synth.out=" + synth, "synth.voices=[en, it]", "synth.clips_per_voice=2", "synth.seconds=4");
        assertEquals(0, made.code(), made.err());
        assertTrue(made.out().contains("4 clips of synthetic speech (en, it)"), made.out());
        Run again = cli("synth", "synth.out=" + synth);
        assertEquals(2, again.code(), "a user error");
        assertTrue(again.err().contains("already exists"), again.err());

        String both = "preprocess.path=[" + work.resolve("raw") + "," + synth + "]";
        Run prepare = cli(small("prepare", both, "preprocess.train_only=[" + synth + "]", "preprocess.out=" + work.resolve("with-synth"),
                "preprocess.test_fraction=0.4"));
        assertEquals(0, prepare.code(), prepare.err());
        List<String> synthRows = Files.readAllLines(work.resolve("with-synth/split.csv")).stream().filter(r -> r.contains("synth-")).toList();
        assertEquals(4, synthRows.size(), synthRows.toString());
        synthRows.forEach(r -> assertEquals("train", r.split(",")[3], r));

        Run crossval = cli(small("crossval", both, "preprocess.train_only=[" + synth + "]", "crossval.folds=2",
                "crossval.baselines=false", "train.threads=1"));
        assertEquals(0, crossval.code(), crossval.err());
        List<Integer> tested = crossval.out().lines().filter(l -> l.matches("fold \\d/2: .*"))
                .map(l -> Integer.parseInt(l.replaceAll("fold \\d/2: (\\d+) test clips.*", "$1"))).toList();
        assertEquals(2, tested.size(), crossval.out());
        assertEquals(CLIPS.size(), tested.get(0) + tested.get(1), "every real clip is tested once, no synthesised one: " + crossval.out());
    }

    /** Clips of four sources of ../shared/datasets/extra, two each. */
    private static final List<String> EXTRA = List.of("music/ufoai_albasrahm_1.wav", "music/ufoai_van-theme_1.wav",
            "music/wesnoth_nunc-dimittis_1.wav", "music/wesnoth_traveling-minstrels_1.wav", "speech/asterisk-es-co_prompts_1.wav",
            "speech/asterisk-es-co_prompts_2.wav", "speech/asterisk-fr-armelle_prompts_1.wav", "speech/asterisk-fr-armelle_prompts_2.wav");

    @Test
    @Order(4)
    void crossValidationBySourceTestsEverySourceOnAModelThatNeverHeardIt() throws IOException {
        Path extra = SHARED.resolve("datasets/extra");
        assumeTrue(Files.isRegularFile(extra.resolve("MANIFEST.tsv")), "no ../shared/datasets/extra: test skipped");
        Path root = work.resolve("extra");
        List<String> manifest = new ArrayList<>();
        for (String line : Files.readAllLines(extra.resolve("MANIFEST.tsv"))) {
            if (manifest.isEmpty() || EXTRA.contains(line.split("\t")[0])) {
                manifest.add(line);
            }
        }
        for (String clip : EXTRA) {
            Files.createDirectories(root.resolve(clip).getParent());
            Files.createSymbolicLink(root.resolve(clip), extra.resolve(clip).toAbsolutePath());
        }
        Files.write(root.resolve("MANIFEST.tsv"), manifest);

        Run run = cli(small("crossval", "preprocess.path=[" + work.resolve("raw") + "," + root + "]", "crossval.by=source",
                "crossval.source_folds=2", "crossval.baselines=false", "train.threads=1"));
        assertEquals(0, run.code(), run.err());
        List<String> folds = run.out().lines().filter(l -> l.startsWith("fold ")).toList();
        assertEquals(List.of("fold 1/2 (held out: asterisk-prompt-es-co, ufoai-music): 4 test clips",
                        "fold 2/2 (held out: asterisk-prompt-fr-armelle, wesnoth-1.16-music): 4 test clips"),
                folds.stream().map(l -> l.substring(0, l.indexOf(" clips") + 6)).toList(), run.out());
        assertTrue(run.out().contains("sources held out, 4 sources in 2 folds"), run.out());
        Path runDir = Path.of(run.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
        JsonNode json = new ObjectMapper().readTree(runDir.resolve("crossval.json").toFile());
        assertEquals("source", json.get("by").asText());
        assertEquals(2, json.get("folds").asInt());

        // A run is repeatable: the second fold alone (as when finishing a run cut short) scores as it did in the whole run.
        Run second = cli(small("crossval", "preprocess.path=[" + work.resolve("raw") + "," + root + "]", "crossval.by=source",
                "crossval.source_folds=2", "crossval.baselines=false", "train.threads=1", "crossval.only_folds=[2]"));
        assertEquals(0, second.code(), second.err());
        assertEquals(List.of("fold 2/2"), second.out().lines().filter(l -> l.startsWith("fold ")).map(l -> l.substring(0, 8)).toList());
        assertEquals(scoreLines(run.out(), "  fold2 "), scoreLines(second.out(), "  fold2 "));
        assertEquals(List.of(), scoreLines(second.out(), "  fold1 "));
        Path secondDir = Path.of(second.out().lines().filter(l -> l.startsWith("run folder: ")).findFirst().orElseThrow().substring(12));
        assertEquals("[2]", new ObjectMapper().readTree(secondDir.resolve("crossval.json").toFile()).get("only_folds").toString());
        assertTrue(new ObjectMapper().readTree(runDir.resolve("crossval.json").toFile()).path("only_folds").isMissingNode());
        Run beyond = cli(small("crossval", "preprocess.path=[" + work.resolve("raw") + "," + root + "]", "crossval.by=source",
                "crossval.source_folds=2", "crossval.only_folds=[3]"));
        assertEquals(Cli.USER_ERROR, beyond.code());
        assertTrue(beyond.err().contains("only_folds=[3]: this cross-validation has 2 folds"), beyond.err());
    }

    private static List<String> scoreLines(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix) && l.contains("window accuracy")).toList();
    }

    @Test
    @Order(5)
    void badModelsAndFoldersGiveOneLineErrorsAndWriteNothing() throws IOException {
        Path out = work.resolve("eval-bad");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");

        Run missing = cli(small("evaluate", "evaluate.model=" + work.resolve("nope.zip"), "evaluate.out=" + out));
        assertEquals(Cli.USER_ERROR, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("nope.zip"), missing.err());

        Path corrupt = work.resolve("corrupt.zip");
        Files.write(corrupt, new byte[]{'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});
        Run broken = cli(small("evaluate", "evaluate.model=" + corrupt, "evaluate.out=" + out));
        assertEquals(Cli.USER_ERROR, broken.code());
        assertEquals(1, broken.err().lines().count(), broken.err());

        Path empty = work.resolve("empty-data");
        Files.createDirectories(empty.resolve("music"));
        Files.writeString(empty.resolve("music/readme.txt"), "no audio here");
        Run noAudio = cli(small("evaluate", "evaluate.model=" + bundle, "evaluate.data=" + empty, "evaluate.out=" + out));
        assertEquals(Cli.USER_ERROR, noAudio.code());
        assertTrue(noAudio.err().contains("no audio files"), noAudio.err());

        // A bundle brings its own MFCC settings, but the audio's window length is the config's.
        Run mismatch = cli(small("evaluate", "evaluate.model=" + bundle, "evaluate.out=" + out, "features.window_seconds=0.5"));
        assertEquals(Cli.USER_ERROR, mismatch.code());
        assertTrue(mismatch.err().contains("window samples (features.window_seconds x audio.sample_rate)=5512 but the config says 11025"),
                mismatch.err());

        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(out.resolve("keep.txt")), files.toList(), "failed runs write nothing into evaluate.out");
        }
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
        assertFalse(Files.exists(work.resolve("processed-other")));
    }

    @Test
    @Order(6)
    void trainWithoutPreparedDataSaysWhatToRun() {
        Run run = cli("train", "preprocess.out=" + work.resolve("never-prepared"));
        assertEquals(Cli.USER_ERROR, run.code());
        assertTrue(run.err().contains("run the prepare stage first"), run.err());
    }
}
