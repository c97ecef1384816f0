package io.musicspeech.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicspeech.features.FeatureSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link FeatureSpec} as it is written in a bundle (snake_case, the config's own key names) and
 * the comparison that tells a user which config keys disagree with a model.
 */
final class FeatureSpecJson {

    /**
     * One spec field: its JSON key, the config key a user would change, its value, and whether it
     * is about the audio (sample rate, window length: decoders and hops use the config's) rather
     * than about the features computed from a window (which a bundle brings with it).
     */
    private record Field(String json, String configKey, Function<FeatureSpec, Number> value, boolean audio) {
    }

    private static final List<Field> FIELDS = List.of(
            new Field("sample_rate", "audio.sample_rate", FeatureSpec::sampleRate, true),
            new Field("window_samples", "window samples (features.window_seconds x audio.sample_rate)", FeatureSpec::windowSamples,
                    true),
            new Field("n_mfcc", "features.n_mfcc", FeatureSpec::nMfcc, false),
            new Field("n_fft", "features.n_fft", FeatureSpec::nFft, false),
            new Field("hop_length", "features.hop_length", FeatureSpec::hopLength, false),
            new Field("n_mels", "features.n_mels", FeatureSpec::nMels, false),
            new Field("fmin", "features.fmin", FeatureSpec::fmin, false),
            new Field("fmax", "features.fmax", FeatureSpec::fmax, false),
            new Field("top_db", "features.top_db", FeatureSpec::topDb, false));

    private FeatureSpecJson() {
    }

    static ObjectNode toJson(FeatureSpec spec) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Field f : FIELDS) {
            Number v = f.value().apply(spec);
            if (v instanceof Integer i) {
                node.put(f.json(), i);
            } else {
                node.put(f.json(), v.doubleValue());
            }
        }
        return node;
    }

    /** @throws IllegalArgumentException naming the first missing or non-numeric key */
    static FeatureSpec fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("'feature_spec' is missing or not an object");
        }
        for (Field f : FIELDS) {
            JsonNode v = node.get(f.json());
            if (v == null || !v.isNumber()) {
                throw new IllegalArgumentException("'feature_spec." + f.json() + "' is missing or not a number");
            }
        }
        return new FeatureSpec(node.get("sample_rate").intValue(), node.get("window_samples").intValue(),
                node.get("n_mfcc").intValue(), node.get("n_fft").intValue(), node.get("hop_length").intValue(),
                node.get("n_mels").intValue(), node.get("fmin").doubleValue(), node.get("fmax").doubleValue(),
                node.get("top_db").doubleValue());
    }

    /**
     * "audio.sample_rate=16000 but the config says 22050" for every audio field (sample rate, window
     * length: what decoders and hops use) where {@code model} and {@code config} differ; a bundle
     * brings its own MFCC settings.
     */
    static List<String> audioDifferences(FeatureSpec model, FeatureSpec config) {
        List<String> out = new ArrayList<>();
        for (Field f : FIELDS) {
            if (!f.audio()) {
                continue;
            }
            Number m = f.value().apply(model);
            Number c = f.value().apply(config);
            if (!m.equals(c)) {
                out.add(f.configKey() + "=" + m + " but the config says " + c);
            }
        }
        return out;
    }
}
