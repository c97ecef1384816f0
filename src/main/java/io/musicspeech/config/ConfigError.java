package io.musicspeech.config;

import io.musicspeech.UserError;

/** A configuration problem: names the key (dotted path) and what is allowed there. */
public class ConfigError extends UserError {
    public ConfigError(String message) {
        super(message);
    }
}
