package io.musicspeech.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and a rename, so a reader (or a crash) never sees a
 * half-written file and the previous version stays until the new one is complete.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    @FunctionalInterface
    public interface Writer {
        void write(Path target) throws IOException;
    }

    /** Runs {@code writer} on a temporary path next to {@code file}, then moves it into place. */
    public static void write(Path file, Writer writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file private (0600), and the result must have the usual permissions.
        Path temp = Files.createFile(dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part"));
        try {
            writer.write(temp);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    public static void writeString(Path file, String text) throws IOException {
        write(file, temp -> Files.writeString(temp, text));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(bytes);
            }
        });
    }

    /** Deletes a folder and everything in it (nothing if it is not there; a link is deleted, not followed). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
