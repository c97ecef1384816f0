package io.musicspeech.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of loading: the typed config, the group options chosen, the merged tree (kept so
 * a run can write exactly what it ran with) and the command-line overrides that made it.
 */
public record ResolvedConfig(Config config, Map<String, String> groups, Map<String, Object> tree, List<String> overrides) {

    /** The resolved configuration as YAML, with the chosen group options as a Hydra-style defaults list. */
    public String toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("defaults", groups.entrySet().stream().map(e -> Map.of(e.getKey(), e.getValue())).toList());
        out.putAll(tree);
        return YamlFiles.dump(out);
    }

    /** The chosen option of a group, e.g. groups().get("model") == "cnn". */
    public String group(String name) {
        return groups.get(name);
    }
}
