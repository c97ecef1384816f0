package io.musicspeech.config;

import java.nio.file.Path;

/** @param outputs root of the per-run folders, {@code <outputs>/<yyyy-MM-dd>/<HH-mm-ss>/} */
public record RunConfig(Path outputs) {
}
