package io.musicspeech.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Deals recording groups into k folds for cross-validation: every clip of a recording in the
 * same fold, each label spread evenly (its groups, in a seeded random order, each go to the fold
 * that has the fewest of that label's clips so far).
 */
public final class GroupedFolds {
    private final int folds;
    private final long seed;

    public GroupedFolds(int folds, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + folds);
        }
        this.folds = folds;
        this.seed = seed;
    }

    /** The fold (0 .. k-1) of every clip, in the clips' order. */
    public Map<Clip, Integer> assign(List<Clip> clips) {
        Map<String, List<Clip>> byGroup = clips.stream()
                .collect(Collectors.groupingBy(Clip::group, TreeMap::new, Collectors.toList()));
        Map<String, List<String>> groupsByLabel = new TreeMap<>();
        byGroup.forEach((group, members) -> groupsByLabel.computeIfAbsent(members.get(0).label(), l -> new ArrayList<>()).add(group));
        Random random = new Random(seed);
        Map<String, Integer> foldOfGroup = new TreeMap<>();
        for (List<String> groups : groupsByLabel.values()) {
            Collections.shuffle(groups, random);
            int[] clipsInFold = new int[folds];
            for (String group : groups) {
                int target = 0;
                for (int f = 1; f < folds; f++) {
                    if (clipsInFold[f] < clipsInFold[target]) {
                        target = f;
                    }
                }
                foldOfGroup.put(group, target);
                clipsInFold[target] += byGroup.get(group).size();
            }
        }
        Map<Clip, Integer> result = new LinkedHashMap<>();
        clips.forEach(c -> result.put(c, foldOfGroup.get(c.group())));
        return result;
    }
}
