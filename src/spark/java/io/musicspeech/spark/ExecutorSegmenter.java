package io.musicspeech.spark;

import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.AudioFileError;
import io.musicspeech.audio.AudioStream;
import io.musicspeech.config.Config;
import io.musicspeech.config.ConfigLoader;
import io.musicspeech.model.ModelLocator;
import io.musicspeech.model.NativeSetup;
import io.musicspeech.segment.FileSegmenter;
import io.musicspeech.segment.Segmenters;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.broadcast.Broadcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The executor's side of the job: the model, from the broadcast bytes, loaded once per executor JVM
 * (on local[*], the driver's own load: no broadcast) and copied once per task thread; each file decoded and segmented by the segment stage's own
 * {@link FileSegmenter}. Nothing here throws for a bad file: it becomes the file's error.
 */
final class ExecutorSegmenter {
    /** The job's model and configuration as this executor JVM loaded them (a job's id is the driver's, unique per run). */
    private record Loaded(String jobId, Segmenters segmenters, Config config) {
    }

    private static Loaded loaded;
    private static final ThreadLocal<Mine> SEGMENTER = new ThreadLocal<>();

    /** A task thread's own segmenter, and the job's model it was made from. */
    private record Mine(String jobId, FileSegmenter segmenter) {
    }

    private ExecutorSegmenter() {
    }

    /**
     * @param jobId         identifies the job's model and configuration (a new job loads them again: broadcast
     *                      ids start again with each Spark context, so they do not)
     * @param model         the model file's bytes; null on local[*], where the driver loaded it for its tasks
     * @param modelFileName the model's file name (its extension says bundle or Keras file)
     */
    static FileOutcome segment(String jobId, Broadcast<byte[]> model, String modelFileName, String resolvedConfig, String location,
                               String name) {
        Loaded job;
        FileSegmenter segmenter;
        try {
            job = load(jobId, model, modelFileName, resolvedConfig);
            segmenter = segmenter(job);
        } catch (RuntimeException e) {
            return FileOutcome.failed(name, "the model could not be loaded on this executor: " + message(e));
        }
        Path copy = null;
        try {
            Path local;
            if (isUri(location)) {
                copy = fetch(location);
                local = copy;
            } else {
                local = Path.of(location);
            }
            AudioStream stream = AudioDecoder.open(local, job.config().audio().sampleRate());
            return FileOutcome.of(segmenter.segment(stream, name));
        } catch (AudioFileError e) {
            return FileOutcome.failed(name, e.problem());
        } catch (IOException | RuntimeException e) {
            return FileOutcome.failed(name, message(e));
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file of the executor's; the JVM's temp folder is the executor's own
                }
            }
        }
    }

    static boolean isUri(String location) {
        return location.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !location.startsWith("file://");
    }

    /**
     * On the driver, before any task: loads the job's model from its file, which checks it; on
     * local[*] the driver is the executor, and its tasks use this load.
     */
    static synchronized void prepare(String jobId, ModelLocator.Choice model, String resolvedConfig) {
        install(jobId, model, resolvedConfig);
    }

    private static synchronized Loaded load(String jobId, Broadcast<byte[]> model, String modelFileName, String resolvedConfig) {
        if (loaded == null || !loaded.jobId().equals(jobId)) {
            if (model == null) {
                throw new IllegalStateException("the driver did not broadcast the model, and this JVM has not loaded it");
            }
            try {
                Path dir = Files.createTempDirectory("music-speech-model");
                dir.toFile().deleteOnExit();
                Path file = dir.resolve(modelFileName);
                Files.write(file, model.value());
                file.toFile().deleteOnExit();
                install(jobId, new ModelLocator.Choice(file, "broadcast to the executor"), resolvedConfig);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the model to the executor's temporary folder", e);
            }
        }
        return loaded;
    }

    private static void install(String jobId, ModelLocator.Choice model, String resolvedConfig) {
        Config config = ConfigLoader.fromResolvedYaml(resolvedConfig);
        NativeSetup.ensure();
        loaded = new Loaded(jobId, new Segmenters(model, config), config);
    }

    private static FileSegmenter segmenter(Loaded job) {
        Mine mine = SEGMENTER.get();
        if (mine == null || !mine.jobId().equals(job.jobId())) {
            mine = new Mine(job.jobId(), job.segmenters().create());
            SEGMENTER.set(mine);
        }
        return mine.segmenter();
    }

    /** A file from any Hadoop file system (hdfs://, s3a://, ...), copied to a local temporary file to be decoded in blocks. */
    private static Path fetch(String location) throws IOException {
        URI uri = URI.create(location);
        String name = Path.of(uri.getPath()).getFileName().toString();
        Path local = Files.createTempFile("music-speech-input", name.contains(".") ? name.substring(name.lastIndexOf('.')) : "");
        FileSystem fs = FileSystem.get(uri, new Configuration());
        try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(uri))) {
            Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
        }
        return local;
    }

    private static String message(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
