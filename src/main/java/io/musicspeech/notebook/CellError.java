package io.musicspeech.notebook;

import java.util.List;

/**
 * A cell that did not run to the end. The kernel reports it as a Jupyter error, which makes
 * nbconvert --execute stop and exit non-zero; the subclass name becomes the error's name.
 * The message is the whole report: nbconvert's console message shows only name and message.
 */
public abstract class CellError extends Exception {
    private final List<String> report;

    protected CellError(List<String> report) {
        super(String.join("\n", report), null, false, false); // the kernel's own stack says nothing about the cell
        this.report = List.copyOf(report);
    }

    /** The lines the notebook shows, without the kernel's stack trace. */
    public List<String> report() {
        return report;
    }
}
