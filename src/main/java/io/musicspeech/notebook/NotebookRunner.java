package io.musicspeech.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.musicspeech.UserError;

/**
 * Executes every notebooks/*.ipynb with Debian's jupyter nbconvert and the project's kernel,
 * writing the executed notebook and its HTML to the output folder. A failing cell makes nbconvert
 * exit non-zero; all notebooks still run, then the failures are reported together.
 */
public final class NotebookRunner {
    static final String DEFAULT_JUPYTER = "/usr/bin/jupyter";
    static final String PACKAGES = "jupyter-nbconvert jupyter-client python3-ipykernel";
    /** Seconds one cell may run before nbconvert interrupts it and fails. */
    static final int CELL_TIMEOUT_SECONDS = 600;

    private final Path jupyter;
    private final Path jupyterPath;
    private final Path outputDir;

    /**
     * @param jupyter     the jupyter command (Debian's, not a pyenv shim)
     * @param jupyterPath the folder holding kernels/music-speech-java (becomes JUPYTER_PATH)
     */
    public NotebookRunner(Path jupyter, Path jupyterPath, Path outputDir) {
        this.jupyter = jupyter;
        this.jupyterPath = jupyterPath.toAbsolutePath();
        this.outputDir = outputDir.toAbsolutePath();
    }

    /** @param args notebooks folder, output folder, JUPYTER_PATH folder[, jupyter command] */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: NotebookRunner <notebooks-dir> <output-dir> <jupyter-path> [jupyter]");
        }
        Path jupyter = Path.of(args.length > 3 ? args[3] : DEFAULT_JUPYTER);
        new NotebookRunner(jupyter, Path.of(args[2]), Path.of(args[1])).runAll(Path.of(args[0]));
    }

    /** Runs every *.ipynb directly in the folder (sorted); a missing or empty folder is nothing to do. */
    public void runAll(Path notebooksDir) throws IOException, InterruptedException {
        List<Path> notebooks = notebooks(notebooksDir);
        if (notebooks.isEmpty()) {
            System.out.println("No notebooks in " + notebooksDir + ": nothing to execute");
            return;
        }
        requireJupyter();
        List<String> failed = new ArrayList<>();
        for (Path notebook : notebooks) {
            System.out.println("Executing " + notebook);
            if (execute(notebook) != 0 || toHtml(outputDir.resolve(notebook.getFileName())) != 0) {
                failed.add(notebook.getFileName().toString());
            }
        }
        if (!failed.isEmpty()) {
            throw new UserError("notebooks failed: " + String.join(", ", failed) + " (nbconvert's output above names the cell)");
        }
        System.out.println(notebooks.size() + " notebook(s) executed into " + outputDir);
    }

    /** Executes one notebook into the output folder; returns nbconvert's exit code (non-zero when a cell failed). */
    public int execute(Path notebook) throws IOException, InterruptedException {
        requireJupyter();
        return nbconvert("--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_SECONDS,
                "--ExecutePreprocessor.kernel_name=" + KernelSpec.NAME,
                "--output-dir", outputDir.toString(), notebook.toAbsolutePath().toString());
    }

    /** Converts an executed notebook to HTML next to it (no second execution). */
    public int toHtml(Path executed) throws IOException, InterruptedException {
        return nbconvert("--to", "html", "--output-dir", outputDir.toString(), executed.toString());
    }

    static List<Path> notebooks(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ipynb") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    private int nbconvert(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(jupyter.toString(), "nbconvert"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("JUPYTER_PATH", jupyterPath.toString());
        return builder.start().waitFor();
    }

    /** Debian's jupyter is a launcher; nbconvert is a separate package with its own command next to it. */
    private void requireJupyter() {
        Path nbconvert = jupyter.resolveSibling("jupyter-nbconvert");
        if (!Files.isExecutable(jupyter) || !Files.isExecutable(nbconvert)) {
            throw new UserError("cannot run notebooks: " + jupyter + " or " + nbconvert + " is missing; install Debian's packages: "
                    + "apt-get install -y --no-install-recommends " + PACKAGES);
        }
    }
}
