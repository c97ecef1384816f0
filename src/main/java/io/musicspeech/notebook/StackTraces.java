package io.musicspeech.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Formats an exception thrown by a cell: the cell's frames name the cell and its line instead of
 * JShell's snippet numbers, and frames below the cell (the kernel's) are dropped.
 */
final class StackTraces {
    /** A section longer than this is cut; the top of the stack is what explains the failure. */
    private static final int MAX_FRAMES = 40;

    /** Where a snippet starts: the cell's execution count and the cell line of the snippet's line 1. */
    record Origin(int cell, int line) {
    }

    private StackTraces() {
    }

    static List<String> report(String header, StackTraceElement[] frames, Map<String, Origin> origins) {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        int end = cellEnd(frames);
        for (int i = 0; i < end; i++) {
            if (i == MAX_FRAMES) {
                lines.add("\t... " + (end - i) + " more");
                break;
            }
            lines.add("\tat " + describe(frames[i], origins));
        }
        return lines;
    }

    /** Frames up to the outermost snippet frame; all frames when none is a snippet's (a library thread). */
    private static int cellEnd(StackTraceElement[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isSnippet(frames[i])) {
                return i + 1;
            }
        }
        return frames.length;
    }

    /** JShell writes a snippet's frame as .name(#12:2): file "#12", line 2 of that snippet. */
    private static boolean isSnippet(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static String describe(StackTraceElement frame, Map<String, Origin> origins) {
        if (!isSnippet(frame)) {
            return frame.toString();
        }
        Origin origin = origins.get(frame.getFileName());
        String method = frame.getClassName().isEmpty() ? frame.getMethodName() : frame.getClassName() + "." + frame.getMethodName();
        method = method.isEmpty() ? "cell" : method;
        if (origin == null) {
            return method + "(" + frame.getFileName() + ":" + frame.getLineNumber() + ")";
        }
        int line = origin.line() + Math.max(frame.getLineNumber(), 1) - 1;
        return method + "(In[" + origin.cell() + "] line " + line + ")";
    }
}
