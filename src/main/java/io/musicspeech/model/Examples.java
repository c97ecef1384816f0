package io.musicspeech.model;

/**
 * Labelled training inputs as the trainer reads them, one at a time, into its batches: held whole
 * ({@link #of}), or gathered when asked for ({@link HeadExamples}: a temporal head's contexts are
 * never stacked in memory, which would be the context length times the embeddings).
 */
interface Examples {
    int count();

    /** Values per input. */
    int size();

    /** Class index of input {@code i} (0 music, 1 speech). */
    float label(int i);

    /** Writes input {@code i} to {@code out} at {@code offset}. */
    void copy(int i, float[] out, int offset);

    /** Inputs held in one array, {@code size} values each. */
    static Examples of(float[] features, float[] labels, int size) {
        return new Examples() {
            @Override
            public int count() {
                return labels.length;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public float label(int i) {
                return labels[i];
            }

            @Override
            public void copy(int i, float[] out, int offset) {
                System.arraycopy(features, i * size, out, offset, size);
            }
        };
    }
}
