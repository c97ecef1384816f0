package io.musicspeech.model;

import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.data.Clip;
import io.musicspeech.data.ClipFeaturizer;
import io.musicspeech.data.DatasetBuilder;
import io.musicspeech.data.WindowSet;
import io.musicspeech.data.Windows;
import io.musicspeech.eval.Predictor;
import io.musicspeech.features.FeatureSpec;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped model decides a recording the same whatever its level: one clip at -35, -25, -15 and
 * -5 dBFS RMS (as a 16-bit file would hold it: loud copies clip at full scale) gets the same
 * decision on at least 98 % of its windows at every level.
 */
class LevelInvarianceTest {
    private static final double[] LEVELS_DBFS = {-35, -25, -15, -5};
    private static final double AGREEMENT = 0.98;

    @ParameterizedTest
    @ValueSource(strings = {"datasets/gtzan-musicspeech/music_wav/bartok.wav", "datasets/gtzan-musicspeech/speech_wav/comedy.wav",
            "datasets/gtzan-musicspeech/music_wav/rock.wav", "datasets/gtzan-musicspeech/speech_wav/news2.wav"})
    void aClipGetsTheSameDecisionsAtEveryLevel(String relative) throws Exception {
        Path file = Shared.file(relative);
        WindowClassifier classifier = ModelBundle.load(ShippedModelFixture.SHIPPED).classifier();
        FeatureSpec spec = classifier.featureSpec();
        float[] audio = AudioDecoder.decode(file, spec.sampleRate()).samples();
        Windows windows = new Windows(spec.windowSamples(), spec.windowSamples());
        ClipFeaturizer featurizer = new ClipFeaturizer(spec, windows);

        boolean[][] speech = new boolean[LEVELS_DBFS.length][];
        for (int l = 0; l < LEVELS_DBFS.length; l++) {
            float[] leveled = atLevel(audio, LEVELS_DBFS[l]);
            WindowSet set = new WindowSet(spec.frames(), spec.nMfcc());
            set.add(new Clip(file, relative, "unknown", relative), 0, DatasetBuilder.RECORDED, featurizer.featurize(leveled),
                    windows, spec.sampleRate());
            float[] p = Predictor.predict(classifier, set).pSpeech();
            speech[l] = new boolean[p.length];
            for (int w = 0; w < p.length; w++) {
                speech[l][w] = p[w] >= classifier.threshold();
            }
        }
        int count = speech[0].length;
        int same = 0;
        for (int w = 0; w < count; w++) {
            boolean all = true;
            for (int l = 1; l < LEVELS_DBFS.length; l++) {
                all &= speech[l][w] == speech[0][w];
            }
            same += all ? 1 : 0;
        }
        double agreement = same / (double) count;
        System.out.printf(Locale.ROOT, "%s: the same decision at every level on %d of %d windows (%.1f %%)%n",
                relative, same, count, 100 * agreement);
        assertTrue(agreement >= AGREEMENT, String.format(Locale.ROOT,
                "%s: the same decision at -35 to -5 dBFS on only %.1f %% of windows", relative, 100 * agreement));
    }

    /** The clip scaled to an RMS of {@code dbfs} and stored as 16-bit samples (clipped at full scale). */
    static float[] atLevel(float[] audio, double dbfs) {
        double sum = 0;
        for (float v : audio) {
            sum += v * (double) v;
        }
        double gain = Math.pow(10, dbfs / 20) / Math.sqrt(sum / audio.length);
        float[] out = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            double v = Math.max(-1, Math.min(32767 / 32768.0, audio[i] * gain));
            out[i] = (float) (Math.round(v * 32768) / 32768.0);
        }
        return out;
    }
}
