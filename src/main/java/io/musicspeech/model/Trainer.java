package io.musicspeech.model;

import io.musicspeech.config.ModelConfig;
import io.musicspeech.config.TrainConfig;
import io.musicspeech.data.ContextStacker;
import io.musicspeech.data.WindowSet;
import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.net.Dl4jNetworks;
import io.musicspeech.model.net.NetworkDescription;
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

    /**
     * The trained network (best epoch), the normalisation it expects (or null), and the history.
     *
     * @param head        for a temporal model (model.head_units > 0), the head trained over the network's embeddings;
     *                    null otherwise
     * @param headHistory the head's epochs (empty without a head)
     * @param offlineHead with model.offline_look_ahead > 0, the look-ahead head for offline segmentation; else null
     * @param threshold   the decision threshold for the bundle: the configured one, or, with
     *                    {@code train.tune_threshold}, the one that scored best on the validation windows
     */
    public record Result(MultiLayerNetwork network, MultiLayerNetwork head, InputNormalisation normalisation,
                         List<EpochStats> history, int bestEpoch, List<EpochStats> headHistory, int bestHeadEpoch,
                         ModelBundle.OfflineHead offlineHead, double threshold) {

        /** The model bundle of this result. */
        public ModelBundle bundle(FeatureSpec spec, int contextWindows, double bundleThreshold, com.fasterxml.jackson.databind.JsonNode provenance) {
            return new ModelBundle(network, head, offlineHead, spec, contextWindows, bundleThreshold, normalisation, provenance);
        }
    }

    /** Thresholds tried by {@code train.tune_threshold}: 0.05, 0.10, ..., 0.95. */
    private static final int THRESHOLD_STEPS = 19;

    /** What the epoch loop trains: one minibatch step, the current model's logit, and the best epoch's parameters. */
    private interface Learner {
        double fit(float[] x, float[] y, int count);

        /** The epoch is over (the parameters are made visible to {@link #logit}). */
        void endEpoch();

        float logit(float[] input);

        void keepBest();

        void restoreBest();
    }

    public Result train(WindowSet trainSet, WindowSet validationSet) {
        if (trainSet.size() == 0) {
            throw new io.musicspeech.UserError("no training windows: prepare gave an empty train split");
        }
        // A temporal model's window network is trained on single windows; its head then gets the context.
        int stacked = model.temporal() ? 1 : model.contextWindows();
        WindowSet trainStacked = ContextStacker.stack(trainSet, stacked, spec.windowSeconds());
        WindowSet validationStacked = ContextStacker.stack(validationSet, stacked, spec.windowSeconds());
        int size = stacked * spec.featureSize();
        float[] trainFeatures = trainStacked.features(); // a copy: normalised in place below
        InputNormalisation normalisation = normalisation(model, trainFeatures, trainStacked.size(), size, spec);
        if (normalisation != null) {
            normalisation.apply(trainFeatures, 0, trainFeatures, 0, trainFeatures.length);
        }
        float[] validationFeatures = normalised(validationStacked, normalisation);
        MultiLayerNetwork network = CnnFactory.build(model, spec, train.seed(), train.learningRate());
        JavaCnnTrainer javaTrainer = null;
        if (train.engine().equals("java")) {
            javaTrainer = new JavaCnnTrainer(network, model, CnnFactory.inputFrames(model, spec), spec.nMfcc(),
                    train.learningRate(), train.seed(), train.effectiveThreads());
        } else {
            NativeSetup.useThreads(train.effectiveThreads()); // DL4J's fit runs on ND4J's native threads
        }
        Examples validationInputs = Examples.of(validationFeatures, validationStacked.labels(), size);
        Fitted windows;
        try {
            windows = fitEpochs(model.temporal() ? "window network" : null, cnnLearner(network, javaTrainer, stacked, size),
                    Examples.of(trainFeatures, trainStacked.labels(), size), validationInputs);
        } finally {
            if (javaTrainer != null) {
                javaTrainer.close();
            }
        }
        if (!model.temporal()) {
            double tuned = tune(new JavaCnnClassifier(network, spec, stacked, threshold, null), validationInputs);
            return new Result(network, null, normalisation, windows.history(), windows.bestEpoch(), List.of(), 0, null, tuned);
        }
        return trainHead(network, normalisation, windows, trainSet, trainFeatures, validationSet, validationFeatures);
    }

    /**
     * Stage two of a temporal model: the window network's embeddings of every window, and the head over them.
     *
     * @param trainFeatures      the training windows' features, normalised as the encoder was trained on them
     * @param validationFeatures the same for the validation windows
     */
    private Result trainHead(MultiLayerNetwork network, InputNormalisation normalisation, Fitted windows, WindowSet trainSet,
                             float[] trainFeatures, WindowSet validationSet, float[] validationFeatures) {
        NetworkDescription windowNet = Dl4jNetworks.describe(network, spec.frames(), spec.nMfcc(), "windows");
        NetworkDescription encoder = windowNet.upTo(TemporalClassifier.embeddingLayer(windowNet).index());
        MultiLayerNetwork head = CnnFactory.buildHead(model, model.denseUnits(), train.seed() + 1, train.learningRate());
        NetworkDescription headNet = Dl4jNetworks.describeVector(head, model.contextWindows() * model.denseUnits(), "embeddings");
        // The features are normalised already: the embedder does not normalise them again.
        TemporalClassifier embedder = new TemporalClassifier(encoder, headNet, spec, model.contextWindows(), threshold, null);
        HeadExamples trainInputs = headInputs(embedder, trainFeatures, trainSet);
        HeadExamples validationInputs = headInputs(embedder, validationFeatures, validationSet);
        TemporalHeadTrainer heads = new TemporalHeadTrainer(headNet, model, train.learningRate(), train.seed());
        Fitted fitted = fitHead("head", heads, trainInputs, validationInputs);
        ModelBundle.OfflineHead offline = null;
        if (model.offlineLookAhead() > 0) {
            offline = model.offlineContext() == model.contextWindows() ? offlineHead(headNet, trainInputs, validationInputs)
                    : offlineHead(encoder, trainFeatures, trainSet, validationFeatures, validationSet);
        }
        NetworkDescription trained = heads.description();
        Dl4jNetworks.write(trained, head);
        TemporalClassifier temporal = new TemporalClassifier(encoder, trained, spec, model.contextWindows(), threshold, normalisation);
        double tuned = tune(new WindowClassifier() {
            // The head on embeddings already computed: the validation inputs here are stacked embeddings.
            @Override
            public io.musicspeech.features.FeatureSpec featureSpec() {
                return spec;
            }

            @Override
            public double threshold() {
                return threshold;
            }

            @Override
            public float speechLogit(float[] embeddings) {
                return temporal.headLogit(embeddings);
            }

            @Override
            public void speechLogits(float[] inputs, int count, float[] out) {
                throw new UnsupportedOperationException();
            }
        }, validationInputs);
        return new Result(network, head, normalisation, windows.history(), windows.bestEpoch(), fitted.history(),
                fitted.bestEpoch(), offline, tuned);
    }

    /**
     * Stage three of a temporal model with model.offline_look_ahead = L: a second head, of the same
     * shape over model.offline_context_windows embeddings (the live head's inputs when that equals
     * context_windows), whose decision is about the window L places before the newest of its context, so it
     * hears L windows after the one it decides. Trained on the contexts and as many again spliced
     * across a change of class ({@link TransitionSplicer}), so it learns where in its context a
     * change lies; validated on spliced validation contexts the same way.
     */
    private ModelBundle.OfflineHead offlineHead(NetworkDescription headNet, HeadExamples trainInputs, HeadExamples validationInputs) {
        int ahead = model.offlineLookAhead();
        int windows = model.offlineContext();
        HeadExamples trainDecisions = TransitionSplicer.splice(trainInputs, ahead, OFFLINE_TRANSITIONS, train.seed() + 4);
        HeadExamples validationDecisions = TransitionSplicer.splice(validationInputs, ahead, OFFLINE_TRANSITIONS, train.seed() + 5);
        TemporalHeadTrainer offline = new TemporalHeadTrainer(headNet, model, train.learningRate(), train.seed() + 6);
        fitHead("offline head (" + ahead + " windows ahead)", offline, trainDecisions, validationDecisions);
        // A network of the head's shape to carry the trained parameters (its own initial ones are overwritten).
        MultiLayerNetwork network = CnnFactory.buildHead(model, windows, model.denseUnits(), train.seed(), train.learningRate());
        Dl4jNetworks.write(offline.description(), network);
        return new ModelBundle.OfflineHead(network, ahead, windows);
    }

    /**
     * The offline head over a context of its own (model.offline_context_windows): the windows encoded
     * again (seconds) and their contexts gathered to that width.
     */
    private ModelBundle.OfflineHead offlineHead(NetworkDescription encoder, float[] trainFeatures, WindowSet trainSet,
                                                float[] validationFeatures, WindowSet validationSet) {
        int windows = model.offlineContext();
        MultiLayerNetwork shape = CnnFactory.buildHead(model, windows, model.denseUnits(), train.seed() + 1, train.learningRate());
        NetworkDescription headNet = Dl4jNetworks.describeVector(shape, windows * model.denseUnits(), "embeddings");
        TemporalClassifier embedder = new TemporalClassifier(encoder, headNet, spec, windows, threshold, null);
        return offlineHead(headNet, headInputs(embedder, trainFeatures, trainSet, windows),
                headInputs(embedder, validationFeatures, validationSet, windows));
    }

    /** Spliced contexts per plain one in the offline head's training and validation sets. */
    private static final double OFFLINE_TRANSITIONS = 1.0;

    /** The epochs of one head on stacked embeddings, its best epoch's parameters kept. */
    private Fitted fitHead(String name, TemporalHeadTrainer heads, Examples trainInputs, Examples validationInputs) {
        return fitEpochs(name, new Learner() {
            @Override
            public double fit(float[] x, float[] y, int count) {
                return heads.fit(x, y, count);
            }

            @Override
            public void endEpoch() {
            }

            @Override
            public float logit(float[] input) {
                return heads.logit(input);
            }

            @Override
            public void keepBest() {
                heads.keepBest();
            }

            @Override
            public void restoreBest() {
                heads.restoreBest();
            }
        }, trainInputs, validationInputs);
    }

    /** A head's inputs: every window's context of embeddings, gathered when a batch asks for it. */
    private HeadExamples headInputs(TemporalClassifier embedder, float[] features, WindowSet set) {
        return headInputs(embedder, features, set, model.contextWindows());
    }

    /** The same over contexts of {@code windows} embeddings. */
    private HeadExamples headInputs(TemporalClassifier embedder, float[] features, WindowSet set, int windows) {
        int size = set.frames() * set.nMfcc();
        int e = embedder.embeddingSize();
        float[] embeddings = new float[set.size() * e];
        for (int i = 0; i < set.size(); i++) {
            embedder.encode(features, i * size, embeddings, i * e);
        }
        return HeadExamples.contexts(embeddings, e, ContextStacker.runStarts(set, windows, spec.windowSeconds()), windows,
                set.labels());
    }

    /** The CNN's steps: the Java trainer or DL4J's fit; scored by the Java forward pass of the network. */
    private Learner cnnLearner(MultiLayerNetwork network, JavaCnnTrainer javaTrainer, int stacked, int size) {
        return new Learner() {
            private JavaCnnClassifier current;
            private INDArray best;

            @Override
            public double fit(float[] x, float[] y, int count) {
                if (javaTrainer != null) {
                    return javaTrainer.fit(x, y, count);
                }
                network.fit(dataSet(x, y, count, size));
                return network.score();
            }

            @Override
            public void endEpoch() {
                if (javaTrainer != null) {
                    javaTrainer.copyTo(network);
                }
                current = new JavaCnnClassifier(network, spec, stacked, threshold, null);
            }

            @Override
            public float logit(float[] input) {
                return current.speechLogit(input);
            }

            @Override
            public void keepBest() {
                best = network.params().dup();
            }

            @Override
            public void restoreBest() {
                network.setParams(best);
            }
        };
    }

    private record Fitted(List<EpochStats> history, int bestEpoch) {
    }

    /**
     * Epochs of seeded shuffled minibatches until early stopping, keeping the best epoch's parameters.
     *
     * @param what what is trained, for the log (null for a plain network)
     */
    private Fitted fitEpochs(String what, Learner learner, Examples trainInputs, Examples validationInputs) {
        int count = trainInputs.count();
        int size = trainInputs.size();
        Random random = new Random(train.seed());
        int[] sample = sampleIndices(count, random);
        boolean validate = validationInputs.count() > 0;
        if (what != null) {
            log.println("training the " + what);
        }
        if (!validate) {
            log.println("note: no validation windows, so no early stopping: all " + train.epochs() + " epochs run");
        }
        List<EpochStats> history = new ArrayList<>();
        double bestScore = Double.NEGATIVE_INFINITY;
        int bestEpoch = 0;
        int[] order = identity(count);
        long started = System.nanoTime();
        float[] x = new float[train.batchSize() * size];
        float[] y = new float[train.batchSize()];
        for (int epoch = 1; epoch <= train.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            shuffle(order, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < order.length; from += train.batchSize()) {
                int to = Math.min(order.length, from + train.batchSize());
                gather(trainInputs, order, from, to, x, y);
                lossSum += learner.fit(x, y, to - from);
                batches++;
            }
            learner.endEpoch();
            Scores trainScores = score(learner, trainInputs, sample);
            Scores validationScores = validate
                    ? score(learner, validationInputs, identity(validationInputs.count()))
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
                learner.keepBest();
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            log.println(describe(stats, elapsed / epoch * (train.epochs() - epoch)));
            if (validate && epoch - bestEpoch >= train.patience()) {
                log.printf(Locale.ROOT, "early stop: validation %s has not improved for %d epochs; keeping epoch %d%n",
                        train.monitorsAccuracy() ? "accuracy" : "loss", train.patience(), bestEpoch);
                break;
            }
        }
        learner.restoreBest();
        return new Fitted(List.copyOf(history), bestEpoch);
    }

    /** The bundle's threshold: tuned on the validation inputs with train.tune_threshold, else the configured one. */
    private double tune(WindowClassifier classifier, Examples validation) {
        return train.tuneThreshold() && validation.count() > 0 ? tuneThreshold(classifier, validation) : threshold;
    }

    /**
     * The threshold on p(speech) with the best accuracy on the validation windows (ties: the one
     * nearest the configured threshold). Validation recordings are never test recordings, so the
     * choice stays honest; with few of them it is noisy, which the log line shows.
     */
    private double tuneThreshold(WindowClassifier classifier, Examples validation) {
        int n = validation.count();
        float[] p = new float[n];
        float[] labels = new float[n];
        float[] input = new float[validation.size()];
        for (int i = 0; i < n; i++) {
            validation.copy(i, input, 0);
            p[i] = classifier.speechProbability(input);
            labels[i] = validation.label(i);
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
    private Scores score(Learner learner, Examples inputs, int[] indices) {
        double loss = 0;
        long right = 0;
        float[] input = new float[inputs.size()];
        for (int index : indices) {
            inputs.copy(index, input, 0);
            double logit = learner.logit(input);
            boolean speech = inputs.label(index) >= 0.5f;
            // -log(sigmoid(z)) = softplus(-z), written so that neither tail overflows
            double z = speech ? logit : -logit;
            loss += Math.max(-z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            right += (WindowClassifier.sigmoid((float) logit) >= threshold) == speech ? 1 : 0;
        }
        return new Scores(loss / indices.length, (double) right / indices.length);
    }

    /** Copies the inputs {@code order[from..to)} and their labels into {@code x} and {@code y}. */
    private static void gather(Examples inputs, int[] order, int from, int to, float[] x, float[] y) {
        int size = inputs.size();
        for (int i = 0; i < to - from; i++) {
            int w = order[from + i];
            inputs.copy(w, x, i * size);
            y[i] = inputs.label(w);
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

    /** The set's features (a copy), normalised. */
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
