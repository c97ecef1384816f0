package io.musicspeech.model.baseline;

import io.musicspeech.features.FeatureSpec;
import io.musicspeech.model.WindowClassifier;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/**
 * A Tribuo model on {@link WindowStatistics} behind the project's one model interface, so the
 * baselines are scored by exactly the code that scores the CNN. Features are standardised with
 * the training set's mean and deviation (SGD needs comparable scales; trees do not mind). With
 * context, the statistics are taken over the whole stacked input, as the CNN sees it.
 */
public final class BaselineClassifier implements WindowClassifier {
    static final String SPEECH = "speech";
    private static final float MAX_LOGIT = 30;

    private final Model<Label> model;
    private final FeatureSpec spec;
    private final int contextWindows;
    private final double threshold;
    private final WindowStatistics statistics;
    private final double[] mean;
    private final double[] std;
    private final String[] names;
    private final double[] values;

    BaselineClassifier(Model<Label> model, FeatureSpec spec, int contextWindows, double threshold, double[] mean, double[] std) {
        this.model = model;
        this.spec = spec;
        this.contextWindows = contextWindows;
        this.threshold = threshold;
        this.statistics = new WindowStatistics(contextWindows * spec.frames(), spec.nMfcc());
        this.mean = mean;
        this.std = std;
        this.names = statistics.names();
        this.values = new double[statistics.size()];
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public int contextWindows() {
        return contextWindows;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    public Model<Label> model() {
        return model;
    }

    @Override
    public float speechLogit(float[] window) {
        return logitAt(window, 0);
    }

    @Override
    public void speechLogits(float[] windows, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = logitAt(windows, i * inputSize());
        }
    }

    private float logitAt(float[] windows, int offset) {
        statistics.compute(windows, offset, values);
        standardise(values, mean, std);
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, values));
        Label speech = prediction.getOutputScores().get(SPEECH);
        double p = speech == null ? 0 : speech.getScore();
        double logit = Math.log(p / (1 - p));
        return (float) Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, logit));
    }

    static void standardise(double[] values, double[] mean, double[] std) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (values[i] - mean[i]) / std[i];
        }
    }
}
