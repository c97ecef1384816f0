package io.musicspeech.segment;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code segment.input} names: one audio file, a folder (every audio file below it, by
 * extension, in a stable order), or a text file listing paths (one per line; blank lines and lines
 * starting with # are skipped; relative paths are relative to the list). Each input gets a name
 * for the outputs: its path relative to the folder or the list, or its file name.
 */
public final class InputScan {
    /** Extensions of a file that lists inputs rather than being one. */
    private static final Set<String> LIST_EXTENSIONS = Set.of("txt", "lst", "list", "m3u", "m3u8");

    /**
     * One input.
     *
     * @param path   where to read it
     * @param name   how the outputs call it ({@code file} column, per-file output names)
     * @param outputStem where its per-file outputs go, relative to {@code segment.out}, without the suffixes
     */
    public record Input(Path path, String name, Path outputStem) {
    }

    /**
     * @param inputs   in processing order
     * @param ignored  files in the folder that are not audio by their extension
     * @param problems folders that could not be listed (path and reason), for errors.csv
     * @param skippedOutput the output folder, when it lies inside the input folder and was left out of the scan
     */
    public record Scan(List<Input> inputs, List<Path> ignored, List<String[]> problems, Path skippedOutput) {
    }

    private InputScan() {
    }

    /**
     * @param out the output folder; if it lies inside a folder input, it is not scanned
     * @param key the configuration key that named the input (for the error)
     * @throws UserError if the input does not exist, or names no audio at all
     */
    public static Scan scan(Path input, Path out, String key) {
        if (!Files.exists(input)) {
            throw new UserError(input + ": no such file or folder (" + key + ")");
        }
        if (Files.isDirectory(input)) {
            return folder(input, out);
        }
        if (!Files.isReadable(input)) {
            throw new UserError(input + ": cannot read it (permission denied)");
        }
        if (isList(input)) {
            return list(input);
        }
        Path name = input.getFileName();
        return new Scan(List.of(new Input(input, name.toString(), name)), List.of(), List.of(), null);
    }

    private static Scan folder(Path root, Path out) {
        Path outAbsolute = out.toAbsolutePath().normalize();
        Path rootAbsolute = root.toAbsolutePath().normalize();
        List<Path> audio = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        List<String[]> problems = new ArrayList<>();
        boolean[] outputInside = {false};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && dir.toAbsolutePath().normalize().equals(outAbsolute)) {
                        outputInside[0] = true;
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                        (AudioDecoder.hasAudioExtension(file) ? audio : ignored).add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add(new String[] {rootAbsolute.relativize(file.toAbsolutePath().normalize()).toString(),
                            "cannot list or read it: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())});
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UserError(root + ": cannot list the folder (" + e.getMessage() + ")");
        }
        audio.sort(Comparator.comparing(Path::toString));
        ignored.sort(Comparator.comparing(Path::toString));
        if (audio.isEmpty() && problems.isEmpty()) {
            throw new UserError(root + ": no audio files in this folder or below it (looked for "
                    + String.join(", ", AudioDecoder.SUPPORTED_EXTENSIONS.stream().sorted().limit(8).toList()) + ", ...; "
                    + ignored.size() + " other file(s) ignored)");
        }
        List<Input> inputs = new ArrayList<>();
        for (Path file : audio) {
            Path relative = root.relativize(file);
            inputs.add(new Input(file, relative.toString().replace('\\', '/'), relative));
        }
        return new Scan(inputs, ignored, problems, outputInside[0] ? out : null);
    }

    /** Whether this file lists inputs rather than being one (by its extension). */
    public static boolean isList(Path file) {
        return LIST_EXTENSIONS.contains(extension(file));
    }

    /**
     * A list file's entries as written, one per line, stripped; blank lines and lines starting with
     * # are skipped.
     *
     * @throws UserError if it cannot be read or names nothing
     */
    public static List<String> listEntries(Path listFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(listFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(listFile + ": cannot read the list of inputs (" + e.getMessage() + ")");
        }
        List<String> entries = lines.stream().map(String::strip).filter(e -> !e.isEmpty() && !e.startsWith("#")).toList();
        if (entries.isEmpty()) {
            throw new UserError(listFile + ": the list names no inputs (one path per line; # starts a comment)");
        }
        return entries;
    }

    private static Scan list(Path listFile) {
        Path base = listFile.toAbsolutePath().getParent();
        List<Input> inputs = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        java.util.Set<Path> stems = new java.util.HashSet<>();
        for (String entry : listEntries(listFile)) {
            Path path;
            try {
                path = Path.of(entry);
            } catch (RuntimeException e) {
                throw new UserError(listFile + ": '" + entry + "' is not a path");
            }
            Path file = path.isAbsolute() ? path : base.resolve(path);
            Path absolute = file.toAbsolutePath().normalize();
            if (!seen.add(absolute)) {
                continue; // listed twice: segmented once (two workers must never write the same outputs)
            }
            Path stem = outputStem(path);
            if (!stems.add(stem)) {
                throw new UserError(listFile + ": '" + entry + "' and an earlier entry would write the same outputs ("
                        + stem + ".json); list each file once, by one path");
            }
            inputs.add(new Input(file, entry, stem));
        }
        return new Scan(inputs, List.of(), List.of(), null);
    }

    /** A relative output path for a listed path: the path itself if it stays below the list, else without its root and '..'. */
    static Path outputStem(Path listed) {
        Path normal = listed.normalize();
        Path stem = Path.of("");
        for (Path part : normal.isAbsolute() ? normal.getRoot().relativize(normal) : normal) {
            stem = stem.resolve(part.toString().equals("..") ? "_up_" : part.toString());
        }
        return stem;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
