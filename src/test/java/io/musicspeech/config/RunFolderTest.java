package io.musicspeech.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFolderTest {
    @Test
    void writesResolvedConfigUnderDateAndTimeAndNeverReusesAFolder(@TempDir Path dir) throws IOException {
        ResolvedConfig resolved = new ConfigLoader(Path.of("config"))
                .load(List.of("run.outputs=" + dir.resolve("outputs"), "train.epochs=9"));
        LocalDateTime start = LocalDateTime.of(2026, 11, 23, 21, 5, 9);

        Path first = RunFolder.create(resolved, start);
        Path second = RunFolder.create(resolved, start);

        assertEquals(dir.resolve("outputs/2026-11-23/21-05-09"), first);
        assertEquals(dir.resolve("outputs/2026-11-23/21-05-09_1"), second);
        assertNotEquals(first, second);
        String written = Files.readString(first.resolve("config.yaml"));
        assertEquals(resolved.toYaml(), written);
        assertTrue(written.contains("epochs: 9"), written);
    }
}
