package io.musicspeech.data;

import io.musicspeech.UserError;
import io.musicspeech.audio.ExternalCommand;
import io.musicspeech.config.SynthConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes synthetic training speech, a labelled dataset folder ({@code speech/*.wav}) the project
 * makes itself: espeak-ng reads a paragraph in each configured voice at a drawn pitch and speed,
 * then sox pitches the reading up, adds one effect, resamples it to mono at the project's rate,
 * cuts it and sets its peak. High, effected voices (Fish Fillets' small fish) are the speech that
 * the recordings in ../shared have too little of, and that a model trained on them calls music.
 * sox does the pitch and effects because it has them all, tried and fast, where the project's
 * augmentations have no chorus, flanger or echo.
 *
 * <p>Each clip's parameters are drawn in order from one seeded generator before anything runs, and
 * sox runs in its repeatable mode ({@code -R}: its dither is seeded), so the same config writes the
 * same bytes; {@code clips.csv} beside {@code speech/} lists the clips.
 */
public final class SyntheticSpeech {
    private static final String TEXT = "synthetic-speech.txt";
    private static final long TIMEOUT_SECONDS = 120;

    /** One clip to write. */
    record Spec(String file, String voice, int voicePitch, int wordsPerMinute, int pitchCents, String effect, int firstSentence) {
    }

    private SyntheticSpeech() {
    }

    /** The clips a config asks for, in order. */
    static List<Spec> specs(SynthConfig config, int sentences) {
        Random random = new Random(config.seed());
        List<Spec> out = new ArrayList<>();
        for (String voice : config.voices()) {
            for (int k = 0; k < config.clipsPerVoice(); k++) {
                int pitch = (int) Math.round(uniform(random, config.voicePitch()));
                int speed = (int) Math.round(uniform(random, config.wordsPerMinute()));
                int cents = (int) Math.round(uniform(random, config.pitchCents()));
                out.add(new Spec(String.format(Locale.ROOT, "synth-%s-%d.wav", voice, k + 1), voice, pitch, speed, cents,
                        config.effects().get(k % config.effects().size()), k % sentences));
            }
        }
        return out;
    }

    /**
     * Writes every clip into a new folder {@code config.out()}, atomically: into a temporary folder
     * beside it, renamed when all are there.
     *
     * @return the folder written
     * @throws UserError if the folder exists, or espeak-ng or sox is missing or fails
     */
    public static Path write(SynthConfig config, int sampleRate, PrintStream log) throws IOException {
        Path out = config.out().toAbsolutePath().normalize();
        if (Files.exists(out)) {
            throw new UserError("synth.out " + config.out() + " already exists; synth writes a new folder only (remove it, or name another)");
        }
        List<String> sentences = sentences();
        List<Spec> specs = specs(config, sentences.size());
        Files.createDirectories(out.getParent());
        Path work = Files.createTempDirectory(out.getParent(), out.getFileName() + ".partial-");
        try {
            Path speech = Files.createDirectories(work.resolve("speech"));
            writeAll(specs, sentences, config, sampleRate, speech);
            StringBuilder csv = new StringBuilder("file,voice,voice_pitch,words_per_minute,pitch_cents,effect,first_sentence\n");
            specs.forEach(s -> csv.append(Csv.line("speech/" + s.file(), s.voice(), s.voicePitch(), s.wordsPerMinute(), s.pitchCents(),
                    s.effect(), s.firstSentence() + 1)));
            Files.writeString(work.resolve("clips.csv"), csv.toString());
            Files.move(work, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            AtomicFiles.deleteTree(work);
        }
        log.printf(Locale.ROOT, "%d clips of synthetic speech (%s) in %s%n", specs.size(), String.join(", ", config.voices()), out);
        return out;
    }

    /** One clip per task, a task per core (espeak-ng and sox each use one); the first failure is thrown as it was. */
    private static void writeAll(List<Spec> specs, List<String> sentences, SynthConfig config, int sampleRate, Path speech)
            throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (Spec spec : specs) {
                tasks.add(pool.submit(() -> writeClip(spec, text(sentences, spec.firstSentence()), config, sampleRate, speech)));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while synthesising speech");
        } finally {
            // Stop the others and wait for them, so that no tool still writes into the folder being removed.
            pool.shutdownNow();
            try {
                pool.awaitTermination(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeClip(Spec spec, String text, SynthConfig config, int sampleRate, Path speech) {
        Path reading = speech.resolve(spec.file() + ".espeak.wav");
        Path clip = speech.resolve(spec.file());
        ExternalCommand.run(List.of("espeak-ng", "-v", spec.voice(), "-p", Integer.toString(spec.voicePitch()),
                "-s", Integer.toString(spec.wordsPerMinute()), "-w", reading.toString(), text),
                "read the text for " + spec.file() + " (voice " + spec.voice() + ")", "espeak-ng", TIMEOUT_SECONDS);
        List<String> sox = new ArrayList<>(List.of("sox", "-R", reading.toString(), "-r", Integer.toString(sampleRate), "-c", "1",
                "-b", "16", clip.toString(), "pitch", Integer.toString(spec.pitchCents())));
        sox.addAll(effect(spec.effect()));
        sox.addAll(List.of("trim", "0", format(config.seconds()), "norm", format(config.peakDbfs())));
        ExternalCommand.run(sox, "write " + spec.file(), "sox", TIMEOUT_SECONDS);
        try {
            Files.delete(reading);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sox's arguments for an effect: a room, a chorus of three voices, a flanger, two echoes. */
    static List<String> effect(String name) {
        return switch (name) {
            case "none" -> List.of();
            case "reverb" -> List.of("reverb", "40");
            case "chorus" -> List.of("chorus", "0.7", "0.9", "55", "0.4", "0.25", "2", "-t");
            case "flanger" -> List.of("flanger");
            case "echo" -> List.of("echo", "0.8", "0.8", "60", "0.3");
            default -> throw new IllegalArgumentException("unknown effect " + name);
        };
    }

    /** The paragraph from sentence {@code first} on, then from its start: each clip of a voice begins elsewhere. */
    static String text(List<String> sentences, int first) {
        List<String> rotated = new ArrayList<>(sentences.subList(first, sentences.size()));
        rotated.addAll(sentences.subList(0, first));
        return String.join(" ", rotated);
    }

    static List<String> sentences() throws IOException {
        try (InputStream in = SyntheticSpeech.class.getResourceAsStream(TEXT)) {
            if (in == null) {
                throw new IOException("resource " + TEXT + " is missing from the build");
            }
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"))
                    .map(String::strip).filter(l -> !l.isEmpty()).toList();
        }
    }

    private static double uniform(Random random, List<Double> range) {
        return range.get(0) + (range.get(1) - range.get(0)) * random.nextDouble();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
