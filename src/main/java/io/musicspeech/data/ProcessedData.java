package io.musicspeech.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.UserError;
import io.musicspeech.features.FeatureSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The output of a prepare run, opened for training or evaluation: its feature spec and its splits. */
public final class ProcessedData {
    private final Path dir;
    private final FeatureSpec featureSpec;
    private final JsonNode description;

    private ProcessedData(Path dir, FeatureSpec featureSpec, JsonNode description) {
        this.dir = dir;
        this.featureSpec = featureSpec;
        this.description = description;
    }

    public static ProcessedData open(Path dir) {
        Path json = dir.resolve("dataset.json");
        if (!Files.isRegularFile(json)) {
            throw new UserError(dir + " holds no prepared data (no dataset.json): run the prepare stage first "
                    + "(mvn exec:java -Pprepare), or set preprocess.out to where it wrote");
        }
        try {
            JsonNode description = new ObjectMapper().readTree(json.toFile());
            JsonNode s = description.path("feature_spec");
            FeatureSpec spec = new FeatureSpec(s.path("sample_rate").asInt(), s.path("window_samples").asInt(),
                    s.path("n_mfcc").asInt(), s.path("n_fft").asInt(), s.path("hop_length").asInt(), s.path("n_mels").asInt(),
                    s.path("fmin").asDouble(), s.path("fmax").asDouble(), s.path("top_db").asDouble());
            return new ProcessedData(dir, spec, description);
        } catch (IOException e) {
            throw new UserError(json + ": not readable as JSON (" + e.getMessage().lines().findFirst().orElse("") + "); run prepare again");
        }
    }

    public Path dir() {
        return dir;
    }

    public FeatureSpec featureSpec() {
        return featureSpec;
    }

    /** dataset.json as written by prepare (labels, hop, chains, counts). */
    public JsonNode description() {
        return description.deepCopy();
    }

    /** Fails unless the data was prepared with {@code expected} features (say, the config's or a model's). */
    public void requireSpec(FeatureSpec expected, String whose) {
        if (!featureSpec.equals(expected)) {
            throw new UserError(dir + " was prepared with features " + featureSpec + " but " + whose + " uses " + expected
                    + "; run prepare again with the same features settings");
        }
    }

    public WindowSet read(Split split) {
        return WindowSet.read(dir, split);
    }
}
