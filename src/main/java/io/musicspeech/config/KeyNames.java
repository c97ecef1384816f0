package io.musicspeech.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/** Maps record components to YAML keys (sampleRate -> sample_rate) and lists the valid key paths. */
final class KeyNames {
    private KeyNames() {
    }

    static String yamlKey(RecordComponent component) {
        String name = component.getName();
        StringBuilder key = new StringBuilder(name.length() + 4);
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                key.append('_').append(Character.toLowerCase(c));
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** Every dotted key path a record type accepts (nested records expanded), for suggestions. */
    static List<String> paths(Class<?> recordType, String prefix) {
        List<String> paths = new ArrayList<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            String path = join(prefix, yamlKey(component));
            paths.add(path);
            Type type = component.getGenericType();
            if (type instanceof Class<?> c && c.isRecord()) {
                paths.addAll(paths(c, path));
            } else if (type instanceof ParameterizedType p && p.getRawType() == java.util.Map.class) {
                // A free mapping: any name below it is a key (e.g. a label folder).
                String entryPath = path + ".<name>";
                paths.add(entryPath);
                if (p.getActualTypeArguments()[1] instanceof Class<?> v && v.isRecord()) {
                    paths.addAll(paths(v, entryPath));
                }
            }
        }
        return paths;
    }
}
