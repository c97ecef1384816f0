package io.musicspeech.config;

import io.musicspeech.features.FeatureSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final Path PROJECT_CONFIG = Path.of("config");

    private static ResolvedConfig load(String... overrides) {
        return new ConfigLoader(PROJECT_CONFIG).load(List.of(overrides));
    }

    private static String errorOf(String... overrides) {
        return assertThrows(ConfigError.class, () -> load(overrides)).getMessage();
    }

    @Test
    void defaultsAreTheOriginalProjectsParameters() {
        Config config = load().config();
        assertEquals(22050, config.audio().sampleRate());
        assertEquals(0.25, config.features().windowSeconds());
        assertEquals(FeatureSpec.librosaDefault(), config.featureSpec());
        assertEquals(0.2, config.preprocess().testFraction());
        assertEquals(0.2, config.preprocess().validationFraction());
        assertEquals(1e-4, config.train().learningRate());
        assertEquals(40, config.train().epochs());
        assertEquals(32, config.train().batchSize());
        assertEquals(5, config.train().patience());
        assertEquals(0.7, config.decision().threshold());
        assertTrue(config.decision().silenceThreshold() > 0);
        assertEquals("cnn", load().group("model"));
        assertEquals(List.of(64, 32, 32), config.model().convFilters());
    }

    @Test
    void trainOnlyFoldersMustBeAmongTheDatasetFolders() {
        Config config = load("preprocess.path=[a, data/synth]", "preprocess.train_only=[./data/synth]").config();
        assertTrue(config.preprocess().trainsOnly(Path.of("data/synth/speech/synth-en-1.wav")));
        assertFalse(config.preprocess().trainsOnly(Path.of("a/speech/x.wav")));
        assertFalse(config.preprocess().trainsOnly(Path.of("data/synthetic/speech/x.wav")), "a folder, not a name prefix");
        String message = errorOf("preprocess.path=[a, b]", "preprocess.train_only=[c]");
        assertTrue(message.contains("preprocess.train_only") && message.contains("not one of preprocess.path"), message);
    }

    @Test
    void overridesSetTypedValues() {
        ResolvedConfig resolved = load("train.epochs=3", "train.learning_rate=1e-3", "features.fmax=8000",
                "preprocess.path=/tmp/audio", "model.conv_filters=[16, 8, 8]");
        Config config = resolved.config();
        assertEquals(3, config.train().epochs());
        assertEquals(1e-3, config.train().learningRate());
        assertEquals(8000.0, config.features().fmax());
        assertEquals(java.util.List.of(Path.of("/tmp/audio")), config.preprocess().path());
        assertEquals(List.of(16, 8, 8), config.model().convFilters());
        assertTrue(resolved.toYaml().contains("learning_rate: 0.001"), resolved.toYaml());
    }

    @Test
    void nullResetsANullableKey() {
        assertNull(load("features.fmax=8000", "features.fmax=null").config().features().fmax());
    }

    @Test
    void typoSuggestsTheNearestKey() {
        String message = errorOf("features.n_mffc=20");
        assertTrue(message.contains("unknown key 'features.n_mffc'"), message);
        assertTrue(message.contains("did you mean 'features.n_mfcc'"), message);
    }

    @Test
    void misspelledSectionAndMissingSectionAreSuggested() {
        assertTrue(errorOf("featurs.n_mfcc=20").contains("did you mean 'features.n_mfcc'"));
        assertTrue(errorOf("n_mfcc=20").contains("did you mean 'features.n_mfcc'"));
        assertTrue(errorOf("train.learnig_rate=0.1").contains("did you mean 'train.learning_rate'"));
    }

    @Test
    void farOffKeyGetsNoSuggestion() {
        String message = errorOf("completely.unrelated=1");
        assertTrue(message.startsWith("unknown key 'completely.unrelated'"), message);
        assertTrue(!message.contains("did you mean"), message);
    }

    @Test
    void wrongTypeNamesTheKeyAndWhatIsAllowed() {
        assertEquals("train.epochs must be a whole number, got 'ten'", errorOf("train.epochs=ten"));
        assertEquals("train.epochs must be a whole number, got '1.5'", errorOf("train.epochs=1.5"));
        assertEquals("decision.threshold must be a number, got 'high'", errorOf("decision.threshold=high"));
        assertEquals("model.conv_filters must be a list like [a, b], got '64'", errorOf("model.conv_filters=64"));
        assertTrue(errorOf("features=3").startsWith("features must be a section"));
    }

    @Test
    void impossibleValuesAreRejected() {
        assertTrue(errorOf("features.n_fft=1000").startsWith("features.n_fft must be a power of two"));
        assertTrue(errorOf("decision.threshold=1.5").startsWith("decision.threshold must be between 0.0 and 1.0"));
        assertTrue(errorOf("audio.sample_rate=-1").startsWith("audio.sample_rate must be between"));
        assertTrue(errorOf("features.fmax=20000").startsWith("features.fmax must be at most audio.sample_rate / 2"));
        assertTrue(errorOf("preprocess.test_fraction=0.5", "preprocess.validation_fraction=0.6")
                .startsWith("preprocess.validation_fraction plus test_fraction must leave something to train on"));
        assertTrue(errorOf("features.n_mfcc=200").startsWith("features.n_mfcc must be at most n_mels"));
        assertTrue(errorOf("model.conv_filters=[64, 32]").startsWith("model.conv_filters must have one entry per block"));
    }

    @Test
    void argumentsThatAreNotOverridesAreRejected() {
        assertTrue(errorOf("epochs").contains("is not an override: write key=value"));
        assertTrue(errorOf("=3").contains("is not an override"));
        assertTrue(errorOf("train..epochs=3").contains("is not a valid key"));
    }

    @Test
    void groupOptionPicksAFileAndUnknownOptionListsTheAvailableOnes(@TempDir Path dir) throws IOException {
        Path config = copyProjectConfig(dir);
        Files.writeString(config.resolve("model/wide.yaml"), Files.readString(config.resolve("model/cnn.yaml"))
                .replace("conv_filters: [64, 32, 32]", "conv_filters: [128, 64, 64]"));
        ResolvedConfig wide = new ConfigLoader(config).load(List.of("model=wide"));
        assertEquals(List.of(128, 64, 64), wide.config().model().convFilters());
        assertEquals("wide", wide.group("model"));
        assertTrue(wide.toYaml().startsWith("defaults:\n- model: wide\n"), wide.toYaml());

        ConfigError error = assertThrows(ConfigError.class, () -> new ConfigLoader(config).load(List.of("model=huge")));
        assertTrue(error.getMessage().startsWith("no option 'huge' for group 'model'"), error.getMessage());
        assertTrue(error.getMessage().contains("available: cnn, ") && error.getMessage().endsWith(", wide"), error.getMessage());
    }

    @Test
    void augmentNoneStartsFromDefaultAndClearsTheChains() {
        AugmentConfig none = load("augment=none").config().augment();
        assertTrue(none.chains().isEmpty());
        assertEquals(load().config().augment().timeStretch(), none.timeStretch());
        assertEquals(List.of("noise_pitch_filter", "room_tempo_dropout"), List.copyOf(load().config().augment().chains().keySet()));
        assertTrue(errorOf("augment.chains={x: [gaussian_noize]}").contains("unknown transform 'gaussian_noize'"));
        assertTrue(errorOf("augment.time_stretch.min_rate=2").startsWith("augment.time_stretch.min_rate must be at most max_rate"));
    }

    @Test
    void optionIncludingItselfIsReported(@TempDir Path dir) throws IOException {
        Path config = copyProjectConfig(dir);
        Files.writeString(config.resolve("model/loop.yaml"), "defaults: [loop]\n");
        String message = assertThrows(ConfigError.class, () -> new ConfigLoader(config).load(List.of("model=loop"))).getMessage();
        assertTrue(message.contains("'defaults' includes itself"), message);
    }

    @Test
    void unknownOrMissingKeyInAYamlFileIsReported(@TempDir Path dir) throws IOException {
        Path config = copyProjectConfig(dir);
        Path main = config.resolve("config.yaml");
        String original = Files.readString(main);

        Files.writeString(main, original.replace("  patience: 5", "  patience: 5\n  warmup_epochs: 2"));
        String unknown = assertThrows(ConfigError.class, () -> new ConfigLoader(config).load(List.of())).getMessage();
        assertTrue(unknown.startsWith("unknown key 'train.warmup_epochs'"), unknown);

        Files.writeString(main, original.replaceAll("(?m)^  patience:.*\\n", ""));
        String missing = assertThrows(ConfigError.class, () -> new ConfigLoader(config).load(List.of())).getMessage();
        assertTrue(missing.startsWith("train.patience is missing"), missing);

        Files.writeString(main, "train: [unclosed");
        String broken = assertThrows(ConfigError.class, () -> new ConfigLoader(config).load(List.of())).getMessage();
        assertTrue(broken.contains("not valid YAML"), broken);
    }

    @Test
    void missingConfigFolderSaysWhere(@TempDir Path dir) {
        String message = assertThrows(ConfigError.class, () -> new ConfigLoader(dir.resolve("nope")).load(List.of())).getMessage();
        assertTrue(message.endsWith("config.yaml: configuration file not found"), message);
    }

    @Test
    void resolvedConfigLoadsBackToTheSameValues(@TempDir Path dir) throws IOException {
        ResolvedConfig first = load("train.epochs=7", "features.n_mfcc=20");
        Path config = copyProjectConfig(dir);
        Files.writeString(config.resolve("config.yaml"), first.toYaml());
        ResolvedConfig second = new ConfigLoader(config).load(List.of());
        assertEquals(first.config(), second.config());
    }

    static Path copyProjectConfig(Path dir) throws IOException {
        Path config = dir.resolve("config");
        try (var files = Files.walk(PROJECT_CONFIG)) {
            for (Path file : files.toList()) {
                Path target = config.resolve(PROJECT_CONFIG.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return config;
    }
}
