package io.musicspeech.cli;

import io.musicspeech.config.Config;
import io.musicspeech.config.ResolvedConfig;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * What a stage gets: the resolved configuration, its run folder (null for stages that write
 * none) and the console.
 */
public record StageContext(ResolvedConfig resolved, Path runDir, PrintStream out) {
    public Config config() {
        return resolved.config();
    }
}
