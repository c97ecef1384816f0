package io.musicspeech.eval;

import io.musicspeech.config.DecisionConfig;
import io.musicspeech.pipeline.Label;
import io.musicspeech.pipeline.LabelDecider;
import io.musicspeech.pipeline.SilenceGate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of an evaluation. Accuracies are fractions in [0, 1]; a figure that is undefined
 * for the data (e.g. speech recall with no speech windows) is NaN.
 *
 * @param confusion      [true class][predicted class], class 0 = music, 1 = speech
 * @param clipAccuracy   share of clips whose majority vote over their windows is right
 * @param smoothedWindowAccuracy share of windows that the live chain's decision ({@link LabelDecider}: the silence
 *                       gate, then the causal smoothing) labels right; a window it would call silence counts as wrong
 */
public record Metrics(int windows, int files, double threshold, double windowAccuracy, double balancedAccuracy,
                      double musicRecall, double speechRecall, double rocAuc, double clipAccuracy,
                      double smoothedWindowAccuracy, long[][] confusion, List<FileScore> perFile) {

    /** One clip's windows and how many of them were right. */
    public record FileScore(String file, String label, int windows, double accuracy, double meanPSpeech) {
    }

    public static Metrics compute(WindowPredictions predictions, DecisionConfig decision) {
        double threshold = decision.threshold();
        boolean[] truth = predictions.speech();
        float[] p = predictions.pSpeech();
        long[][] confusion = new long[2][2];
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i] ? 1 : 0][p[i] >= threshold ? 1 : 0]++;
        }
        long correct = confusion[0][0] + confusion[1][1];
        double musicRecall = ratio(confusion[0][0], confusion[0][0] + confusion[0][1]);
        double speechRecall = ratio(confusion[1][1], confusion[1][0] + confusion[1][1]);

        Map<String, List<Integer>> windowsOfFile = new LinkedHashMap<>();
        for (int i = 0; i < truth.length; i++) {
            windowsOfFile.computeIfAbsent(predictions.files().get(i), f -> new ArrayList<>()).add(i);
        }
        List<FileScore> perFile = new ArrayList<>();
        int clipsRight = 0;
        long smoothedRight = 0;
        LabelDecider decider = new LabelDecider(decision);
        float[] rms = predictions.rms();
        for (Map.Entry<String, List<Integer>> file : windowsOfFile.entrySet()) {
            int right = 0;
            int votedSpeech = 0;
            double sumP = 0;
            decider.reset();
            boolean isSpeech = truth[file.getValue().get(0)];
            for (int i : file.getValue()) {
                boolean predicted = p[i] >= threshold;
                right += predicted == truth[i] ? 1 : 0;
                votedSpeech += predicted ? 1 : 0;
                sumP += p[i];
                boolean silent = !Float.isNaN(rms[i]) && SilenceGate.isSilent(rms[i], decision.silenceThreshold());
                smoothedRight += decider.decide(silent, p[i]) == (truth[i] ? Label.SPEECH : Label.MUSIC) ? 1 : 0;
            }
            int n = file.getValue().size();
            // Majority vote; a tie goes to the mean probability.
            boolean clipSaysSpeech = 2 * votedSpeech == n ? sumP / n >= threshold : 2 * votedSpeech > n;
            clipsRight += clipSaysSpeech == isSpeech ? 1 : 0;
            perFile.add(new FileScore(file.getKey(), isSpeech ? "speech" : "music", n, (double) right / n, sumP / n));
        }
        return new Metrics(truth.length, windowsOfFile.size(), threshold, ratio(correct, truth.length),
                (musicRecall + speechRecall) / 2, musicRecall, speechRecall, rocAuc(truth, p),
                ratio(clipsRight, windowsOfFile.size()), ratio(smoothedRight, truth.length), confusion, List.copyOf(perFile));
    }

    /** Window accuracy at each threshold, for the accuracy-against-threshold figure. */
    public static double[] accuracyAtThresholds(WindowPredictions predictions, double[] thresholds) {
        double[] accuracy = new double[thresholds.length];
        for (int t = 0; t < thresholds.length; t++) {
            long right = 0;
            for (int i = 0; i < predictions.size(); i++) {
                right += (predictions.pSpeech()[i] >= thresholds[t]) == predictions.speech()[i] ? 1 : 0;
            }
            accuracy[t] = ratio(right, predictions.size());
        }
        return accuracy;
    }

    /**
     * Area under the ROC curve as the Mann-Whitney statistic: the chance that a random speech
     * window gets a higher p(speech) than a random music window, ties counting half.
     */
    static double rocAuc(boolean[] truth, float[] p) {
        Integer[] order = new Integer[p.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double rankSumSpeech = 0;
        long speech = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (truth[order[k]]) {
                    rankSumSpeech += averageRank;
                    speech++;
                }
            }
            i = j + 1;
        }
        long music = p.length - speech;
        if (speech == 0 || music == 0) {
            return Double.NaN;
        }
        return (rankSumSpeech - speech * (speech + 1) / 2.0) / ((double) speech * music);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
}
