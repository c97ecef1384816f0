package io.musicspeech.notebook;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.util.GlobFinder;

/**
 * The classpath cells see: the kernel's own (the project's classes and dependencies, so cells and
 * the kernel share one copy of each class) plus IJAVA_CLASSPATH, whose entries may be globs as in IJava.
 */
final class KernelClasspath {
    static final String EXTRA_VARIABLE = "IJAVA_CLASSPATH";

    private KernelClasspath() {
    }

    static String resolve(String ownClasspath, String extra) {
        List<String> entries = new ArrayList<>();
        for (String entry : ownClasspath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        if (extra != null) {
            for (String entry : extra.split(File.pathSeparator)) {
                entries.addAll(expand(entry.strip()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** dir/* means every file in dir (like java -cp); other globs match with basekernel's GlobFinder. */
    private static List<String> expand(String entry) {
        if (entry.isEmpty()) {
            return List.of();
        }
        if (!entry.contains("*") && !entry.contains("?") && !entry.contains("[") && !entry.contains("{")) {
            return List.of(entry);
        }
        List<String> matches = new ArrayList<>();
        try {
            for (Path path : new GlobFinder(entry).computeMatchingPaths()) {
                matches.add(path.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot expand " + EXTRA_VARIABLE + " entry " + entry, e);
        }
        matches.sort(null); // a stable order, so the same classes win on every start
        return matches;
    }
}
