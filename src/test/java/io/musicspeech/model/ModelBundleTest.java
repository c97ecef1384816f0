package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.UserError;
import io.musicspeech.config.ModelConfig;
import io.musicspeech.features.FeatureSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    static final FeatureSpec SPEC = FeatureSpec.librosaDefault();
    /** A small CNN of the same family, so the round trip is quick. */
    static final ModelConfig SMALL = new ModelConfig(List.of(8, 4), List.of(3, 3), List.of(3, 3), 2, 1e-3, 8, 0.2, false, 1);

    static MultiLayerNetwork network;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildNetwork() {
        network = CnnFactory.build(SMALL, SPEC, 11, 1e-3);
    }

    static ModelBundle bundle(InputNormalisation normalisation) {
        ObjectNode provenance = new ObjectMapper().createObjectNode();
        provenance.put("date", "2024-06-11");
        provenance.putObject("metrics").put("window_accuracy", 0.97);
        return new ModelBundle(network, SPEC, 0.65, normalisation, provenance);
    }

    @Test
    void contextWindowsSurviveTheRoundTrip() throws IOException {
        ModelConfig context = new ModelConfig(List.of(8, 4), List.of(3, 3), List.of(3, 3), 2, 1e-3, 8, 0.2, false, 3);
        MultiLayerNetwork net = CnnFactory.build(context, SPEC, 11, 1e-3);
        Path file = dir.resolve("context.zip");
        new ModelBundle(net, SPEC, 3, 0.5, null, null).save(file);
        ModelBundle read = ModelBundle.load(file);
        assertEquals(3, read.contextWindows());
        assertEquals(3, read.classifier().contextWindows());
        assertEquals(3 * SPEC.featureSize(), read.classifier().inputSize());
        assertEquals(1, bundle(null).contextWindows());
    }

    @Test
    void roundTripKeepsOutputsAndMetadata() {
        float[] mean = new float[SPEC.nMfcc()];
        float[] std = new float[SPEC.nMfcc()];
        for (int c = 0; c < mean.length; c++) {
            mean[c] = c - 6;
            std[c] = 1 + c / 4f;
        }
        InputNormalisation norm = new InputNormalisation(mean, std);
        ModelBundle original = bundle(norm);
        Path file = dir.resolve("models/model.zip");
        original.save(file);

        ModelBundle loaded = ModelBundle.load(file);
        assertEquals(SPEC, loaded.featureSpec());
        assertEquals(0.65, loaded.threshold());
        assertEquals(List.of("music", "speech"), loaded.labels());
        assertEquals(norm, loaded.normalisation());
        assertEquals(0.97, loaded.provenance().path("metrics").path("window_accuracy").asDouble());

        int n = 300; // more than one batch chunk
        float[] windows = CnnFactoryTest.randomWindows(n, 5L);
        float[] before = new float[n];
        float[] after = new float[n];
        original.classifier().speechProbabilities(windows, n, before);
        WindowClassifier classifier = loaded.classifier();
        classifier.speechProbabilities(windows, n, after);
        assertArrayEquals(before, after, 0f);
        assertEquals(0.65, classifier.threshold());
        float[] one = Arrays.copyOf(windows, SPEC.featureSize());
        assertEquals(after[0], classifier.speechProbability(one), 1e-6f);

        // The normalisation is applied: the same network without it scores differently.
        float[] raw = new float[n];
        new NetworkClassifier(loaded.network(), SPEC, 0.65, null).speechProbabilities(windows, n, raw);
        assertFalse(Arrays.equals(raw, after));
    }

    @Test
    void withoutNormalisationOrProvenance() {
        Path file = dir.resolve("plain.zip");
        new ModelBundle(network, SPEC, 0.7, null, null).save(file);
        ModelBundle loaded = ModelBundle.load(file);
        assertNull(loaded.normalisation());
        assertTrue(loaded.provenance().isEmpty());
    }

    @Test
    void saveReplacesABundleAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.zip");
        bundle(null).save(file);
        new ModelBundle(network, SPEC, 0.5, null, null).save(file);
        assertEquals(0.5, ModelBundle.load(file).threshold());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void saveRefusesToReplaceAnotherKindOfFileOrAFolder() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.zip"), "my notes", StandardCharsets.UTF_8);
        UserError e = assertThrows(UserError.class, () -> bundle(null).save(notes));
        assertTrue(e.getMessage().contains("is not a model bundle"), e.getMessage());
        assertEquals("my notes", Files.readString(notes));

        UserError folder = assertThrows(UserError.class, () -> bundle(null).save(dir));
        assertTrue(folder.getMessage().contains("is a folder"), folder.getMessage());
    }

    private UserError loadFails(Path file, String expected) {
        UserError e = assertThrows(UserError.class, () -> ModelBundle.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void missingFileAndFolder() {
        loadFails(dir.resolve("none.zip"), "not found");
        loadFails(dir, "is a folder");
    }

    @Test
    void plainTextFile() throws IOException {
        loadFails(Files.writeString(dir.resolve("model.zip"), "hello"), "not a zip file");
    }

    @Test
    void corruptBytes() throws IOException {
        Path good = dir.resolve("good.zip");
        bundle(null).save(good);
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        loadFails(truncated, "damaged");

        // Same length, garbage in the middle: the zip directory survives, an entry does not.
        byte[] scrambled = bytes.clone();
        for (int i = 200; i < bytes.length - 400; i++) {
            scrambled[i] = (byte) (i * 31);
        }
        UserError e = assertThrows(UserError.class, () -> ModelBundle.load(Files.write(dir.resolve("scrambled.zip"), scrambled)));
        assertTrue(e.getMessage().contains("scrambled.zip"), e.getMessage());
    }

    @Test
    void zipWithoutTheNetworkOrWithoutMetadata() throws IOException {
        Path noNetwork = zip("no-network.zip", ModelBundle.METADATA, "{}");
        loadFails(noNetwork, "has no network.zip");
        Path noMetadata = zip("photos.zip", "a.txt", "x");
        loadFails(noMetadata, "has no bundle.json");
    }

    @Test
    void unreadableOrIncompleteJson() throws IOException {
        loadFails(zip("bad-json.zip", ModelBundle.METADATA, "{not json", ModelBundle.NETWORK, "x"), "bundle.json is not valid JSON");
        loadFails(zip("no-spec.zip", ModelBundle.METADATA,
                "{\"format\":\"music-speech-model-bundle\",\"format_version\":1,\"labels\":[\"music\",\"speech\"]}",
                ModelBundle.NETWORK, "x"), "'feature_spec' is missing");
    }

    @Test
    void unreadableNetwork() throws IOException {
        Path good = dir.resolve("good.zip");
        bundle(null).save(good);
        String json;
        try (var zip = new java.util.zip.ZipFile(good.toFile())) {
            json = new String(zip.getInputStream(zip.getEntry(ModelBundle.METADATA)).readAllBytes(), StandardCharsets.UTF_8);
        }
        loadFails(zip("bad-net.zip", ModelBundle.METADATA, json, ModelBundle.NETWORK, "not a network"),
                "the network in the bundle (network.zip) cannot be read");
    }

    @Test
    void keras3ArchiveIsNamedAsSuch() throws IOException {
        loadFails(zip("model.keras", "config.json", "{}", "model.weights.h5", "x"), "Keras 3 .keras archive");
    }

    /** A zip of name/content pairs. */
    private Path zip(String name, String... entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < entries.length; i += 2) {
                zip.putNextEntry(new ZipEntry(entries[i]));
                zip.write(entries[i + 1].getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
