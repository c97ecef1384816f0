package io.musicspeech.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Splits clips into train, validation and test by recording group, so no recording is on two
 * sides; stratified by label (each label's groups are split with the same fractions) and seeded.
 * Fractions are of clips: groups are taken in a seeded random order and a group goes to a
 * held-out side when that brings the side's clip count closer to its target.
 */
public final class GroupedSplit {
    private final double testFraction;
    private final double validationFraction;
    private final long seed;

    public GroupedSplit(double testFraction, double validationFraction, long seed) {
        this.testFraction = testFraction;
        this.validationFraction = validationFraction;
        this.seed = seed;
    }

    /**
     * The side of every clip, in the clips' order: {@code alwaysTrain} clips train, the others are split
     * as {@link #assign(List)} splits them alone (so adding train-only clips leaves their split as it was).
     */
    public Map<Clip, Split> assign(List<Clip> clips, Predicate<Clip> alwaysTrain) {
        Map<Clip, Split> split = assign(clips.stream().filter(alwaysTrain.negate()).toList());
        Map<Clip, Split> result = new LinkedHashMap<>();
        clips.forEach(c -> result.put(c, alwaysTrain.test(c) ? Split.TRAIN : split.get(c)));
        return result;
    }

    /** The side of every clip, in the clips' order. */
    public Map<Clip, Split> assign(List<Clip> clips) {
        Map<String, List<Clip>> byGroup = clips.stream()
                .collect(Collectors.groupingBy(Clip::group, TreeMap::new, Collectors.toList()));
        Map<String, List<String>> groupsByLabel = new TreeMap<>();
        byGroup.forEach((group, members) -> groupsByLabel.computeIfAbsent(majorityLabel(members), l -> new ArrayList<>()).add(group));

        Random random = new Random(seed);
        Map<String, Split> groupSplit = new TreeMap<>();
        for (List<String> groups : groupsByLabel.values()) {
            Collections.shuffle(groups, random);
            assignLabel(groups, byGroup, groupSplit);
        }
        Map<Clip, Split> result = new LinkedHashMap<>();
        clips.forEach(c -> result.put(c, groupSplit.get(c.group())));
        return result;
    }

    private void assignLabel(List<String> groups, Map<String, List<Clip>> byGroup, Map<String, Split> out) {
        int total = groups.stream().mapToInt(g -> byGroup.get(g).size()).sum();
        double testTarget = testFraction * total;
        double validationTarget = validationFraction * total;
        // With three or more recordings, a non-zero fraction always gets at least one.
        boolean guaranteeHeldOut = groups.size() >= 3;
        int test = 0;
        int validation = 0;
        for (String group : groups) {
            int size = byGroup.get(group).size();
            Split side;
            if (wants(test, size, testTarget, guaranteeHeldOut)) {
                side = Split.TEST;
                test += size;
            } else if (wants(validation, size, validationTarget, guaranteeHeldOut)) {
                side = Split.VALIDATION;
                validation += size;
            } else {
                side = Split.TRAIN;
            }
            out.put(group, side);
        }
    }

    private static boolean wants(int count, int size, double target, boolean guarantee) {
        if (target <= 0) {
            return false;
        }
        if (count == 0 && guarantee) {
            return true;
        }
        return Math.abs(count + size - target) < Math.abs(count - target);
    }

    private static String majorityLabel(List<Clip> members) {
        return members.stream()
                .collect(Collectors.groupingBy(Clip::label, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .orElseThrow()
                .getKey();
    }
}
