package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotebookRunnerTest {
    @TempDir
    Path dir;

    @Test
    void missingJupyterNamesTheDebianPackages() throws Exception {
        Files.writeString(dir.resolve("a.ipynb"), "{}");
        NotebookRunner runner = new NotebookRunner(dir.resolve("no-such/jupyter"), dir, dir.resolve("out"));
        UserError error = assertThrows(UserError.class, () -> runner.runAll(dir));
        assertTrue(error.getMessage().contains("apt-get install -y --no-install-recommends jupyter-nbconvert"), error.getMessage());
    }

    @Test
    void noNotebooksIsNothingToDoEvenWithoutJupyter() throws Exception {
        NotebookRunner runner = new NotebookRunner(dir.resolve("no-such/jupyter"), dir, dir.resolve("out"));
        runner.runAll(dir.resolve("notebooks")); // a folder that does not exist
        runner.runAll(dir);
    }

    @Test
    void countsPngFiguresAndHtmlTablesInBothTextForms() throws Exception {
        Path executed = dir.resolve("executed.ipynb");
        Files.writeString(executed, """
                {"cells": [
                  {"cell_type": "markdown", "source": ["<table>in prose</table>"]},
                  {"cell_type": "code", "outputs": [
                    {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo=", "text/plain": ["<Figure>"]}},
                    {"output_type": "execute_result", "data": {"text/html": ["<table>\\n", "<tr><td>1</td></tr>\\n", "</table>"]}},
                    {"output_type": "display_data", "data": {"text/html": "<table><tr><td>2</td></tr></table>"}},
                    {"output_type": "display_data", "data": {"text/html": ["<b>no table here</b>"]}},
                    {"output_type": "stream", "name": "stdout", "text": ["<table> printed as text\\n"]}
                  ]},
                  {"cell_type": "code", "outputs": [
                    {"output_type": "display_data", "data": {"image/png": "iVBORw0KGgo="}}
                  ]}
                ]}
                """);
        assertEquals(new NotebookRunner.Outputs(2, 2), NotebookRunner.outputs(executed));
    }

    @Test
    void notebooksAreTheFolderIpynbFilesInOrder() throws Exception {
        for (String name : List.of("b.ipynb", "a.ipynb", "notes.txt")) {
            Files.writeString(dir.resolve(name), "{}");
        }
        Files.createDirectories(dir.resolve(".ipynb_checkpoints"));
        Files.writeString(dir.resolve(".ipynb_checkpoints/a-checkpoint.ipynb"), "{}");
        assertEquals(List.of(dir.resolve("a.ipynb"), dir.resolve("b.ipynb")), NotebookRunner.notebooks(dir));
    }
}
