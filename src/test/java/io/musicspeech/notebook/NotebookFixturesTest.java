package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.musicspeech.config.ConfigLoader;
import io.musicspeech.config.ResolvedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookFixturesTest {
    @TempDir
    Path dir;

    @Test
    void everyFixtureCommandIsAValidConfigurationAndStaysSmall() {
        NotebookFixtures fixtures = new NotebookFixtures(Path.of("config"), dir.resolve("data"), dir.resolve("work"));
        List<List<String>> commands = fixtures.commands();
        assertEquals(List.of("prepare", "train", "train", "crossval"), commands.stream().map(c -> c.get(0)).toList());
        for (List<String> command : commands) {
            ResolvedConfig resolved = new ConfigLoader(Path.of("config")).load(command.subList(1, command.size()));
            if (!command.get(0).equals("prepare")) {
                assertTrue(resolved.config().train().epochs() <= 3, command.toString());
            }
            assertTrue(resolved.config().augment().chains().isEmpty(), command.toString());
            assertTrue(resolved.config().run().outputs().endsWith(Path.of("work", "outputs")), command.toString());
        }
    }

    @Test
    void withoutTheDevelopmentDataItSaysSoAndMakesNoRuns() throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work.resolve("outputs/2020-01-01/00-00-00")); // a stale run from an earlier build
        boolean made = new NotebookFixtures(Path.of("config"), dir.resolve("no-such-data"), work).make();
        assertFalse(made);
        assertFalse(Files.exists(work), "stale runs are removed, so the notebook reports none");
    }
}
