package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.UserError;
import io.musicspeech.features.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLoaderTest {

    private static final FeatureSpec SPEC = FeatureSpec.librosaDefault();

    @TempDir
    Path dir;

    @Test
    void picksTheKerasImportForHdf5WhateverTheName() throws IOException {
        Path renamed = Files.copy(Shared.seedModel(), dir.resolve("model.zip"));
        WindowClassifier c = ModelLoader.load(renamed, SPEC, 0.7);
        assertEquals(0.7, c.threshold());
        assertEquals(SPEC, c.featureSpec());
        var entry = Shared.goldenEntries().get(0);
        assertEquals(entry.get("seed_model_logit").doubleValue(), c.speechLogit(Shared.mfcc(entry)), 1e-3);
    }

    @Test
    void picksTheBundleForZipAndUsesItsThreshold() {
        Path file = dir.resolve("model.bin");
        new ModelBundle(CnnFactory.build(ModelBundleTest.SMALL, SPEC, 1, 1e-3), SPEC, 0.42, null, null).save(file);
        WindowClassifier c = ModelLoader.load(file, SPEC, 0.7);
        assertEquals(0.42, c.threshold());
        float p = c.speechProbability(new float[SPEC.featureSize()]);
        assertTrue(p > 0 && p < 1);
    }

    @Test
    void bundleTrainedOnOtherAudioNamesTheDifferences() {
        FeatureSpec trained = new FeatureSpec(16000, 4000, 20, 2048, 512, 128, 0, 8000, 80);
        Path file = dir.resolve("model.zip");
        new ModelBundle(CnnFactory.build(ModelBundleTest.SMALL, trained, 1, 1e-3), trained, 0.7, null, null).save(file);
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(file, SPEC, 0.7));
        assertEquals(file + ": model was trained with audio.sample_rate=16000 but the config says 22050; "
                + "window samples (features.window_seconds x audio.sample_rate)=4000 but the config says 5512. "
                + "Set those config values back to the model's or retrain the model", e.getMessage());
    }

    @Test
    void bundleBringsItsOwnMfccSettings() {
        FeatureSpec trained = new FeatureSpec(SPEC.sampleRate(), SPEC.windowSamples(), 20, 1024, 256, 64, 50, 8000, 60);
        Path file = dir.resolve("mfcc20.zip");
        new ModelBundle(CnnFactory.build(ModelBundleTest.SMALL, trained, 1, 1e-3), trained, 0.7, null, null).save(file);
        WindowClassifier c = ModelLoader.load(file, SPEC, 0.7);
        assertEquals(trained, c.featureSpec(), "the stages featurise with the model's spec, not the config's");
    }

    @Test
    void neitherZipNorHdf5() throws IOException {
        Path file = Files.writeString(dir.resolve("model.txt"), "weights");
        UserError e = assertThrows(UserError.class, () -> ModelLoader.load(file, SPEC, 0.7));
        assertEquals(file + " is neither a model bundle (zip) nor a Keras model (HDF5)", e.getMessage());
    }

    @Test
    void missingAndFolder() {
        UserError missing = assertThrows(UserError.class, () -> ModelLoader.load(dir.resolve("x.zip"), SPEC, 0.7));
        assertEquals("model not found: " + dir.resolve("x.zip"), missing.getMessage());
        UserError folder = assertThrows(UserError.class, () -> ModelLoader.load(dir, SPEC, 0.7));
        assertEquals(dir + " is a folder, not a model file", folder.getMessage());
    }
}
