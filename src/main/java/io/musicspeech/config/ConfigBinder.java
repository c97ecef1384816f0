package io.musicspeech.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the merged YAML tree into typed config records. The records are the schema: a key
 * that no record component names is unknown, a value that does not convert is the wrong type,
 * and a record constructor that throws {@link InvalidValue} reports an impossible value.
 * Every YAML key must be present (config/config.yaml is the one place defaults live).
 */
final class ConfigBinder {
    private final List<String> validPaths;

    ConfigBinder(Class<?> rootType) {
        this.validPaths = KeyNames.paths(rootType, "");
    }

    <T> T bind(Map<?, ?> tree, Class<T> rootType) {
        return rootType.cast(bindRecord(tree, rootType, ""));
    }

    private Object bindRecord(Map<?, ?> values, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent component : components) {
            byKey.put(KeyNames.yamlKey(component), component);
        }
        for (Object key : values.keySet()) {
            if (!byKey.containsKey(String.valueOf(key))) {
                throw unknownKey(KeyNames.join(path, String.valueOf(key)), byKey.keySet(), path);
            }
        }
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent component = components[i];
            String key = KeyNames.yamlKey(component);
            String keyPath = KeyNames.join(path, key);
            if (!values.containsKey(key)) {
                throw new ConfigError(keyPath + " is missing: every key needs a value in config/config.yaml or its group file");
            }
            Object raw = values.get(key);
            if (raw == null) {
                if (!component.isAnnotationPresent(Nullable.class)) {
                    throw new ConfigError(keyPath + " must be set (null is not allowed here)");
                }
                args[i] = null;
            } else {
                args[i] = convert(raw, component.getGenericType(), keyPath);
            }
        }
        return construct(type, components, args, path);
    }

    private static Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] parameterTypes = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(parameterTypes);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidValue invalid) {
                throw new ConfigError(KeyNames.join(path, invalid.key()) + " " + invalid.getMessage());
            }
            if (e.getCause() instanceof ConfigError error) {
                throw error;
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private Object convert(Object raw, Type type, String path) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> rawType = (Class<?>) parameterized.getRawType();
            Type[] typeArgs = parameterized.getActualTypeArguments();
            if (rawType == List.class) {
                return convertList(raw, typeArgs[0], path);
            }
            if (rawType == Map.class) {
                return convertMap(raw, typeArgs[1], path);
            }
            throw new IllegalStateException("unsupported config type " + type + " at " + path);
        }
        Class<?> target = (Class<?>) type;
        if (target.isRecord()) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw wrongType(path, "a section (key: value pairs)", raw);
            }
            return bindRecord(map, target, path);
        }
        return Scalars.convert(raw, target, path);
    }

    private List<Object> convertList(Object raw, Type elementType, String path) {
        if (!(raw instanceof List<?> list)) {
            if (elementType == Path.class && !(raw instanceof Map<?, ?>)) {
                // One path where a list of paths is allowed: the list of that one path.
                return List.of(convert(raw, elementType, path));
            }
            throw wrongType(path, "a list like [a, b]", raw);
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object element = list.get(i);
            if (element == null) {
                throw new ConfigError(path + "[" + i + "] must not be null");
            }
            out.add(convert(element, elementType, path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
    }

    private Map<String, Object> convertMap(Object raw, Type valueType, String path) {
        if (!(raw instanceof Map<?, ?> map)) {
            throw wrongType(path, "a mapping like {name: value}", raw);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (entry.getValue() == null) {
                throw new ConfigError(path + "." + key + " must not be null");
            }
            out.put(key, convert(entry.getValue(), valueType, path + "." + key));
        }
        return Collections.unmodifiableMap(out);
    }

    private ConfigError unknownKey(String keyPath, java.util.Collection<String> siblings, String sectionPath) {
        String where = sectionPath.isEmpty() ? "at the top level" : "in section '" + sectionPath + "'";
        String suggestion = KeySuggester.nearest(keyPath, validPaths)
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return new ConfigError("unknown key '" + keyPath + "'" + suggestion + " (allowed " + where + ": "
                + String.join(", ", siblings) + ")");
    }

    static ConfigError wrongType(String path, String expected, Object raw) {
        return new ConfigError(path + " must be " + expected + ", got " + describe(raw));
    }

    static String describe(Object raw) {
        if (raw instanceof Map<?, ?>) {
            return "a section";
        }
        if (raw instanceof List<?>) {
            return "a list";
        }
        return "'" + raw + "'";
    }

    /** Scalar conversion; strings come from key=value overrides, typed values from YAML. */
    static final class Scalars {
        private Scalars() {
        }

        static Object convert(Object raw, Class<?> target, String path) {
            if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
                throw wrongType(path, expected(target), raw);
            }
            String text = String.valueOf(raw).trim();
            try {
                if (target == String.class) {
                    return text;
                }
                if (target == Path.class) {
                    return Path.of(text);
                }
                if (target == int.class || target == Integer.class) {
                    return raw instanceof Number n ? Math.toIntExact(exactLong(n, path)) : Integer.parseInt(text);
                }
                if (target == long.class || target == Long.class) {
                    return raw instanceof Number n ? exactLong(n, path) : Long.parseLong(text);
                }
                if (target == double.class || target == Double.class) {
                    double value = raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
                    if (!Double.isFinite(value)) {
                        throw new ConfigError(path + " must be a finite number, got '" + text + "'");
                    }
                    return value;
                }
                if (target == boolean.class || target == Boolean.class) {
                    if (raw instanceof Boolean b) {
                        return b;
                    }
                    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                        return Boolean.parseBoolean(text);
                    }
                    throw wrongType(path, expected(target), raw);
                }
                if (target.isEnum()) {
                    return enumConstant(target, text, path);
                }
            } catch (NumberFormatException | ArithmeticException e) {
                throw wrongType(path, expected(target), raw);
            }
            throw new IllegalStateException("unsupported config type " + target + " at " + path);
        }

        private static long exactLong(Number n, String path) {
            if (n instanceof Double || n instanceof Float) {
                double d = n.doubleValue();
                if (d != Math.rint(d) || Math.abs(d) > Long.MAX_VALUE) {
                    throw wrongType(path, "a whole number", n);
                }
                return (long) d;
            }
            return n.longValue();
        }

        private static Object enumConstant(Class<?> target, String text, String path) {
            for (Object constant : target.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw wrongType(path, expected(target), text);
        }

        static String expected(Class<?> target) {
            if (target == int.class || target == Integer.class || target == long.class || target == Long.class) {
                return "a whole number";
            }
            if (target == double.class || target == Double.class) {
                return "a number";
            }
            if (target == boolean.class || target == Boolean.class) {
                return "true or false";
            }
            if (target.isEnum()) {
                return "one of " + Arrays.stream(target.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "));
            }
            return "a " + target.getSimpleName().toLowerCase(Locale.ROOT);
        }
    }
}
