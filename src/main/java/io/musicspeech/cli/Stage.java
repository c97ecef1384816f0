package io.musicspeech.cli;

/** One thing the command line can do: {@code <name> [key=value ...]}. */
public interface Stage {
    String name();

    /** One line for the usage text. */
    String summary();

    /** Whether the run gets its own outputs/<date>/<time>/ folder with the resolved config. */
    default boolean writesRunFolder() {
        return true;
    }

    void run(StageContext context) throws Exception;
}
