package io.musicspeech.config;

/**
 * Thrown by a config record's constructor when a value is impossible. It carries only the
 * record-local key; the binder, which knows where the record sits, adds the section path.
 */
public class InvalidValue extends RuntimeException {
    private final String key;

    public InvalidValue(String key, String problem) {
        super(problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
