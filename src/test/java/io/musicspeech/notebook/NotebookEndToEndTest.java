package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.UserError;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real notebooks through Debian's jupyter nbconvert and the kernel, as mvn -Pnotebooks verify does. */
class NotebookEndToEndTest {
    private static final Path JUPYTER = Path.of(NotebookRunner.DEFAULT_JUPYTER);

    @TempDir
    Path dir;
    private NotebookRunner runner;

    @BeforeEach
    void writeKernelSpec() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(JUPYTER) && Files.isExecutable(JUPYTER.resolveSibling("jupyter-nbconvert")),
                "skipped: " + JUPYTER + " nbconvert is not installed (apt-get install --no-install-recommends "
                        + NotebookRunner.PACKAGES + ")");
        // The test JVM's classpath has the project's classes and dependencies, like the packaged spec.
        KernelSpec.write(dir.resolve("jupyter"), KernelSpec.javaOfThisJvm(), System.getProperty("java.class.path"),
                List.of("-Xmx512m", "-Djava.awt.headless=true"));
        runner = new NotebookRunner(JUPYTER, dir.resolve("jupyter"), dir.resolve("out"));
    }

    @Test
    void goodNotebookRunsAndKeepsItsOutputs() throws Exception {
        Path notebooks = copy("smoke.ipynb", "notebooks");
        runner.runAll(notebooks);

        JsonNode executed = new ObjectMapper().readTree(dir.resolve("out/smoke.ipynb").toFile());
        List<JsonNode> outputs = new ArrayList<>();
        executed.get("cells").forEach(cell -> cell.get("outputs").forEach(outputs::add));
        assertTrue(outputs.stream().anyMatch(o -> o.path("text").toString().contains("hello from the kernel")), outputs.toString());
        assertTrue(outputs.stream().anyMatch(o -> o.path("data").has("image/png")), "the chart is a PNG: " + outputs);
        assertTrue(outputs.stream().anyMatch(o -> o.path("data").path("text/html").toString().contains("<table>")), outputs.toString());
        assertTrue(outputs.stream().anyMatch(o -> o.path("output_type").asText().equals("execute_result")
                && o.path("data").path("text/plain").toString().contains("2")), outputs.toString());
        assertTrue(Files.size(dir.resolve("out/smoke.html")) > 0);
    }

    @Test
    void failingCellMakesNbconvertFail() throws Exception {
        Path notebooks = copy("failing.ipynb", "failing");
        // runAll fails exactly when nbconvert exits non-zero; one run keeps the test short
        UserError error = assertThrows(UserError.class, () -> runner.runAll(notebooks));
        assertEquals("notebooks failed: failing.ipynb (nbconvert's output above names the cell)", error.getMessage());
        assertFalse(Files.exists(dir.resolve("out/failing.ipynb")), "nbconvert writes nothing for a failed notebook");
    }

    private Path copy(String resource, String folder) throws IOException, URISyntaxException {
        Path target = Files.createDirectories(dir.resolve(folder));
        Files.copy(Path.of(getClass().getResource("/notebook/" + resource).toURI()), target.resolve(resource));
        return target;
    }
}
