package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;
import io.musicspeech.config.TrainConfig;
import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.WindowSet;
import io.musicspeech.features.FeatureSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a CNN on prepared windows: Adam, binary cross-entropy on the speech logit, seeded
 * shuffling, early stopping on validation loss or accuracy ({@code train.monitor}) with patience,
 * and the weights of the best epoch restored at the end. One line per epoch on the log.
 *
 * <p>The network is always a DL4J network built by {@link CnnFactory}; {@code train.engine}
 * chooses who computes the steps: {@link JavaCnnTrainer} (plain Java, the default) or DL4J's own
 * {@code fit}. Both start from the same initial weights; epochs are scored by the same
 * {@link JavaCnnClassifier} that later serves the bundle.
 */
public final class Trainer {
    /** Training windows whose accuracy is measured after each epoch (a fixed, seeded sample). */
    private static final int TRAIN_ACCURACY_SAMPLE = 4096;
    /** A validation loss must improve by more than this to count as better. */
    private static final double MIN_IMPROVEMENT = 1e-4;

    private final ModelConfig model;
    private final TrainConfig train;
    private final FeatureSpec spec;
    private final double threshold;
    private final PrintStream log;

    public Trainer(ModelConfig model, TrainConfig train, FeatureSpec spec, double threshold, PrintStream log) {
        this.model = model;
        this.train = train;
        this.spec = spec;
        this.threshold = threshold;
        this.log = log;
    }

    /** The trained network (best epoch), the normalisation it expects (or null), and the history. */
    /**
     * @param threshold the decision threshold for the bundle: the configured one, or, with
     *                  {@code train.tune_threshold}, the one that scored best on the validation windows
     */
    public record Result(MultiLayerNetwork network, InputNormalisation normalisation, List<EpochStats> history, int bestEpoch,
                         double threshold) {
    }

    /** Thresholds tried by {@code train.tune_threshold}: 0.05, 0.10, ..., 0.95. */
    private static final int THRESHOLD_STEPS = 19;

    public Result train(WindowSet trainSet, WindowSet validationSet) {
        if (trainSet.size() == 0) {
            throw new io.musicspeech.UserError("no training windows: prepare gave an empty train split");
        }
        trainSet = ContextStacker.stack(trainSet, model.contextWindows(), spec.windowSeconds());
        validationSet = ContextStacker.stack(validationSet, model.contextWindows(), spec.windowSeconds());
        int size = model.contextWindows() * spec.featureSize();
        float[] trainFeatures = trainSet.features();
        InputNormalisation normalisation = normalisation(model, trainFeatures, trainSet.size(), size, spec);
        if (normalisation != null) {
            normalisation.apply(trainFeatures, 0, trainFeatures, 0, trainFeatures.length);
        }
        MultiLayerNetwork network = CnnFactory.build(model, spec, train.seed(), train.learningRate());
        JavaCnnTrainer javaTrainer = null;
        if (train.engine().equals("java")) {
            javaTrainer = new JavaCnnTrainer(network, model, CnnFactory.inputFrames(model, spec), spec.nMfcc(),
                    train.learningRate(), train.seed(), train.effectiveThreads());
        } else {
            NativeSetup.useThreads(train.effectiveThreads()); // DL4J's fit runs on ND4J's native threads
        }
        try {
            return train(network, javaTrainer, trainSet, validationSet, trainFeatures, normalisation, size);
        } finally {
            if (javaTrainer != null) {
                javaTrainer.close();
            }
        }
    }

