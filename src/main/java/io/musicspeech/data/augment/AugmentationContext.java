package io.musicspeech.data.augment;

import java.util.List;

/**
 * What a transform may know about the clip it changes besides its samples: its label, and the
 * music it may lay under speech ({@link MusicBed}), cut from the training side's music clips only
 * (so nothing of a held-out recording is heard in training).
 *
 * @param label     the clip's label (music or speech)
 * @param musicBeds excerpts of training music at the clip's rate; empty when no chain needs them
 */
public record AugmentationContext(String label, List<float[]> musicBeds) {
    public AugmentationContext {
        musicBeds = List.copyOf(musicBeds);
    }

    /** For transforms that need nothing but the samples. */
    public static final AugmentationContext NONE = new AugmentationContext("", List.of());
}
