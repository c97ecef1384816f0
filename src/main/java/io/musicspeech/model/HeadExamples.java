package io.musicspeech.model;

import io.musicspeech.data.ContextStacker;

/**
 * A temporal head's training inputs, gathered from every window's embedding when a batch asks:
 * context {@code i} is window {@code i} and the {@code windows - 1} before it in its recording (the
 * first window standing in for a missing past, as {@link ContextStacker} stacks them), and each
 * spliced context ({@link TransitionSplicer}) the oldest {@code taken} windows of one context
 * followed by the newest of another. Memory: the embeddings and three ints per spliced context.
 */
final class HeadExamples implements Examples {
    private final float[] embeddings;
    private final int embedding;
    private final int[] runStarts;
    private final int windows;
    private final float[] labels;
    private final int plain;
    private final int[] newest;
    private final int[] oldest;
    private final int[] taken;

    private HeadExamples(float[] embeddings, int embedding, int[] runStarts, int windows, float[] labels, int plain, int[] newest,
                         int[] oldest, int[] taken) {
        this.embeddings = embeddings;
        this.embedding = embedding;
        this.runStarts = runStarts;
        this.windows = windows;
        this.labels = labels;
        this.plain = plain;
        this.newest = newest;
        this.oldest = oldest;
        this.taken = taken;
    }

    /**
     * @param embeddings every window's embedding, {@code embedding} values each, in set order
     * @param runStarts  from {@link ContextStacker#runStarts}: where each window's recording run begins
     * @param labels     each window's class
     */
    static HeadExamples contexts(float[] embeddings, int embedding, int[] runStarts, int windows, float[] labels) {
        return new HeadExamples(embeddings, embedding, runStarts, windows, labels, labels.length, new int[0], new int[0], new int[0]);
    }

    /** These contexts and spliced ones: context {@code oldest[s]}'s first {@code taken[s]} windows, then {@code newest[s]}'s. */
    HeadExamples withSpliced(int[] newestOf, int[] oldestOf, int[] takenOf, float[] splicedLabels) {
        float[] all = java.util.Arrays.copyOf(labels, plain + splicedLabels.length);
        System.arraycopy(splicedLabels, 0, all, plain, splicedLabels.length);
        return new HeadExamples(embeddings, embedding, runStarts, windows, all, plain, newestOf, oldestOf, takenOf);
    }

    /** The plain contexts (the windows of the set), before any spliced one. */
    int contexts() {
        return plain;
    }

    int windows() {
        return windows;
    }

    @Override
    public int count() {
        return labels.length;
    }

    @Override
    public int size() {
        return windows * embedding;
    }

    @Override
    public float label(int i) {
        return labels[i];
    }

    @Override
    public void copy(int i, float[] out, int offset) {
        if (i < plain) {
            ContextStacker.stackOne(embeddings, embedding, runStarts, i, windows, out, offset);
            return;
        }
        int s = i - plain;
        ContextStacker.stackSlots(embeddings, embedding, runStarts, oldest[s], windows, 0, taken[s], out, offset);
        ContextStacker.stackSlots(embeddings, embedding, runStarts, newest[s], windows, taken[s], windows, out, offset);
    }
}
