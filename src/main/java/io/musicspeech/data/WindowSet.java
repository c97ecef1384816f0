package io.musicspeech.data;

import io.musicspeech.UserError;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Windows of one split in memory: MFCC features (windows x frames x n_mfcc), the class index of
 * each window (0 music, 1 speech for the labels music, speech) and where each window came from.
 * On disk: {@code <split>_features.npy}, {@code <split>_labels.npy}, {@code <split>_manifest.csv}.
 */
public final class WindowSet {
    static final String[] MANIFEST_COLUMNS = {"file", "group", "label", "window", "start_s", "chain", "rms"};
    static final String MANIFEST_HEADER = Csv.line((Object[]) MANIFEST_COLUMNS);

    /**
     * Where a window came from. {@code chain} is the augmentation chain, or {@link DatasetBuilder#RECORDED};
     * {@code rms} is the window's RMS (NaN in manifests written before it was recorded).
     */
    public record Origin(String file, String group, String label, int window, double startSeconds, String chain, double rms) {
    }

    private final int frames;
    private final int nMfcc;
    private float[] features = new float[0];
    private float[] labels = new float[0];
    private final List<Origin> origins = new ArrayList<>();

    public WindowSet(int frames, int nMfcc) {
        this.frames = frames;
        this.nMfcc = nMfcc;
    }

    /** A set holding exactly these windows (the arrays are taken, not copied). */
    static WindowSet of(int frames, int nMfcc, float[] features, float[] labels, List<Origin> origins) {
        if (features.length != origins.size() * frames * nMfcc || labels.length != origins.size()) {
            throw new IllegalArgumentException("features, labels and origins disagree on the number of windows");
        }
        WindowSet set = new WindowSet(frames, nMfcc);
        set.features = features;
        set.labels = labels;
        set.origins.addAll(origins);
        return set;
    }

    /** The same windows (origins, labels) with other features of {@code frames x nMfcc} each (e.g. embeddings). */
    public WindowSet withFeatures(int newFrames, int newNMfcc, float[] newFeatures) {
        return of(newFrames, newNMfcc, newFeatures, labels(), origins);
    }

    public int size() {
        return origins.size();
    }

    public int frames() {
        return frames;
    }

    public int nMfcc() {
        return nMfcc;
    }

    /** Features of all windows, windows x frames x n_mfcc (a copy of exactly {@link #size()} windows). */
    public float[] features() {
        return Arrays.copyOf(features, size() * frames * nMfcc);
    }

    /** Class index of every window. */
    public float[] labels() {
        return Arrays.copyOf(labels, size());
    }

    public List<Origin> origins() {
        return List.copyOf(origins);
    }

    /** Appends the windows of one clip (or of one augmented copy of it) with their RMS. */
    public void add(Clip clip, int labelIndex, String chain, ClipFeaturizer.Featurized clipWindowsFeatures, Windows clipWindows,
                    int sampleRate) {
        add(clip, labelIndex, chain, clipWindowsFeatures.features(), clipWindowsFeatures.rms(), clipWindows, sampleRate);
    }

    /** Appends the windows of one clip; {@code rms} may be null (unknown). */
    public void add(Clip clip, int labelIndex, String chain, float[] clipFeatures, float[] rms, Windows clipWindows,
                    int sampleRate) {
        int size = frames * nMfcc;
        int count = clipFeatures.length / size;
        int first = size();
        ensureCapacity(first + count);
        System.arraycopy(clipFeatures, 0, features, first * size, clipFeatures.length);
        Arrays.fill(labels, first, first + count, labelIndex);
        for (int w = 0; w < count; w++) {
            origins.add(new Origin(clip.relativePath(), clip.group(), clip.label(), w,
                    clipWindows.start(w) / (double) sampleRate, chain, rms == null ? Double.NaN : rms[w]));
        }
    }

    public void write(Path dir, Split split) throws IOException {
        int n = size();
        float[] exactFeatures = features();
        float[] exactLabels = labels();
        AtomicFiles.write(dir.resolve(split.id() + "_features.npy"), t -> NpyWriter.writeFloat32(t, exactFeatures, n, frames, nMfcc));
        AtomicFiles.write(dir.resolve(split.id() + "_labels.npy"), t -> NpyWriter.writeFloat32(t, exactLabels, n));
        StringBuilder manifest = new StringBuilder(MANIFEST_HEADER);
        for (Origin o : origins) {
            manifest.append(Csv.line(o.file(), o.group(), o.label(), o.window(),
                    String.format(Locale.ROOT, "%.6f", o.startSeconds()), o.chain(),
                    Double.isNaN(o.rms()) ? "" : String.format(Locale.ROOT, "%.6g", o.rms())));
        }
        AtomicFiles.writeString(dir.resolve(split.id() + "_manifest.csv"), manifest.toString());
    }

    /** Reads a split that prepare wrote, checking that its three files agree. */
    public static WindowSet read(Path dir, Split split) {
        NpyReader.Array features = NpyReader.readFloat32(dir.resolve(split.id() + "_features.npy"));
        NpyReader.Array labels = NpyReader.readFloat32(dir.resolve(split.id() + "_labels.npy"));
        Path manifestFile = dir.resolve(split.id() + "_manifest.csv");
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(manifestFile)) {
            rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new UserError(manifestFile + ": cannot read (" + e.getMessage() + "); run prepare again");
        }
        int[] shape = features.shape();
        if (shape.length != 3 || labels.rows() != shape[0] || rows.size() != shape[0]) {
            throw new UserError(dir + ": the " + split.id() + " features, labels and manifest disagree ("
                    + Arrays.toString(shape) + ", " + labels.rows() + " labels, " + rows.size() + " manifest rows); run prepare again");
        }
        WindowSet set = new WindowSet(shape[1], shape[2]);
        set.features = features.data();
        set.labels = labels.data();
        try {
            for (CSVRecord row : rows) {
                String rms = row.isMapped("rms") ? row.get("rms") : "";
                set.origins.add(new Origin(row.get("file"), row.get("group"), row.get("label"), Integer.parseInt(row.get("window")),
                        Double.parseDouble(row.get("start_s")), row.get("chain"), rms.isEmpty() ? Double.NaN : Double.parseDouble(rms)));
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(manifestFile + ": damaged row (" + e.getMessage() + "); run prepare again");
        }
        return set;
    }

    private void ensureCapacity(int neededWindows) {
        if (neededWindows > labels.length) {
            int capacity = Math.max(neededWindows, labels.length * 2);
            features = Arrays.copyOf(features, capacity * frames * nMfcc);
            labels = Arrays.copyOf(labels, capacity);
        }
    }
}
