package io.musicspeech.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads YAML mappings (safe types only) and writes them back in block style. */
final class YamlFiles {
    private YamlFiles() {
    }

    static Map<String, Object> readMapping(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object loaded = safeYaml().load(reader);
            if (loaded == null) {
                return new LinkedHashMap<>();
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new ConfigError(file + ": expected key: value pairs at the top level");
            }
            return stringKeys(map, file);
        } catch (NoSuchFileException e) {
            throw new ConfigError(file + ": configuration file not found");
        } catch (IOException e) {
            throw new ConfigError(file + ": cannot read (" + e.getMessage() + ")");
        } catch (YAMLException e) {
            throw new ConfigError(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** A mapping from YAML text (a resolved configuration that travelled as text). */
    static Map<String, Object> parseMapping(String text, String what) {
        try {
            Object loaded = safeYaml().load(text);
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new ConfigError(what + ": expected key: value pairs at the top level");
            }
            return stringKeys(map, Path.of(what));
        } catch (YAMLException e) {
            throw new ConfigError(what + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Parses one override value: null, booleans and numbers (1e-3 included, which YAML 1.1 would
     * leave a string) become typed values so the resolved config records them as such; flow
     * lists and maps are parsed as YAML; anything else stays a string.
     */
    static Object parseOverrideValue(String text) {
        String trimmed = text.trim();
        if (trimmed.equals("null") || trimmed.equals("~")) {
            return null;
        }
        if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
            try {
                return safeYaml().load(trimmed);
            } catch (YAMLException e) {
                throw new ConfigError("cannot parse '" + text + "' as a YAML list or mapping");
            }
        }
        if (trimmed.equals("true") || trimmed.equals("false")) {
            return Boolean.parseBoolean(trimmed);
        }
        if (trimmed.matches("[-+]?\\d+")) {
            try {
                return Long.parseLong(trimmed);
            } catch (NumberFormatException tooLong) {
                return trimmed;
            }
        }
        if (trimmed.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return Double.parseDouble(trimmed);
        }
        return trimmed;
    }

    static String dump(Map<String, Object> tree) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        return new Yaml(options).dump(tree);
    }

    private static Yaml safeYaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map, Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                value = stringKeys(nested, file);
            }
            out.put(String.valueOf(entry.getKey()), value);
        }
        return out;
    }
}
