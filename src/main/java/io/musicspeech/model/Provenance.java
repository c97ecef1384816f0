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
import java.util.Properties;

/**
 * What a model bundle records about how it was made: the resolved config and the command that
 * reproduces it, the prepared data with the SHA-256 of every file (so a changed split or
 * feature is visible), the metrics, and, derived rather than typed, the software versions (the
 * project's from the build), the git commit, the machine and the training threads, and the date.
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
        Properties build = build();
        versions.put("project", build.getProperty("version", "unknown"));
        versions.put("deeplearning4j", build.getProperty("deeplearning4j", "unknown"));
        versions.put("java", System.getProperty("java.version"));
        versions.put("java_vendor", System.getProperty("java.vendor"));
        ObjectNode source = provenance.putObject("source");
        String[] git = git();
        source.put("git_commit", git[0]);
        source.put("git_dirty", git[1]);
        ObjectNode machine = provenance.putObject("machine");
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("training_threads", resolved.config().train().effectiveThreads());
        return provenance;
    }

    /** The build's own facts (Maven filled them in). */
    static Properties build() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/io/musicspeech/build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // reported as unknown
        }
        return p;
    }

    /** The commit checked out where the run started, and whether the tree had changes ("unknown" without git). */
    static String[] git() {
        String commit = run("git", "rev-parse", "HEAD");
        String status = commit.equals("unknown") ? "unknown" : run("git", "status", "--porcelain", "--untracked-files=no");
        return new String[] {commit, status.equals("unknown") ? "unknown" : String.valueOf(!status.isEmpty())};
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
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
