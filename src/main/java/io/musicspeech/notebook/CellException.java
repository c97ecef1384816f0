package io.musicspeech.notebook;

import java.util.List;

/** The cell's code threw; the report has the exception and the cell's part of its stack. */
public final class CellException extends CellError {
    public CellException(List<String> report) {
        super(report);
    }
}