    private Result train(MultiLayerNetwork network, JavaCnnTrainer javaTrainer, WindowSet trainSet, WindowSet validationSet,
                         float[] trainFeatures, InputNormalisation normalisation, int size) {
        float[] trainLabels = trainSet.labels();
        float[] validationFeatures = normalised(validationSet, normalisation);
        float[] validationLabels = validationSet.labels();
        Random random = new Random(train.seed());
        int[] sample = sampleIndices(trainSet.size(), random);
        boolean validate = validationSet.size() > 0;
        if (!validate) {
            log.println("note: no validation windows, so no early stopping: all " + train.epochs() + " epochs run");
        }

        List<EpochStats> history = new ArrayList<>();
        INDArray bestParams = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int[] order = identity(trainSet.size());
        long started = System.nanoTime();
        for (int epoch = 1; epoch <= train.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            float[] x = new float[train.batchSize() * size];
            float[] y = new float[train.batchSize()];
            for (int from = 0; from < order.length; from += train.batchSize()) {
                int to = Math.min(order.length, from + train.batchSize());
                gather(trainFeatures, trainLabels, order, from, to, size, x, y);
                if (javaTrainer != null) {
                    lossSum += javaTrainer.fit(x, y, to - from);
                } else {
                    network.fit(dataSet(x, y, to - from, size));
                    lossSum += network.score();
                }
                batches++;
            }
            if (javaTrainer != null) {
                javaTrainer.copyTo(network);
            }
            JavaCnnClassifier current = new JavaCnnClassifier(network, spec, model.contextWindows(), threshold, null);
            Scores trainScores = score(current, trainFeatures, trainLabels, sample, size);
            Scores validationScores = validate
                    ? score(current, validationFeatures, validationLabels, identity(validationSet.size()), size)
                    : new Scores(Double.NaN, Double.NaN);
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            EpochStats stats = new EpochStats(epoch, lossSum / batches, trainScores.accuracy(), validationScores.loss(),
                    validationScores.accuracy(), seconds);
            history.add(stats);
            // Higher is better: accuracy as is, losses negated.
            double selection = !validate ? -stats.trainLoss()
                    : train.monitorsAccuracy() ? validationScores.accuracy() : -validationScores.loss();
            if (selection > bestScore + MIN_IMPROVEMENT) {
                bestScore = selection;
                bestEpoch = epoch;
                bestParams = network.params().dup();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            log.println(describe(stats, elapsed / epoch * (train.epochs() - epoch)));
            if (validate && epoch - bestEpoch >= train.patience()) {
                log.printf(Locale.ROOT, "early stop: validation %s has not improved for %d epochs; keeping epoch %d%n",
                        train.monitorsAccuracy() ? "accuracy" : "loss", train.patience(), bestEpoch);
                break;
            }
        }
        network.setParams(bestParams);
        double tuned = threshold;
        if (train.tuneThreshold() && validate) {
            tuned = tuneThreshold(new JavaCnnClassifier(network, spec, model.contextWindows(), threshold, null),
                    validationFeatures, validationLabels, size);
        }
        return new Result(network, normalisation, List.copyOf(history), bestEpoch, tuned);
    }

    /**
     * The threshold on p(speech) with the best accuracy on the validation windows (ties: the one
     * nearest the configured threshold). Validation recordings are never test recordings, so the
     * choice stays honest; with few of them it is noisy, which the log line shows.
     */
    private double tuneThreshold(WindowClassifier classifier, float[] features, float[] labels, int size) {
        int n = labels.length;
        float[] p = new float[n];
        float[] input = new float[size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features, i * size, input, 0, size);
            p[i] = classifier.speechProbability(input);
        }
        double best = threshold;
        double bestAccuracy = -1;
        for (int step = 1; step <= THRESHOLD_STEPS; step++) {
            double t = step / (THRESHOLD_STEPS + 1.0);
            double accuracy = accuracyAt(p, labels, t);
            if (accuracy > bestAccuracy || accuracy == bestAccuracy && Math.abs(t - threshold) < Math.abs(best - threshold)) {
                bestAccuracy = accuracy;
                best = t;
            }
        }
        log.printf(Locale.ROOT, "threshold tuned on %d validation windows: %.2f (accuracy %.1f %%; at %.2f: %.1f %%)%n", n, best,
                100 * bestAccuracy, threshold, 100 * accuracyAt(p, labels, threshold));
        return best;
    }

    private static double accuracyAt(float[] p, float[] labels, double t) {
        long right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i] >= t) == (labels[i] >= 0.5f) ? 1 : 0;
        }
        return (double) right / p.length;
    }

    private String describe(EpochStats s, double etaSeconds) {
        return String.format(Locale.ROOT,
                "epoch %3d/%d  train loss %.4f acc %5.1f %%  val loss %.4f acc %5.1f %%  %5.1f s  ETA %s",
                s.epoch(), train.epochs(), s.trainLoss(), 100 * s.trainAccuracy(), s.validationLoss(),
                100 * s.validationAccuracy(), s.seconds(), duration(etaSeconds));
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private record Scores(double loss, double accuracy) {
    }

    /** Mean binary cross-entropy (no L2 term) and accuracy at the decision threshold over the given inputs. */
    private Scores score(WindowClassifier classifier, float[] features, float[] labels, int[] indices, int size) {
        double loss = 0;
        long right = 0;
        float[] input = new float[size];
        for (int index : indices) {
            System.arraycopy(features, index * size, input, 0, size);
            double logit = classifier.speechLogit(input);
            boolean speech = labels[index] >= 0.5f;
            // -log(sigmoid(z)) = softplus(-z), written so that neither tail overflows
            double z = speech ? logit : -logit;
            loss += Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            right += (WindowClassifier.sigmoid((float) logit) >= threshold) == speech ? 1 : 0;
        }
        return new Scores(loss / indices.length, (double) right / indices.length);
    }

    /** Copies the inputs {@code order[from..to)} and their labels into {@code x} and {@code y}. */
    private static void gather(float[] features, float[] labels, int[] order, int from, int to, int size, float[] x, float[] y) {
        for (int i = 0; i < to - from; i++) {
            int w = order[from + i];
            System.arraycopy(features, w * size, x, i * size, size);
            y[i] = labels[w];
        }
    }

    private DataSet dataSet(float[] x, float[] y, int n, int size) {
        return new DataSet(Nd4j.create(java.util.Arrays.copyOf(x, n * size), new long[]{n, CnnFactory.inputFrames(model, spec), spec.nMfcc(), 1}),
                Nd4j.create(java.util.Arrays.copyOf(y, n), new long[]{n, 1}));
    }

    /** What the model config asks for: standardised coefficients, a relative level, both or neither (null). */
    static InputNormalisation normalisation(ModelConfig model, float[] features, int count, int size, FeatureSpec spec) {
        int levelFrames = model.relativeLevel() ? spec.frames() : 0;
        if (model.normalise()) {
            return InputNormalisation.fit(features, count, size, spec.nMfcc(), levelFrames);
        }
        return model.relativeLevel() ? InputNormalisation.levelOnly(spec.nMfcc(), levelFrames) : null;
    }

    private static float[] normalised(WindowSet set, InputNormalisation normalisation) {
        float[] features = set.features();
        if (normalisation != null) {
            normalisation.apply(features, 0, features, 0, features.length);
        }
        return features;
    }

    private static int[] sampleIndices(int count, Random random) {
        int[] all = identity(count);
        shuffle(all, random);
        return java.util.Arrays.copyOf(all, Math.min(count, TRAIN_ACCURACY_SAMPLE));
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    private static void shuffle(int[] order, Random random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
