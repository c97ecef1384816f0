package io.musicspeech.notebook;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates notebook cells with JShell in this JVM and hands back the value of a cell's final
 * expression as an object. Knows nothing about Jupyter: failures are {@link CellError}s.
 */
public final class CellEvaluator implements AutoCloseable {
    /** JShell's default imports (as in IJava) and the notebooks' display helper. */
    private static final String STARTUP = String.join("\n",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static io.musicspeech.notebook.Display.display;");

    /** A cell's result: present when the cell ends in an expression (its value may be null). */
    public record Value(Object value) {
    }

    /** What the frontend should do with Enter: run the cell, wait for more, or run it and fail. */
    public enum Completeness { COMPLETE, INCOMPLETE, INVALID }

    private final CellExecutionControl control = new CellExecutionControl();
    private final JShell shell;
    /** Where each snippet came from, to translate stack frames like (#12:1) into cell lines. */
    private final Map<String, StackTraces.Origin> snippetOrigins = new HashMap<>();
    private volatile boolean interruptRequested;

    /** @param classpath path-separator list the cells compile and run against */
    public CellEvaluator(String classpath) throws CellError {
        shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
        if (!classpath.isBlank()) {
            shell.addToClasspath(classpath);
        }
        evaluate(STARTUP, 0);
    }

    /**
     * Runs every snippet of the cell in order and stops at the first that fails.
     *
     * @param cellNumber the execution count, used to name lines in stack traces
     * @return the final expression's value, or empty when the cell ends in a statement or declaration
     */
    public Optional<Value> evaluate(String code, int cellNumber) throws CellError {
        interruptRequested = false;
        control.takeStopped();
        control.takeLastValue(); // a failed cell may have left one behind
        CellSource cell = new CellSource(code, shell.sourceCodeAnalysis());
        CellSource.Snippet incomplete = cell.firstIncomplete();
        if (incomplete != null) {
            throw incomplete(cell, incomplete);
        }
        Snippet last = null;
        for (CellSource.Snippet part : cell.snippets()) {
            if (interruptRequested) {
                throw new CellInterrupted();
            }
            last = run(cell, part, cellNumber);
        }
        Object value = control.takeLastValue();
        boolean shown = last != null && isValueExpression(last)
                && !cell.snippets().get(cell.snippets().size() - 1).endsWithSemicolon();
        return shown ? Optional.of(new Value(value)) : Optional.empty();
    }

    /** For the frontend's is_complete request: may Enter run this cell? */
    public Completeness completeness(String code) {
        CellSource cell = new CellSource(code, shell.sourceCodeAnalysis());
        if (cell.firstIncomplete() != null) {
            return Completeness.INCOMPLETE;
        }
        boolean unparsable = cell.snippets().stream()
                .anyMatch(s -> s.completeness() == jdk.jshell.SourceCodeAnalysis.Completeness.UNKNOWN);
        return unparsable ? Completeness.INVALID : Completeness.COMPLETE;
    }

    /** Interrupts the running cell; safe to call from another thread, and when nothing runs. */
    public void stop() {
        interruptRequested = true;
        shell.stop();
    }

    @Override
    public void close() {
        shell.close();
    }

    private Snippet run(CellSource cell, CellSource.Snippet part, int cellNumber) throws CellError {
        List<SnippetEvent> events = shell.eval(part.source());
        if (control.takeStopped()) {
            throw new CellInterrupted();
        }
        Snippet main = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // a dependent snippet re-evaluated because this one changed it
            }
            Snippet snippet = event.snippet();
            main = snippet;
            snippetOrigins.put("#" + snippet.id(), new StackTraces.Origin(cellNumber, cell.lineAt(part.offset())));
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(cell, part, snippet);
            }
            JShellException exception = event.exception();
            if (exception instanceof UnresolvedReferenceException unresolved) {
                throw unresolved(cell, part, unresolved.getSnippet());
            }
            if (exception != null) {
                throw runtimeError(exception);
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                warnUnresolved((DeclarationSnippet) snippet);
            }
        }
        return main;
    }

    /**
     * Expressions show their value; declarations and assignments do not, nor does an expression
     * the user ended with ';' (IPython's convention: {@code list.add(x);} should not print "true").
     */
    private static boolean isValueExpression(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private CompileError compileError(CellSource cell, CellSource.Snippet part, Snippet snippet) {
        List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (errors.isEmpty()) {
            return new CompileError(List.of("Line " + cell.lineAt(part.offset()) + ": JShell rejected this snippet"));
        }
        List<String> report = new ArrayList<>();
        for (Diag diag : errors) {
            String message = diag.getMessage(Locale.ROOT);
            if (diag.getPosition() < 0) {
                report.add("Line " + cell.lineAt(part.offset()) + ": " + message);
                continue;
            }
            int start = part.offset() + (int) Math.max(0, diag.getStartPosition());
            int end = Math.max(start + 1, part.offset() + (int) diag.getEndPosition());
            int line = cell.lineAt(start);
            String text = cell.line(line);
            int column = start - cell.lineStart(start);
            int width = Math.max(1, Math.min(end, cell.lineStart(start) + text.length()) - start);
            report.add("Line " + line + ": " + message);
            report.add("    " + text);
            report.add("    " + " ".repeat(Math.min(column, text.length())) + "^".repeat(width));
        }
        return new CompileError(report);
    }

    private IncompleteCell incomplete(CellSource cell, CellSource.Snippet part) {
        int line = cell.lineAt(part.offset());
        String message = "the code from line " + line + " on is incomplete (a missing ';', ')' or '}'?)";
        return new IncompleteCell(List.of("Incomplete cell: " + message, "    " + cell.line(line)));
    }

    private CompileError unresolved(CellSource cell, CellSource.Snippet part, DeclarationSnippet snippet) {
        String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
        String message = snippet.name() + " cannot be used until " + missing + " is defined";
        return new CompileError(List.of("Line " + cell.lineAt(part.offset()) + ": " + message));
    }

    private void warnUnresolved(DeclarationSnippet snippet) {
        String missing = shell.unresolvedDependencies(snippet).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            System.err.println("warning: " + snippet.name() + " uses " + missing
                    + ", which is not defined yet; define it before using " + snippet.name());
        }
    }

    /** JShell's EvalException has the cell's frames already mapped to snippet lines (#12:2). */
    private CellException runtimeError(JShellException exception) {
        List<String> report = new ArrayList<>();
        String prefix = "";
        for (Throwable t = exception; t != null; t = t.getCause()) {
            report.addAll(StackTraces.report(prefix + describe(t), t.getStackTrace(), snippetOrigins));
            prefix = "Caused by: ";
        }
        return new CellException(report);
    }

    private static String describe(Throwable t) {
        String name = t instanceof EvalException eval ? eval.getExceptionClassName() : t.getClass().getName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
