package io.musicspeech.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.musicspeech.UserError;

/**
 * Executes every notebooks/*.ipynb with Debian's jupyter nbconvert and the project's kernel,
 * writing the executed notebook and its HTML to the output folder. A failing cell makes nbconvert
 * exit non-zero; all notebooks still run, then the failures are reported together. Each executed
 * notebook's figures (PNG outputs) and tables (HTML tables) are counted; when outputs are required,
 * a notebook without either fails too (a notebook that ran but drew nothing is broken as well).
 */
public final class NotebookRunner {
    static final String DEFAULT_JUPYTER = "/usr/bin/jupyter";
    static final String PACKAGES = "jupyter-nbconvert jupyter-client python3-ipykernel";
    /** Seconds one cell may run before nbconvert interrupts it and fails. */
    static final int CELL_TIMEOUT_SECONDS = 600;

    private final Path jupyter;
    private final Path jupyterPath;
    private final Path outputDir;
    private final Map<String, String> environment;
    private final boolean requireOutputs;

    /** What an executed notebook shows: its PNG outputs and its HTML tables. */
    record Outputs(int figures, int tables) {
    }

    /**
     * @param jupyter     the jupyter command (Debian's, not a pyenv shim)
     * @param jupyterPath the folder holding kernels/music-speech-java (becomes JUPYTER_PATH)
     */
    public NotebookRunner(Path jupyter, Path jupyterPath, Path outputDir) {
        this(jupyter, jupyterPath, outputDir, Map.of(), false);
    }

    /**
     * @param environment    extra environment variables for nbconvert and so for the kernel and the cells
     * @param requireOutputs fail a notebook whose executed copy has no PNG figure or no HTML table
     */
    public NotebookRunner(Path jupyter, Path jupyterPath, Path outputDir, Map<String, String> environment, boolean requireOutputs) {
        this.jupyter = jupyter;
        this.jupyterPath = jupyterPath.toAbsolutePath();
        this.outputDir = outputDir.toAbsolutePath();
        this.environment = Map.copyOf(environment);
        this.requireOutputs = requireOutputs;
    }

    /**
     * @param args notebooks folder, output folder, JUPYTER_PATH folder[, jupyter command], then options:
     *             {@code --env=NAME=VALUE} (repeatable) and {@code --require-outputs-when=PATH} (figures
     *             and tables are required when PATH exists, e.g. the development data the notebooks draw)
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: NotebookRunner <notebooks-dir> <output-dir> <jupyter-path> [jupyter]"
                    + " [--env=NAME=VALUE ...] [--require-outputs-when=PATH]");
        }
        Path jupyter = Path.of(args.length > 3 && !args[3].startsWith("--") ? args[3] : DEFAULT_JUPYTER);
        Map<String, String> environment = new LinkedHashMap<>();
        boolean requireOutputs = false;
        for (int i = 3; i < args.length; i++) {
            if (args[i].startsWith("--env=") && args[i].indexOf('=', 6) > 6) {
                String entry = args[i].substring(6);
                environment.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            } else if (args[i].startsWith("--require-outputs-when=")) {
                Path condition = Path.of(args[i].substring("--require-outputs-when=".length()));
                requireOutputs = Files.exists(condition);
                System.out.println(requireOutputs ? "Figures and tables required: " + condition + " is there"
                        : "Figures and tables not required: " + condition + " is absent");
            } else if (i != 3 || args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        new NotebookRunner(jupyter, Path.of(args[2]), Path.of(args[1]), environment, requireOutputs).runAll(Path.of(args[0]));
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
        List<String> empty = new ArrayList<>();
        for (Path notebook : notebooks) {
            System.out.println("Executing " + notebook);
            long start = System.nanoTime();
            Path executed = outputDir.resolve(notebook.getFileName());
            if (execute(notebook) != 0 || toHtml(executed) != 0) {
                failed.add(notebook.getFileName().toString());
                continue;
            }
            Outputs outputs = outputs(executed);
            System.out.printf(Locale.ROOT, "%s: %d figure(s), %d table(s), %.0f s%n", notebook.getFileName(),
                    outputs.figures(), outputs.tables(), (System.nanoTime() - start) / 1e9);
            if (requireOutputs && (outputs.figures() == 0 || outputs.tables() == 0)) {
                empty.add(notebook.getFileName() + " (" + outputs.figures() + " figures, " + outputs.tables() + " tables)");
            }
        }
        List<String> problems = new ArrayList<>();
        if (!failed.isEmpty()) {
            problems.add("notebooks failed: " + String.join(", ", failed) + " (nbconvert's output above names the cell)");
        }
        if (!empty.isEmpty()) {
            problems.add("notebooks ran but lack a figure or a table: " + String.join(", ", empty));
        }
        if (!problems.isEmpty()) {
            throw new UserError(String.join("; ", problems));
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

    /** Counts the PNG outputs and the HTML outputs holding a table in an executed notebook. */
    static Outputs outputs(Path executed) throws IOException {
        JsonNode notebook = new ObjectMapper().readTree(executed.toFile());
        int figures = 0;
        int tables = 0;
        for (JsonNode cell : notebook.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                JsonNode data = output.path("data");
                figures += data.has("image/png") ? 1 : 0;
                // nbformat stores multi-line text as a list of lines or as one string
                StringBuilder html = new StringBuilder();
                JsonNode htmlNode = data.path("text/html");
                if (htmlNode.isArray()) {
                    htmlNode.forEach(line -> html.append(line.asText()));
                } else {
                    html.append(htmlNode.asText(""));
                }
                tables += html.indexOf("<table") >= 0 ? 1 : 0;
            }
        }
        return new Outputs(figures, tables);
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
        builder.environment().putAll(environment);
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
