package io.musicspeech.live;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Files under the shared folder (system property shared.dir); tests skip, saying why, without them. */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path seedModel() {
        String dir = System.getProperty("shared.dir");
        assumeTrue(dir != null, "system property shared.dir is not set; the test needs seed-model/model.keras");
        Path file = Path.of(dir, "seed-model", "model.keras").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(file), () -> "no " + file + "; test skipped");
        return file;
    }
}
