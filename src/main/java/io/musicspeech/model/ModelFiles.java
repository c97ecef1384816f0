package io.musicspeech.model;

import io.musicspeech.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** File checks shared by the model loaders, so that every bad path gets the same plain message. */
final class ModelFiles {

    /** What the first bytes of a model file say it is. */
    enum Kind { ZIP, HDF5, OTHER }

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private ModelFiles() {
    }

    /** @throws UserError if {@code file} does not exist, is a folder or cannot be read */
    static void requireReadableFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserError(file + " is a folder, not a " + what + " file");
        }
        if (!Files.exists(file)) {
            throw new UserError(what + " not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UserError(file + ": cannot read the " + what + " (permission denied)");
        }
    }

    /** Reads the magic bytes; a file shorter than a magic number is OTHER. */
    static Kind kindOf(Path file, String what) {
        byte[] head = new byte[HDF5_MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read the " + what + ": " + e.getMessage(), e);
        }
        if (n >= ZIP_MAGIC.length && Arrays.equals(head, 0, ZIP_MAGIC.length, ZIP_MAGIC, 0, ZIP_MAGIC.length)) {
            return Kind.ZIP;
        }
        if (n == HDF5_MAGIC.length && Arrays.equals(head, HDF5_MAGIC)) {
            return Kind.HDF5;
        }
        return Kind.OTHER;
    }

    /** The first line of an exception's message (DL4J's can run to pages), or its class name. */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
