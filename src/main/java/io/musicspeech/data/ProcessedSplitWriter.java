package io.musicspeech.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Collects the windows of one split, in a fixed order, and writes them as
 * {@code <split>_features.npy} (float32 [n, frames, n_mfcc]), {@code <split>_labels.npy}
 * (float32 [n], the class index: 1 = speech for the labels music, speech) and
 * {@code <split>_manifest.csv} (one row per window).
 */
final class ProcessedSplitWriter {
    static final String MANIFEST_HEADER = Csv.line("file", "group", "label", "window", "start_s", "chain");

    private final Split split;
    private final int frames;
    private final int nMfcc;
    private float[] features = new float[0];
    private float[] labels = new float[0];
    private int windows;
    private final StringBuilder manifest = new StringBuilder(MANIFEST_HEADER);

    ProcessedSplitWriter(Split split, int frames, int nMfcc) {
        this.split = split;
        this.frames = frames;
        this.nMfcc = nMfcc;
    }

    int windows() {
        return windows;
    }

    /** Appends the windows of one clip (or of one augmented copy of it). */
    void add(Clip clip, int labelIndex, String chain, float[] clipFeatures, Windows clipWindows, int sampleRate) {
        int size = frames * nMfcc;
        int count = clipFeatures.length / size;
        ensureCapacity(windows + count);
        System.arraycopy(clipFeatures, 0, features, windows * size, clipFeatures.length);
        Arrays.fill(labels, windows, windows + count, labelIndex);
        for (int w = 0; w < count; w++) {
            String start = String.format(Locale.ROOT, "%.4f", clipWindows.start(w) / (double) sampleRate);
            manifest.append(Csv.line(clip.relativePath(), clip.group(), clip.label(), w, start, chain));
        }
        windows += count;
    }

    void write(Path out) throws IOException {
        float[] exactFeatures = Arrays.copyOf(features, windows * frames * nMfcc);
        float[] exactLabels = Arrays.copyOf(labels, windows);
        AtomicFiles.write(out.resolve(split.id() + "_features.npy"), t -> NpyWriter.writeFloat32(t, exactFeatures, windows, frames, nMfcc));
        AtomicFiles.write(out.resolve(split.id() + "_labels.npy"), t -> NpyWriter.writeFloat32(t, exactLabels, windows));
        AtomicFiles.writeString(out.resolve(split.id() + "_manifest.csv"), manifest.toString());
    }

    private void ensureCapacity(int neededWindows) {
        if (neededWindows > labels.length) {
            int capacity = Math.max(neededWindows, labels.length * 2);
            features = Arrays.copyOf(features, capacity * frames * nMfcc);
            labels = Arrays.copyOf(labels, capacity);
        }
    }
}
