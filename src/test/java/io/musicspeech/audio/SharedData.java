package io.musicspeech.audio;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files under the shared data folder (system property shared.dir); tests skip, saying why, without it. */
final class SharedData {

    private SharedData() {
    }

    static Path require(String relative) {
        String dir = System.getProperty("shared.dir");
        assumeTrue(dir != null, "shared data not available: system property shared.dir is not set");
        Path file = Path.of(dir).resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> "shared data not available: " + file + " is missing");
        return file;
    }
}
