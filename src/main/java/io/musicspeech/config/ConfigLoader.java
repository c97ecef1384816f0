package io.musicspeech.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hydra-like loading: {@code config.yaml} with a {@code defaults} list of groups
 * ({@code - model: cnn} reads {@code <dir>/model/cnn.yaml} into section {@code model}),
 * then command-line overrides: {@code group=option} picks another group file, {@code a.b=c}
 * sets a value. Everything is checked against the typed records before any work starts.
 */
public final class ConfigLoader {
    public static final String MAIN_FILE = "config.yaml";
    private static final List<String> SCHEMA_PATHS = KeyNames.paths(Config.class, "");

    private final Path configDir;

    public ConfigLoader(Path configDir) {
        this.configDir = configDir;
    }

    public ResolvedConfig load(List<String> overrideArgs) {
        List<Override> overrides = overrideArgs.stream().map(Override::parse).toList();
        Map<String, Object> main = YamlFiles.readMapping(configDir.resolve(MAIN_FILE));
        Map<String, String> groups = defaultGroups(main.remove("defaults"));

        List<Override> valueOverrides = new ArrayList<>();
        for (Override override : overrides) {
            if (groups.containsKey(override.key())) {
                groups.put(override.key(), override.value());
            } else {
                valueOverrides.add(override);
            }
        }

        Map<String, Object> tree = new LinkedHashMap<>();
        for (Map.Entry<String, String> group : groups.entrySet()) {
            tree.put(group.getKey(), readGroupOption(group.getKey(), group.getValue()));
        }
        mergeInto(tree, main);
        for (Override override : valueOverrides) {
            checkKnown(override.key());
            set(tree, override.key(), YamlFiles.parseOverrideValue(override.value()));
        }
        Config config = new ConfigBinder(Config.class).bind(tree, Config.class);
        return new ResolvedConfig(config, groups, tree, List.copyOf(overrideArgs));
    }

    /**
     * The configuration a {@link ResolvedConfig#toYaml()} wrote, without the config folder: how a
     * run's exact settings reach the JVMs of a cluster (the groups are already merged in).
     */
    public static Config fromResolvedYaml(String yaml) {
        Map<String, Object> tree = YamlFiles.parseMapping(yaml, "resolved configuration");
        tree.remove("defaults");
        return new ConfigBinder(Config.class).bind(tree, Config.class);
    }

    /** The options a group offers: the YAML files in its folder. */
    public List<String> options(String group) {
        try (Stream<Path> files = Files.list(configDir.resolve(group))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    private Map<String, String> defaultGroups(Object defaults) {
        Map<String, String> groups = new LinkedHashMap<>();
        if (defaults == null) {
            return groups;
        }
        if (!(defaults instanceof List<?> list)) {
            throw new ConfigError(configDir.resolve(MAIN_FILE) + ": 'defaults' must be a list like [{model: cnn}]");
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> choice) || choice.size() != 1) {
                throw new ConfigError(configDir.resolve(MAIN_FILE) + ": each 'defaults' entry must be 'group: option', got " + item);
            }
            Map.Entry<?, ?> entry = choice.entrySet().iterator().next();
            groups.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
        }
        return groups;
    }

    /**
     * Reads one option of a group. An option may start from others of its group, as in Hydra:
     * {@code defaults: [default]} at its top merges {@code default.yaml} first, then the option.
     */
    private Map<String, Object> readGroupOption(String group, String option) {
        return readGroupOption(group, option, new java.util.ArrayDeque<>());
    }

    private Map<String, Object> readGroupOption(String group, String option, java.util.Deque<String> including) {
        Path file = configDir.resolve(group).resolve(option + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new ConfigError("no option '" + option + "' for group '" + group + "' (" + file
                    + " does not exist); available: " + String.join(", ", options(group)));
        }
        if (including.contains(option)) {
            throw new ConfigError(file + ": 'defaults' includes itself through " + String.join(" -> ", including));
        }
        Map<String, Object> own = YamlFiles.readMapping(file);
        Object bases = own.remove("defaults");
        if (bases == null) {
            return own;
        }
        if (!(bases instanceof List<?> baseOptions)) {
            throw new ConfigError(file + ": 'defaults' must be a list of options of group '" + group + "', like [default]");
        }
        including.push(option);
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Object base : baseOptions) {
            mergeInto(merged, readGroupOption(group, String.valueOf(base), including));
        }
        including.pop();
        mergeInto(merged, own);
        return merged;
    }

    /** Rejects a key the schema does not know before it is set, with the nearest valid key. */
    private static void checkKnown(String key) {
        for (String path : SCHEMA_PATHS) {
            if (matches(path, key)) {
                return;
            }
        }
        String suggestion = KeySuggester.nearest(key, SCHEMA_PATHS.stream().filter(p -> !p.contains("<")).toList())
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("; see config/config.yaml for the keys");
        throw new ConfigError("unknown key '" + key + "'" + suggestion);
    }

    private static boolean matches(String schemaPath, String key) {
        String[] schema = schemaPath.split("\\.");
        String[] parts = key.split("\\.");
        if (schema.length != parts.length) {
            return false;
        }
        for (int i = 0; i < schema.length; i++) {
            if (!schema[i].equals("<name>") && !schema[i].equals(parts[i])) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> source) {
        for (Map.Entry<String, Object> entry : source.entrySet()) {
            Object existing = target.get(entry.getKey());
            // Mappings merge key by key; an explicitly empty one ({}) replaces, so an option can clear a list of chains.
            if (existing instanceof Map<?, ?> existingMap && entry.getValue() instanceof Map<?, ?> sourceMap && !sourceMap.isEmpty()) {
                mergeInto((Map<String, Object>) existingMap, (Map<String, Object>) sourceMap);
            } else {
                target.put(entry.getKey(), entry.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, String dottedKey, Object value) {
        String[] parts = dottedKey.split("\\.");
        Map<String, Object> node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (child == null) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            } else if (!(child instanceof Map<?, ?>)) {
                throw new ConfigError("cannot set '" + dottedKey + "': '" + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                        + "' is a value, not a section");
            }
            node = (Map<String, Object>) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    /** One {@code key=value} argument. */
    record Override(String key, String value) {
        static Override parse(String arg) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new ConfigError("'" + arg + "' is not an override: write key=value (e.g. train.epochs=10) or group=option (e.g. model=cnn)");
            }
            String key = arg.substring(0, eq).trim();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*")) {
                throw new ConfigError("'" + key + "' is not a valid key: use dotted names like features.n_mfcc");
            }
            return new Override(key, arg.substring(eq + 1));
        }
    }
}
