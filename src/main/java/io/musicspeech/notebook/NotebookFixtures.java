package io.musicspeech.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.musicspeech.UserError;
import io.musicspeech.cli.Cli;
import io.musicspeech.cli.Main;

/**
 * A few small real runs for the experiment-tracking notebook to read, made before the notebooks
 * execute ({@code mvn -Pnotebooks verify}): a prepare of 12 development clips (one window per
 * second, no augmentation), two short train runs (model=cnn; model=cnn_norm with a higher learning
 * rate) and a 2-fold cross-validation of the second, all through the command line's
 * own entry point, into {@code <work>/outputs}. Without the development data it says so and
 * makes nothing; the notebooks then report that there is no data and no runs.
 */
public final class NotebookFixtures {
    /** Six recordings per label, so a 2-fold cross-validation still has one for validation. */
    static final List<String> CLIPS = List.of(
            "music_wav/ballad.wav", "music_wav/bartok.wav", "music_wav/beatles.wav", "music_wav/birdland.wav",
            "music_wav/blues.wav", "music_wav/brahms.wav",
            "speech_wav/acomic.wav", "speech_wav/bathroom1.wav", "speech_wav/chant.wav", "speech_wav/charles.wav",
            "speech_wav/china.wav", "speech_wav/comedy.wav");

    private final Path configDir;
    private final Path dataset;
    private final Path work;

    /**
     * @param configDir the project's config folder
     * @param dataset   the development data (gtzan-musicspeech: music_wav/, speech_wav/)
     * @param work      made afresh: raw/ (links to the clips), processed/, outputs/ (the run folders)
     */
    public NotebookFixtures(Path configDir, Path dataset, Path work) {
        this.configDir = configDir;
        this.dataset = dataset;
        this.work = work;
    }

    /** @param args config folder, development dataset folder, work folder */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: NotebookFixtures <config-dir> <dataset-dir> <work-dir>");
        }
        new NotebookFixtures(Path.of(args[0]), Path.of(args[1]), Path.of(args[2])).make();
    }

    /** The stage commands, as a user would type their arguments. */
    List<List<String>> commands() {
        List<String> small = List.of("preprocess.path=" + shown(work.resolve("raw")), "preprocess.out=" + shown(work.resolve("processed")),
                "run.outputs=" + shown(work.resolve("outputs")), "preprocess.hop_seconds=1.0", "augment=none");
        return List.of(
                with("prepare", small),
                with("train", small, "model=cnn", "train.epochs=2"),
                with("train", small, "model=cnn_norm", "train.learning_rate=0.003", "train.epochs=3"),
                with("crossval", small, "crossval.folds=2", "model=cnn_norm", "train.learning_rate=0.003", "train.epochs=2"));
    }

    /** Makes the runs; returns false (after saying why) when the development data is absent. */
    public boolean make() throws IOException {
        io.musicspeech.data.AtomicFiles.deleteTree(work);
        if (!Files.isDirectory(dataset)) {
            System.out.println("Notebook fixtures: no development data at " + dataset
                    + "; no runs made (01-eda says the data is missing, 02-experiments that there are no runs)");
            return false;
        }
        linkClips();
        Cli cli = new Cli(Main.stages(), configDir, System.out, System.err);
        for (List<String> command : commands()) {
            System.out.println("Notebook fixtures: " + String.join(" ", command));
            long start = System.nanoTime();
            int code = cli.run(command.toArray(String[]::new));
            if (code != Cli.OK) {
                throw new UserError("notebook fixture run failed (exit " + code + "): " + String.join(" ", command));
            }
            System.out.printf(Locale.ROOT, "Notebook fixtures: %s done in %.1f s%n", command.get(0), (System.nanoTime() - start) / 1e9);
        }
        System.out.println("Notebook fixtures: runs in " + work.resolve("outputs"));
        return true;
    }

    private void linkClips() throws IOException {
        for (String clip : CLIPS) {
            Path source = dataset.resolve(clip).toAbsolutePath();
            if (!Files.isRegularFile(source)) {
                throw new UserError("notebook fixtures: " + source + " is missing from the development data");
            }
            Path link = work.resolve("raw").resolve(clip);
            Files.createDirectories(link.getParent());
            try {
                Files.createSymbolicLink(link, source);
            } catch (UnsupportedOperationException | IOException noLinks) {
                Files.copy(source, link);
            }
        }
    }

    /** Relative to the working directory when inside it, so run configs and commands read as a user's would. */
    private static String shown(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    private static List<String> with(String stage, List<String> common, String... more) {
        List<String> command = new ArrayList<>();
        command.add(stage);
        command.addAll(common);
        command.addAll(List.of(more));
        return command;
    }
}
