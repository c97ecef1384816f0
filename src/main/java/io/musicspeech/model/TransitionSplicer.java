package io.musicspeech.model;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Changes of class for training a look-ahead head. Every training clip holds one class, so a head
 * trained on their contexts never sees what a stream has at each change: windows of one class,
 * then windows of the other, and nothing tells it which window of its context a decision is
 * about. A spliced context keeps the newest windows of one decision's context and takes its
 * oldest 1 to {@code windows - 1} from a context of the other class; its label is the class of
 * the window {@code lookAhead} places before the newest, so the head learns to place a change.
 */
final class TransitionSplicer {
    private TransitionSplicer() {
    }

    /**
     * The contexts, then {@code round(fraction * count)} spliced ones.
     *
     * @param contexts  the plain contexts (each holds one class)
     * @param lookAhead the labelled window is this many places before the newest (0: the newest)
     */
    static HeadExamples splice(HeadExamples contexts, int lookAhead, double fraction, long seed) {
        int count = contexts.contexts();
        int windows = contexts.windows();
        int[][] byClass = new int[2][];
        for (int c = 0; c < 2; c++) {
            int label = c;
            byClass[c] = IntStream.range(0, count).filter(i -> contexts.label(i) == label).toArray();
        }
        int added = (int) Math.round(fraction * count);
        if (windows < 2 || added == 0 || byClass[0].length == 0 || byClass[1].length == 0) {
            return contexts;
        }
        int[] newestOf = new int[added];
        int[] oldestOf = new int[added];
        int[] takenOf = new int[added];
        float[] labels = new float[added];
        int labelled = windows - 1 - lookAhead;
        SplittableRandom random = new SplittableRandom(seed);
        for (int a = 0; a < added; a++) {
            int newest = random.nextInt(count);
            int[] others = byClass[contexts.label(newest) >= 0.5f ? 0 : 1];
            int oldest = others[random.nextInt(others.length)];
            int taken = 1 + random.nextInt(windows - 1); // windows of the other class, at the start
            newestOf[a] = newest;
            oldestOf[a] = oldest;
            takenOf[a] = taken;
            labels[a] = labelled < taken ? contexts.label(oldest) : contexts.label(newest);
        }
        return contexts.withSpliced(newestOf, oldestOf, takenOf, labels);
    }
}
