package io.musicspeech.notebook;

import java.util.ArrayList;
import java.util.List;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * A cell's text cut into JShell snippets (JShell evaluates one statement or declaration at a
 * time), each remembering where it starts so errors can name the cell's line.
 */
final class CellSource {
    /**
     * One snippet: its source as JShell wants it (leading blanks removed: JShell numbers the lines
     * of its stack frames wrongly after them), its offset in the cell, and how complete it is.
     */
    record Snippet(String source, int offset, Completeness completeness) {
        boolean isComplete() {
            return completeness.isComplete(); // UNKNOWN counts as complete: JShell's compiler then says what is wrong
        }

        /** Whether the user ended it with ';' (JShell adds the ';' a final expression lacks). */
        boolean endsWithSemicolon() {
            return completeness == Completeness.COMPLETE && lastCodeChar(source) == ';';
        }
    }

    private final String text;
    private final List<Snippet> snippets;

    CellSource(String text, SourceCodeAnalysis analysis) {
        this.text = text;
        this.snippets = split(text, analysis);
    }

    List<Snippet> snippets() {
        return snippets;
    }

    /** The first snippet JShell considers unfinished (an open brace, a missing parenthesis), if any. */
    Snippet firstIncomplete() {
        return snippets.stream().filter(s -> !s.isComplete()).findFirst().orElse(null);
    }

    /** 1-based line of the cell that holds the given offset. */
    int lineAt(int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The text of a 1-based line, without its line break. */
    String line(int number) {
        String[] lines = text.split("\n", -1);
        return number >= 1 && number <= lines.length ? lines[number - 1].stripTrailing() : "";
    }

    /** Offset of the start of the line holding the given offset. */
    int lineStart(int offset) {
        int i = Math.min(offset, text.length());
        while (i > 0 && text.charAt(i - 1) != '\n') {
            i--;
        }
        return i;
    }

    private static List<Snippet> split(String text, SourceCodeAnalysis analysis) {
        List<Snippet> result = new ArrayList<>();
        String remaining = text;
        while (!remaining.isBlank()) {
            int consumed = text.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break; // only comments left
            }
            // JShell's snippet keeps the remainder's leading blanks and comments: it starts where the remainder does.
            String source = info.source() != null ? info.source() : remaining;
            String trimmed = source.stripLeading();
            result.add(new Snippet(trimmed, consumed + source.length() - trimmed.length(), info.completeness()));
            if (!info.completeness().isComplete() || info.remaining().length() >= remaining.length()) {
                break; // the rest cannot be cut further: it is one unfinished (or unparsable) snippet
            }
            remaining = info.remaining();
        }
        return result;
    }

    /** The last character that is neither blank nor inside a comment (string literals are skipped whole). */
    static char lastCodeChar(String source) {
        char last = 0;
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? source.length() : end + 2;
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(source, i, c);
                last = c;
            } else {
                if (!Character.isWhitespace(c)) {
                    last = c;
                }
                i++;
            }
        }
        return last;
    }

    /** Index after the literal opening at start (a text block's quotes pair up the same way). */
    private static int skipLiteral(String source, int start, char quote) {
        int i = start + 1;
        while (i < source.length() && source.charAt(i) != quote) {
            i += source.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }
}
