package io.musicspeech.notebook;

import java.util.List;

/** The cell ends inside a statement, e.g. an unclosed brace; nothing of it was run. */
public final class IncompleteCell extends CellError {
    public IncompleteCell(List<String> report) {
        super(report);
    }
}
