package io.musicspeech.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupedSplitTest {
    private static final RecordingGroups GROUPS = new RecordingGroups("(?<group>.+?)\\d+[A-Za-z]?");

    /** 48 clips per label in the shape of the development data: many singles, some recordings with 2-3 clips. */
    private static List<Clip> dataset() {
        List<Clip> clips = new ArrayList<>();
        for (String label : List.of("music", "speech")) {
            for (int i = 0; i < 36; i++) {
                clips.add(clip(label, label + "solo" + (char) ('a' + i / 26) + (char) ('a' + i % 26)));
            }
            for (int r = 0; r < 4; r++) {
                String recording = label + "rec" + (char) ('a' + r);
                for (int part = 1; part <= 3; part++) {
                    clips.add(clip(label, recording + part));
                }
            }
        }
        return clips;
    }

    private static Clip clip(String label, String name) {
        return new Clip(Path.of(label, name + ".wav"), label + "/" + name + ".wav", label, GROUPS.groupOf(name));
    }

    @Test
    void noRecordingIsOnTwoSides() {
        Map<Clip, Split> split = new GroupedSplit(0.2, 0.2, 7).assign(dataset());
        Map<String, Split> sideOfGroup = new HashMap<>();
        split.forEach((clip, side) -> {
            Split previous = sideOfGroup.putIfAbsent(clip.group(), side);
            assertTrue(previous == null || previous == side, clip.group() + " is in " + previous + " and " + side);
        });
        assertTrue(sideOfGroup.containsKey("musicreca"));
    }

    @Test
    void eachLabelIsSplitWithTheConfiguredFractions() {
        Map<Clip, Split> split = new GroupedSplit(0.2, 0.2, 7).assign(dataset());
        for (String label : List.of("music", "speech")) {
            long test = count(split, label, Split.TEST);
            long validation = count(split, label, Split.VALIDATION);
            long train = count(split, label, Split.TRAIN);
            assertEquals(48, test + validation + train);
            assertTrue(Math.abs(test - 9.6) <= 2, label + " test " + test);
            assertTrue(Math.abs(validation - 9.6) <= 2, label + " validation " + validation);
        }
    }

    @Test
    void trainOnlyClipsTrainAndLeaveTheOthersSplitAsWithoutThem() {
        List<Clip> real = dataset();
        List<Clip> all = new ArrayList<>(real);
        for (int i = 1; i <= 12; i++) {
            all.add(clip("speech", "synthvoice" + i));
        }
        Map<Clip, Split> split = new GroupedSplit(0.2, 0.2, 7).assign(all, c -> c.group().startsWith("synth"));
        Map<Clip, Split> alone = new GroupedSplit(0.2, 0.2, 7).assign(real);
        real.forEach(c -> assertEquals(alone.get(c), split.get(c), c.toString()));
        all.subList(real.size(), all.size()).forEach(c -> assertEquals(Split.TRAIN, split.get(c), c.toString()));
        assertEquals(all.size(), split.size());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        List<Clip> clips = dataset();
        assertEquals(new GroupedSplit(0.2, 0.2, 7).assign(clips), new GroupedSplit(0.2, 0.2, 7).assign(clips));
        assertNotEquals(new GroupedSplit(0.2, 0.2, 7).assign(clips), new GroupedSplit(0.2, 0.2, 8).assign(clips));
    }

    @Test
    void smallDatasetsStillGetEverySideWithThreeRecordings() {
        List<Clip> clips = new ArrayList<>();
        for (String label : List.of("music", "speech")) {
            for (String name : List.of("a", "b", "c")) {
                clips.add(clip(label, label + name));
            }
        }
        Map<Clip, Split> split = new GroupedSplit(0.2, 0.2, 1).assign(clips);
        for (String label : List.of("music", "speech")) {
            for (Split side : Split.values()) {
                assertEquals(1, count(split, label, side), label + " " + side);
            }
        }
    }

    @Test
    void zeroFractionsPutEverythingInTrain() {
        Map<Clip, Split> split = new GroupedSplit(0, 0, 1).assign(dataset());
        assertTrue(split.values().stream().allMatch(s -> s == Split.TRAIN));
    }

    private static long count(Map<Clip, Split> split, String label, Split side) {
        return split.entrySet().stream().filter(e -> e.getKey().label().equals(label) && e.getValue() == side).count();
    }
}
