package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.UserError;
import io.musicspeech.data.AtomicFiles;
import io.musicspeech.features.FeatureSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.NetworkDescription;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A trained model as one file: a zip holding {@value #METADATA} (feature spec, labels,
 * decision threshold, input normalisation, provenance) and {@value #NETWORK} (the DL4J network
 * as ModelSerializer writes it, without updater state), and for a temporal model {@value #HEAD},
 * the head over the network's window embeddings. Everything needed to classify is inside:
 * loading never needs the config that trained it.
 */
public final class ModelBundle {

    public static final String METADATA = "bundle.json";
    public static final String NETWORK = "network.zip";
    public static final String HEAD = "head.zip";
    /** The offline (look-ahead) head's entry. */
    public static final String OFFLINE_HEAD = "offline_head.zip";
    /** Class index -> label; the classifiers' p is p(class 1). */
    public static final List<String> LABELS = List.of("music", "speech");

    static final String FORMAT = "music-speech-model-bundle";
    static final int FORMAT_VERSION = 1;
    private static final String WHAT = "model bundle";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MultiLayerNetwork network;
    private final MultiLayerNetwork head;
    private final OfflineHead offline;
    private final FeatureSpec featureSpec;
    private final int contextWindows;
    private final double threshold;
    private final InputNormalisation normalisation;
    private final ObjectNode provenance;

    /**
     * @param network       trained network taking {@code [n, frames, nMfcc, 1]}, ending in one sigmoid or identity unit
     * @param normalisation applied before the network, or null
     * @param provenance    a free JSON object (config, data hashes, split, metrics, versions, date), or null
     */
    public ModelBundle(MultiLayerNetwork network, FeatureSpec featureSpec, double threshold,
                       InputNormalisation normalisation, JsonNode provenance) {
        this(network, featureSpec, 1, threshold, normalisation, provenance);
    }

    /** A bundle of a network whose inputs are {@code contextWindows} windows stacked along time. */
    public ModelBundle(MultiLayerNetwork network, FeatureSpec featureSpec, int contextWindows, double threshold,
                       InputNormalisation normalisation, JsonNode provenance) {
        this(network, null, featureSpec, contextWindows, threshold, normalisation, provenance);
    }

    /** A bundle with a temporal head and no offline head. */
    public ModelBundle(MultiLayerNetwork network, MultiLayerNetwork head, FeatureSpec featureSpec, int contextWindows,
                       double threshold, InputNormalisation normalisation, JsonNode provenance) {
        this(network, head, null, featureSpec, contextWindows, threshold, normalisation, provenance);
    }

    /**
     * A head for offline segmentation: of the temporal head's shape over its own {@code contextWindows}
     * embeddings, deciding the window {@code lookAhead} places before the newest of them.
     */
    public record OfflineHead(MultiLayerNetwork network, int lookAhead, int contextWindows) {
        public OfflineHead {
            if (lookAhead < 1 || lookAhead >= contextWindows) {
                throw new IllegalArgumentException("an offline head's look-ahead must be in [1, its context), got " + lookAhead
                        + " of " + contextWindows);
            }
        }
    }

    /**
     * @param head    a temporal head over {@code contextWindows} of the network's window embeddings (its last hidden
     *                dense layer's output), or null for a network whose input stacks the windows
     * @param offline with a head: a look-ahead head for offline segmentation, or null
     */
    public ModelBundle(MultiLayerNetwork network, MultiLayerNetwork head, OfflineHead offline, FeatureSpec featureSpec,
                       int contextWindows, double threshold, InputNormalisation normalisation, JsonNode provenance) {
        if (offline != null && head == null) {
            throw new IllegalArgumentException("an offline head needs a temporal head");
        }
        if (contextWindows < 1) {
            throw new IllegalArgumentException("contextWindows must be >= 1, got " + contextWindows);
        }
        if (provenance != null && !provenance.isObject()) {
            throw new IllegalArgumentException("provenance must be a JSON object, got " + provenance.getNodeType());
        }
        this.network = network;
        this.head = head;
        this.offline = offline;
        this.featureSpec = featureSpec;
        this.contextWindows = contextWindows;
        this.threshold = threshold;
        this.normalisation = normalisation;
        this.provenance = provenance == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) provenance.deepCopy();
    }

    public FeatureSpec featureSpec() {
        return featureSpec;
    }

    public double threshold() {
        return threshold;
    }

    /** Windows in one network input: the one being classified and those before it. */
    public int contextWindows() {
        return contextWindows;
    }

    public List<String> labels() {
        return LABELS;
    }

    /** The input normalisation, or null if the network takes raw MFCCs. */
    public InputNormalisation normalisation() {
        return normalisation;
    }

    /** A copy of the provenance object. */
    public ObjectNode provenance() {
        return provenance.deepCopy();
    }

    /** The network as stored (output layer as trained). */
    public MultiLayerNetwork network() {
        return network;
    }

    /**
     * A new classifier (own buffers, own copy of the weights) applying the bundle's normalisation
     * and threshold: a {@link JavaCnnClassifier}, or DL4J's {@link NetworkClassifier} if the network
     * has a layer the Java forward pass does not support.
     */
    public WindowClassifier classifier() {
        if (head != null) {
            NetworkDescription windowNet = Dl4jNetworks.describe(network, featureSpec.frames(), featureSpec.nMfcc(),
                    NetworkClassifier.describeInput(featureSpec, 1));
            NetworkDescription encoder = windowNet.upTo(TemporalClassifier.embeddingLayer(windowNet).index());
            int embedding = TemporalClassifier.embeddingLayer(windowNet).outputs();
            String input = contextWindows + " embeddings of " + embedding;
            NetworkDescription headNet = Dl4jNetworks.describeVector(head, contextWindows * embedding, input);
            TemporalClassifier.Offline offlineHead = offline == null ? null : new TemporalClassifier.Offline(
                    Dl4jNetworks.describeVector(offline.network(), offline.contextWindows() * embedding,
                            offline.contextWindows() + " embeddings of " + embedding), offline.lookAhead(), offline.contextWindows());
            return new TemporalClassifier(encoder, headNet, offlineHead, featureSpec, contextWindows, threshold, normalisation);
        }
        return JavaCnnClassifier.orNetworkClassifier(network, featureSpec, contextWindows, threshold, normalisation);
    }

    /** The temporal head, or null. */
    public MultiLayerNetwork head() {
        return head;
    }

    /** The offline head, or null. */
    public OfflineHead offlineHead() {
        return offline;
    }

    // ---- writing ----

    /**
     * Writes the bundle to {@code file} through a temporary file in the same folder, moved into
     * place only when complete. An existing bundle is replaced; any other existing file is not.
     *
     * @throws UserError if {@code file} is a folder or another kind of file, or cannot be written
     */
    public void save(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new UserError(file + " is a folder; give the model bundle a file name (e.g. " + file.resolve("model.zip") + ")");
        }
        if (Files.exists(target) && !isBundle(target)) {
            throw new UserError("not replacing " + file + ": it exists and is not a model bundle; move it away or choose another name");
        }
        byte[] metadata = metadataJson();
        byte[] networkBytes = networkBytes(network);
        byte[] headBytes = head == null ? null : networkBytes(head);
        byte[] offlineBytes = offline == null ? null : networkBytes(offline.network());
        try {
            AtomicFiles.write(target, tmp -> {
                try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                     ZipOutputStream zip = new ZipOutputStream(fos)) {
                    zip.putNextEntry(new ZipEntry(METADATA));
                    zip.write(metadata);
                    zip.closeEntry();
                    zip.putNextEntry(new ZipEntry(NETWORK));
                    zip.write(networkBytes);
                    zip.closeEntry();
                    if (headBytes != null) {
                        zip.putNextEntry(new ZipEntry(HEAD));
                        zip.write(headBytes);
                        zip.closeEntry();
                    }
                    if (offlineBytes != null) {
                        zip.putNextEntry(new ZipEntry(OFFLINE_HEAD));
                        zip.write(offlineBytes);
                        zip.closeEntry();
                    }
                    zip.finish();
                    fos.getFD().sync(); // on disk before the rename makes it visible
                }
            });
        } catch (IOException e) {
            throw new UserError("cannot write the model bundle " + file + ": " + ModelFiles.reason(e), e);
        }
    }

    private byte[] metadataJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        ArrayNode labels = root.putArray("labels");
        LABELS.forEach(labels::add);
        root.put("threshold", threshold);
        root.set("feature_spec", FeatureSpecJson.toJson(featureSpec));
        root.put("context_windows", contextWindows);
        root.put("input", "[n, context_windows * frames, n_mfcc, 1] channels-last: the window being classified and the "
                + "context_windows - 1 before it, oldest first, each frames x n_mfcc floats, frame-major");
        root.put("output", "one logit of class 1 (speech) after removing a final sigmoid; p(speech) = sigmoid(logit)");
        if (normalisation == null) {
            root.putNull("normalisation");
        } else {
            ObjectNode norm = root.putObject("normalisation");
            ArrayNode mean = norm.putArray("mean");
            ArrayNode std = norm.putArray("std");
            for (float v : normalisation.mean()) {
                mean.add(v);
            }
            for (float v : normalisation.std()) {
                std.add(v);
            }
            norm.put("level_frames", normalisation.levelFrames());
        }
        root.put("network", NETWORK);
        if (head == null) {
            root.putNull("head");
        } else {
            root.put("head", HEAD);
        }
        if (offline == null) {
            root.putNull("offline_head");
        } else {
            ObjectNode node = root.putObject("offline_head");
            node.put("network", OFFLINE_HEAD);
            node.put("look_ahead_windows", offline.lookAhead());
            node.put("context_windows", offline.contextWindows());
        }
        root.set("provenance", provenance);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise bundle metadata", e);
        }
    }

    private static byte[] networkBytes(MultiLayerNetwork net) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(net, out, false); // no updater state: a bundle is for inference
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the network", e);
        }
        return out.toByteArray();
    }

    /** Whether {@code file} is a zip holding {@value #METADATA} (so replacing it replaces a bundle). */
    private static boolean isBundle(Path file) {
        if (!Files.isRegularFile(file) || ModelFiles.kindOf(file, WHAT) != ModelFiles.Kind.ZIP) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(METADATA) != null;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- reading ----

    /**
     * Reads a bundle written by {@link #save}.
     *
     * @throws UserError naming the file if it is missing, a folder, not a zip, a zip without
     *                   {@value #METADATA} or {@value #NETWORK}, or holds unreadable JSON or an unreadable network
     */
    public static ModelBundle load(Path file) {
        ModelFiles.requireReadableFile(file, WHAT);
        if (ModelFiles.kindOf(file, WHAT) != ModelFiles.Kind.ZIP) {
            throw new UserError(file + " is not a model bundle (not a zip file)");
        }
        byte[] metadata;
        byte[] networkBytes;
        byte[] headBytes;
        byte[] offlineBytes;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry(METADATA) == null) {
                if (zip.getEntry("config.json") != null && zip.getEntry("model.weights.h5") != null) {
                    throw new UserError(file + " is a Keras 3 .keras archive, not a model bundle; DL4J imports only "
                            + "Keras 2 HDF5 models (in Keras: model.save('model.h5'))");
                }
                throw new UserError(file + " is a zip file but not a model bundle: it has no " + METADATA);
            }
            if (zip.getEntry(NETWORK) == null) {
                throw new UserError(file + ": the model bundle is incomplete: it has no " + NETWORK);
            }
            metadata = read(zip, METADATA);
            networkBytes = read(zip, NETWORK);
            headBytes = zip.getEntry(HEAD) == null ? null : read(zip, HEAD);
            offlineBytes = zip.getEntry(OFFLINE_HEAD) == null ? null : read(zip, OFFLINE_HEAD);
        } catch (ZipException e) {
            throw new UserError(file + " is damaged or not a zip file (" + ModelFiles.reason(e) + ")", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the model bundle: " + ModelFiles.reason(e), e);
        }
        return fromParts(file, metadata, networkBytes, headBytes, offlineBytes);
    }

    private static byte[] read(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }

    private static ModelBundle fromParts(Path file, byte[] metadata, byte[] networkBytes, byte[] headBytes, byte[] offlineBytes) {
        JsonNode root;
        try {
            root = JSON.readTree(metadata);
        } catch (IOException e) {
            throw new UserError(file + ": " + METADATA + " is not valid JSON: " + ModelFiles.reason(e), e);
        }
        FeatureSpec spec;
        int contextWindows;
        double threshold;
        InputNormalisation normalisation;
        try {
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("it is not a JSON object");
            }
            checkFormat(root);
            checkLabels(root.get("labels"));
            spec = FeatureSpecJson.fromJson(root.get("feature_spec"));
            JsonNode t = root.get("threshold");
            if (t == null || !t.isNumber() || t.doubleValue() < 0 || t.doubleValue() > 1) {
                throw new IllegalArgumentException("'threshold' is missing or not a number in [0, 1]");
            }
            threshold = t.doubleValue();
            contextWindows = contextWindows(root.get("context_windows"));
            normalisation = normalisation(root.get("normalisation"));
        } catch (IllegalArgumentException e) {
            throw new UserError(file + ": " + METADATA + " is not usable: " + e.getMessage(), e);
        }
        JsonNode provenance = root.get("provenance");
        MultiLayerNetwork network;
        NativeSetup.ensure();
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(networkBytes), false);
        } catch (Exception e) {
            throw new UserError(file + ": the network in the bundle (" + NETWORK + ") cannot be read: "
                    + ModelFiles.reason(e), e);
        }
        MultiLayerNetwork head = root.hasNonNull("head") ? part(file, "a head", HEAD, headBytes) : null;
        OfflineHead offline = null;
        JsonNode offlineNode = root.get("offline_head");
        if (offlineNode != null && !offlineNode.isNull()) {
            JsonNode ahead = offlineNode.get("look_ahead_windows");
            // Bundles from before the offline head had a context of its own: the live head's.
            JsonNode context = offlineNode.get("context_windows");
            int offlineContext = context == null ? contextWindows : context.isInt() ? context.intValue() : -1;
            if (head == null || ahead == null || !ahead.isInt() || ahead.intValue() < 1 || ahead.intValue() >= offlineContext
                    || offlineContext > ModelConfig.MAX_CONTEXT_WINDOWS) {
                throw new UserError(file + ": " + METADATA + " is not usable: 'offline_head' needs a head, a 'context_windows' "
                        + "up to " + ModelConfig.MAX_CONTEXT_WINDOWS + " and a 'look_ahead_windows' from 1 to its context_windows - 1");
            }
            offline = new OfflineHead(part(file, "an offline head", OFFLINE_HEAD, offlineBytes), ahead.intValue(), offlineContext);
        }
        return new ModelBundle(network, head, offline, spec, contextWindows, threshold, normalisation,
                provenance != null && provenance.isObject() ? provenance : null);
    }

    /** A network entry that bundle.json names ({@code what}: for the message). */
    private static MultiLayerNetwork part(Path file, String what, String entry, byte[] bytes) {
        if (bytes == null) {
            throw new UserError(file + ": the model bundle is incomplete: " + METADATA + " names " + what + " but it has no " + entry);
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (Exception e) {
            throw new UserError(file + ": " + what + " in the bundle (" + entry + ") cannot be read: " + ModelFiles.reason(e), e);
        }
    }

    /** Absent in bundles written before context models existed: those take one window. */
    private static int contextWindows(JsonNode node) {
        if (node == null || node.isNull()) {
            return 1;
        }
        if (!node.isInt() || node.intValue() < 1) {
            throw new IllegalArgumentException("'context_windows' must be a whole number >= 1");
        }
        return node.intValue();
    }

    private static void checkFormat(JsonNode root) {
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException("'format' is not \"" + FORMAT + "\"");
        }
        int version = root.path("format_version").asInt(-1);
        if (version > FORMAT_VERSION) {
            throw new IllegalArgumentException("it was written by a newer version of this program (format_version "
                    + version + "; this one reads up to " + FORMAT_VERSION + ")");
        }
        if (version < 1) {
            throw new IllegalArgumentException("'format_version' is missing or invalid");
        }
    }

    private static void checkLabels(JsonNode labels) {
        if (labels == null || !labels.isArray() || labels.size() != LABELS.size()
                || !LABELS.get(0).equals(labels.get(0).asText()) || !LABELS.get(1).equals(labels.get(1).asText())) {
            throw new IllegalArgumentException("'labels' must be " + LABELS + " (class 0 music, class 1 speech), got " + labels);
        }
    }

    private static InputNormalisation normalisation(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode mean = node.get("mean");
        JsonNode std = node.get("std");
        if (mean == null || std == null || !mean.isArray() || !std.isArray()) {
            throw new IllegalArgumentException("'normalisation' needs arrays 'mean' and 'std' (or null)");
        }
        JsonNode level = node.get("level_frames");
        if (level != null && (!level.isInt() || level.intValue() < 0)) {
            throw new IllegalArgumentException("'normalisation.level_frames' must be a whole number >= 0");
        }
        return new InputNormalisation(floats(mean, "normalisation.mean"), floats(std, "normalisation.std"),
                level == null ? 0 : level.intValue());
    }

    private static float[] floats(JsonNode array, String key) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            if (!array.get(i).isNumber()) {
                throw new IllegalArgumentException("'" + key + "[" + i + "]' is not a number");
            }
            out[i] = array.get(i).floatValue();
        }
        return out;
    }
}
