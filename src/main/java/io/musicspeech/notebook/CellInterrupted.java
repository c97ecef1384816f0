package io.musicspeech.notebook;

import java.util.List;

/** The user (or nbconvert's timeout) interrupted the cell. */
public final class CellInterrupted extends CellError {
    public CellInterrupted() {
        super(List.of("Cell interrupted"));
    }
}
