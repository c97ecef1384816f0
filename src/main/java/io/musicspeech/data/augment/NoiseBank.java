package io.musicspeech.data.augment;

import io.musicspeech.UserError;
import io.musicspeech.audio.AudioDecoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The noise clips for {@link BackgroundNoise} and {@link ShortNoises}, decoded from a folder
 * (audiomentations {@code sounds_path}). Like audiomentations it searches subfolders too.
 * Files are in order of their path relative to the folder, so that a seeded pick of
 * "clip number k" means the same file on every machine and file system.
 *
 * @param folder the folder the clips came from
 * @param files  the audio files, sorted by relative path
 * @param clips  the decoded samples, in the order of {@code files}; shared with the transforms,
 *               not copied, so nobody may modify them
 */
public record NoiseBank(Path folder, List<Path> files, List<float[]> clips) {
    public NoiseBank {
        files = List.copyOf(files);
        clips = List.copyOf(clips);
    }

    /**
     * Decodes every audio file under {@code folder}.
     *
     * @param decoder turns a file into mono samples at the working sample rate, e.g.
     *                {@code p -> AudioDecoder.decode(p, sr).samples()}; its errors pass through
     * @throws UserError when the folder is missing, is not a folder, holds no audio file or an
     *                   audio file decodes to nothing
     */
    public static NoiseBank load(Path folder, Function<Path, float[]> decoder) {
        if (!Files.exists(folder)) {
            throw new UserError("Noise folder " + folder + " does not exist");
        }
        if (!Files.isDirectory(folder)) {
            throw new UserError("Noise folder " + folder + " is not a folder");
        }
        List<Path> files = audioFiles(folder);
        if (files.isEmpty()) {
            throw new UserError("Noise folder " + folder + " contains no audio file (looked for "
                    + AudioDecoder.SUPPORTED_EXTENSIONS.stream().sorted().map(e -> "." + e).collect(Collectors.joining(", ")) + ")");
        }
        List<float[]> clips = new ArrayList<>(files.size());
        for (Path file : files) {
            float[] samples = decoder.apply(file);
            if (samples == null || samples.length == 0) {
                throw new UserError("Noise file " + file + " contains no samples");
            }
            clips.add(samples);
        }
        return new NoiseBank(folder, files, clips);
    }

    private static List<Path> audioFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(AudioDecoder::hasAudioExtension)
                    // '/'-joined relative path: the same order on every OS
                    .sorted((a, b) -> relative(folder, a).compareTo(relative(folder, b)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new UserError("Cannot list noise folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String relative(Path folder, Path file) {
        return Seeds.portable(folder.relativize(file));
    }

    public int size() {
        return clips.size();
    }
}
