package io.musicspeech.data.augment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static io.musicspeech.data.augment.TestAudio.SR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class InputUntouchedTest {
    private static List<Augmentation> everything() {
        List<Augmentation> all = new ArrayList<>(AllTransforms.list());
        all.add(AllTransforms.chain());
        all.add(AllTransforms.halfChance());
        all.add(new Chain("empty", List.of()));
        return all;
    }

    @Test
    void noTransformModifiesItsInputOrReturnsIt() {
        float[] clip = AllTransforms.clip(1);
        float[] copy = clip.clone();
        for (Augmentation a : everything()) {
            for (long seed = 0; seed < 3; seed++) {
                float[] out = a.apply(clip, SR, new SplittableRandom(seed));

                assertArrayEquals(copy, clip, a.toString());
                assertNotSame(clip, out, a.toString());
            }
        }
    }

    @Test
    void emptyAndTinyClipsAreHandled() {
        for (Augmentation a : everything()) {
            for (int length : new int[] {0, 1, 7}) {
                float[] in = TestAudio.whiteNoise(length, 1, 0.5);
                assertDoesNotThrow(() -> a.apply(in, SR, new SplittableRandom(3)), a + " on " + length + " samples");
            }
        }
    }
}
