package io.musicspeech.notebook;

import java.util.List;

/** A snippet of the cell did not compile; the report points at the offending line. */
public final class CompileError extends CellError {
    public CompileError(List<String> report) {
        super(report);
    }
}
