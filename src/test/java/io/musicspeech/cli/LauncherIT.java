package io.musicspeech.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/music-speech on the packaged build (an integration test: it runs after mvn package). Each test
 * runs a copy of the launcher in a folder of its own that holds the build's jar and class path, so
 * the archives it writes are the test's; the stages run from the project folder, as the README says.
 */
class LauncherIT {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final String SWITCH = "MUSIC_SPEECH_STARTUP_ARCHIVE";

    @TempDir
    Path root;
    @TempDir
    Path runs;

    private Path archive;

    @BeforeEach
    void copyTheLauncherBesideTheBuild() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Files.copy(PROJECT.resolve("bin/music-speech"), root.resolve("bin/music-speech"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(PROJECT.resolve(".mvn/jvm.config"), root.resolve(".mvn/jvm.config"));
        Files.createDirectories(root.resolve("target"));
        archive = root.resolve("target/startup/config.jsa");
    }

    private void packaged() throws IOException {
        Files.copy(PROJECT.resolve("target/music-speech.jar"), root.resolve("target/music-speech.jar"));
        Files.copy(PROJECT.resolve("target/classpath.txt"), root.resolve("target/classpath.txt"));
    }

    private record Run(int code, String output) {
    }

    private Run launch(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/music-speech").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Path log = runs.resolve("launch.log");
        Process process = builder.redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("bin/music-speech did not finish: " + String.join(" ", command));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** What the launcher left in target/startup. */
    private List<Path> startupFolder() throws IOException {
        try (var left = Files.list(archive.getParent())) {
            return left.toList();
        }
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), args);
    }

    @Test
    void withoutThePackagedBuildItSaysWhichCommandMakesIt() throws Exception {
        Run run = launch("config");
        assertEquals(2, run.code(), run.output());
        assertTrue(run.output().contains("mvn package -DskipTests"), run.output());
        assertFalse(run.output().contains("Exception"), run.output());
    }

    @Test
    void theSparkStageAsksForTheSparkProfilesPackage() throws Exception {
        packaged();
        Run run = launch("spark", "spark.input=x", "spark.out=y");
        assertEquals(2, run.code(), run.output());
        assertTrue(run.output().contains("mvn -Pspark package -DskipTests"), run.output());
    }

    @Test
    void theFirstRunWritesTheStagesArchiveAndTheNextStartsFromIt() throws Exception {
        packaged();
        Run first = launch("config", "train.epochs=7");
        assertEquals(0, first.code(), first.output());
        assertTrue(first.output().contains("writes the start-up archive of the config stage"), first.output());
        assertTrue(first.output().contains("epochs: 7"), first.output());
        assertTrue(Files.isRegularFile(archive), "no archive at " + archive);
        assertEquals(List.of(archive), startupFolder(), "only the finished archive stays");

        // The project's own classes come from the archive's top layer, not from the jar.
        Path classes = runs.resolve("classes.log");
        Run second = launch(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes), "config", "train.epochs=7");
        assertEquals(0, second.code(), second.output());
        assertFalse(second.output().contains("writes the start-up archive"), second.output());
        assertEquals(first.output().substring(first.output().indexOf("train:")), second.output().substring(second.output().indexOf("train:")));
        String loaded = Files.readString(classes);
        assertTrue(loaded.contains("io.musicspeech.cli.Main source: shared objects file (top)"),
                "Main did not come from the archive:\n" + loaded.lines().filter(l -> l.contains("io.musicspeech")).limit(5).toList());

        // A build newer than the archive makes it again.
        FileTime built = Files.getLastModifiedTime(root.resolve("target/music-speech.jar"));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(built.toMillis() - 10_000));
        Run rebuilt = launch("config");
        assertEquals(0, rebuilt.code(), rebuilt.output());
        assertTrue(rebuilt.output().contains("writes the start-up archive"), rebuilt.output());
        assertTrue(Files.getLastModifiedTime(archive).compareTo(built) > 0, "the archive was not made again");
    }

    @Test
    void aFailedRunLeavesNoArchiveAndItsErrorAsTheStageGaveIt() throws Exception {
        packaged();
        Run run = launch("config", "train.no_such_key=1");
        assertNotEquals(0, run.code(), run.output());
        assertTrue(run.output().contains("no_such_key"), run.output());
        assertFalse(run.output().contains("at io.musicspeech"), "a stack trace:\n" + run.output());
        assertFalse(Files.exists(archive));
        assertEquals(List.of(), startupFolder(), "a partial archive was left");
    }

    @Test
    void theSwitchRunsWithoutAnArchive() throws Exception {
        packaged();
        Run run = launch(Map.of(SWITCH, "off"), "config");
        assertEquals(0, run.code(), run.output());
        assertFalse(Files.exists(archive));
    }
}
