package io.musicspeech.notebook;

import java.util.function.Consumer;

/**
 * {@code display(x)} for notebook cells (the kernel imports it statically, as IJava does): shows
 * x as an image, an HTML table or text in the cell's output, and carries on with the cell.
 */
public final class Display {
    /** Set by the running kernel; without a kernel (plain Java) display falls back to printing. */
    private static volatile Consumer<Object> sink;

    private Display() {
    }

    public static void display(Object value) {
        Consumer<Object> target = sink;
        if (target == null) {
            System.out.println(value);
        } else {
            target.accept(value);
        }
    }

    static void setSink(Consumer<Object> target) {
        sink = target;
    }
}
