package io.musicspeech.data;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds the labelled clips of one or more dataset folders: one subfolder per label (the
 * folder-to-label map is configuration, so the original's music_wav/speech_wav and plain
 * music/speech both work). Audio files are recognised by extension, searched recursively below
 * each label folder, and sorted so every run sees them in the same order; other files are counted.
 *
 * <p>A {@code MANIFEST.tsv} in a dataset folder (tab-separated, with columns {@code file},
 * {@code group} and {@code source}, as {@code ../shared/datasets/extra} has) gives its clips'
 * recording groups and sources; the source's Debian package name ({@code debian:PACKAGE_VERSION:/path})
 * is the source. With several folders, a clip's relative path starts with its folder's name, so
 * clips of different folders never share a name.
 */
public final class DatasetScanner {
    private final Map<String, String> labelOfFolder;
    private final RecordingGroups groups;

    public DatasetScanner(Map<String, String> labelOfFolder, RecordingGroups groups) {
        this.labelOfFolder = labelOfFolder;
        this.groups = groups;
    }

    /** The optional per-folder table of groups and sources. */
    public static final String MANIFEST = "MANIFEST.tsv";

    /** What a scan found. {@code ignored} holds files that are not audio by their extension. */
    public record Result(Path root, List<Clip> clips, List<Path> ignored) {
        public long count(String label) {
            return clips.stream().filter(c -> c.label().equals(label)).count();
        }
    }

    /** Scans several dataset folders; their clips in folder order. */
    public Result scan(List<Path> roots) {
        if (roots.size() == 1) {
            return scan(roots.get(0));
        }
        List<Clip> clips = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path root : roots) {
            String name = root.toAbsolutePath().normalize().getFileName().toString();
            if (!names.add(name)) {
                throw new UserError("preprocess.path: two dataset folders are called '" + name
                        + "'; their clips would share names in the outputs");
            }
            Result one = scan(root);
            for (Clip c : one.clips()) {
                clips.add(new Clip(c.file(), name + "/" + c.relativePath(), c.label(), c.group(), c.source()));
            }
            ignored.addAll(one.ignored());
        }
        return new Result(roots.get(0), List.copyOf(clips), List.copyOf(ignored));
    }

    public Result scan(Path root) {
        if (!Files.exists(root)) {
            throw new UserError(root + ": dataset folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new UserError(root + ": not a folder; expected a folder with one subfolder per label");
        }
        List<Path> labelFolders = listSorted(root).stream()
                .filter(Files::isDirectory)
                .filter(p -> labelOfFolder.containsKey(p.getFileName().toString()))
                .toList();
        if (labelFolders.isEmpty()) {
            throw new UserError(root + ": no label folders; expected subfolders named "
                    + String.join(", ", labelOfFolder.keySet()) + " (preprocess.labels maps folder to label), found "
                    + describe(listSorted(root)));
        }
        Map<String, String[]> manifest = manifest(root);
        List<Clip> clips = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        for (Path folder : labelFolders) {
            String label = labelOfFolder.get(folder.getFileName().toString());
            for (Path file : filesBelow(folder)) {
                if (AudioDecoder.hasAudioExtension(file)) {
                    String relative = root.relativize(file).toString().replace('\\', '/');
                    String[] known = manifest.get(relative);
                    clips.add(known == null ? new Clip(file, relative, label, groups.groupOf(stem(file)))
                            : new Clip(file, relative, label, known[0], known[1]));
                } else {
                    ignored.add(file);
                }
            }
        }
        return new Result(root, List.copyOf(clips), List.copyOf(ignored));
    }

    /** Fails unless every label of the map has at least one clip (a classifier needs both classes). */
    public void requireEveryLabel(Result result) {
        for (String label : new TreeSet<>(labelOfFolder.values())) {
            if (result.count(label) == 0) {
                List<String> folders = labelOfFolder.entrySet().stream()
                        .filter(e -> e.getValue().equals(label)).map(Map.Entry::getKey).toList();
                throw new UserError(result.root() + ": label '" + label + "' has no audio clips (looked in "
                        + String.join(", ", folders) + ")");
            }
        }
    }

    /** relative path -> {group, source} from the folder's MANIFEST.tsv; empty without one. */
    private static Map<String, String[]> manifest(Path root) {
        Path file = root.resolve(MANIFEST);
        Map<String, String[]> out = new java.util.HashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (java.io.Reader in = Files.newBufferedReader(file)) {
            org.apache.commons.csv.CSVFormat tsv = org.apache.commons.csv.CSVFormat.TDF.builder()
                    .setHeader().setSkipHeaderRecord(true).get();
            for (org.apache.commons.csv.CSVRecord row : tsv.parse(in)) {
                out.put(row.get("file"), new String[] {row.get("group"), sourceName(row.get("source"))});
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(file + ": cannot read the manifest (" + e.getMessage()
                    + "); it needs tab-separated columns file, group and source");
        }
        return out;
    }

    /** The package of {@code debian:PACKAGE_VERSION:/path} (a version keeps its epoch: split at the first '_'); other sources as they are. */
    static String sourceName(String source) {
        if (source.startsWith("debian:")) {
            String rest = source.substring("debian:".length());
            int underscore = rest.indexOf('_');
            return underscore > 0 ? rest.substring(0, underscore) : rest;
        }
        return source;
    }

    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<Path> filesBelow(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError(folder + ": cannot list the folder (" + e.getMessage() + ")");
        }
    }

    private static List<Path> listSorted(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList();
        } catch (IOException e) {
            throw new UserError(folder + ": cannot list the folder (" + e.getMessage() + ")");
        }
    }

    private static String describe(List<Path> entries) {
        if (entries.isEmpty()) {
            return "an empty folder";
        }
        return entries.stream().limit(10).map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                .reduce((a, b) -> a + ", " + b).orElse("") + (entries.size() > 10 ? ", ..." : "");
    }
}
