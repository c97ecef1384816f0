package io.musicspeech.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.config.ResolvedConfig;
import io.musicspeech.data.ProcessedData;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/**
 * What a model bundle records about how it was made: the resolved config and the command that
 * reproduces it, the prepared data with the SHA-256 of every file (so a changed split or
 * feature is visible), the metrics, the software versions and the date.
 */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DATA_FILES = List.of("dataset.json", "split.csv",
            "train_features.npy", "train_labels.npy", "validation_features.npy", "validation_labels.npy",
            "test_features.npy", "test_labels.npy");

    private Provenance() {
    }

    public static ObjectNode of(ResolvedConfig resolved, ProcessedData data, ObjectNode metrics) {
        ObjectNode provenance = JSON.createObjectNode();
        provenance.put("created", OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        provenance.put("command", "mvn exec:java -Ptrain -Dexec.args=\"" + String.join(" ", resolved.overrides()) + "\"");
        provenance.set("groups", JSON.valueToTree(resolved.groups()));
        provenance.set("config", JSON.valueToTree(resolved.tree()));
        ObjectNode dataNode = provenance.putObject("data");
        dataNode.put("dir", data.dir().toString().replace('\\', '/'));
        dataNode.set("dataset", data.description());
        ObjectNode hashes = dataNode.putObject("sha256");
        for (String name : DATA_FILES) {
            Path file = data.dir().resolve(name);
            if (Files.isRegularFile(file)) {
                hashes.put(name, sha256(file));
            }
        }
        provenance.set("metrics", metrics);
        ObjectNode versions = provenance.putObject("versions");
        versions.put("java", System.getProperty("java.version"));
        versions.put("deeplearning4j", "1.0.0-M2.1");
        versions.put("project", Provenance.class.getPackage().getImplementationVersion());
        return provenance;
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
