package io.musicspeech.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicBoolean ran = new AtomicBoolean();

    private final Stage probe = new Stage() {
        @Override
        public String name() {
            return "probe";
        }

        @Override
        public String summary() {
            return "test stage";
        }

        @Override
        public void run(StageContext context) {
            ran.set(true);
            context.out().println("epochs=" + context.config().train().epochs());
        }
    };

    private int run(String... args) {
        Cli cli = new Cli(List.of(probe, new ShowConfigStage()), Path.of("config"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return cli.run(args);
    }

    @Test
    void stageRunsWithOverridesInItsOwnRunFolder(@TempDir Path dir) throws Exception {
        assertEquals(Cli.OK, run("probe", "run.outputs=" + dir, "train.epochs=2"));
        assertTrue(ran.get());
        assertTrue(out.toString().contains("epochs=2"), out.toString());
        try (var days = Files.list(dir)) {
            Path day = days.findFirst().orElseThrow();
            try (var runs = Files.list(day)) {
                assertTrue(Files.readString(runs.findFirst().orElseThrow().resolve("config.yaml")).contains("epochs: 2"));
            }
        }
    }

    @Test
    void configErrorStopsBeforeAnyWorkWithOneLine(@TempDir Path dir) {
        assertEquals(Cli.USER_ERROR, run("probe", "run.outputs=" + dir, "train.epohcs=2"));
        assertFalse(ran.get());
        String message = err.toString();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("error: unknown key 'train.epohcs'; did you mean 'train.epochs'?"), message);
        assertFalse(Files.exists(dir.resolve("x")));
        assertEquals(0, dir.toFile().list().length, "no run folder for a run that never started");
    }

    @Test
    void unknownStageListsTheStages() {
        assertEquals(Cli.USER_ERROR, run("trian"));
        assertEquals("error: unknown stage 'trian'; stages: probe, config", err.toString().strip());
    }

    @Test
    void helpListsStagesAndNoArgumentsIsAnError() {
        assertEquals(Cli.OK, run("--help"));
        assertTrue(out.toString().contains("probe"));
        assertEquals(Cli.USER_ERROR, run());
    }

    @Test
    void configStagePrintsTheResolvedConfigWithoutARunFolder() {
        assertEquals(Cli.OK, run("config", "decision.threshold=0.5"));
        assertTrue(out.toString().contains("threshold: 0.5"), out.toString());
        assertFalse(out.toString().contains("run folder"));
    }
}
