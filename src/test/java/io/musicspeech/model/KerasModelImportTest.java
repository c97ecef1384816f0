package io.musicspeech.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.musicspeech.UserError;
import io.musicspeech.features.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.global.hdf5;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad Keras files give one-line UserErrors that name the file and the problem. */
class KerasModelImportTest {

    @TempDir
    Path dir;

    private UserError loadFails(Path file) {
        UserError e = assertThrows(UserError.class, () -> KerasModelImport.load(file, FeatureSpec.librosaDefault(), 0.7));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void missingFile() {
        assertTrue(loadFails(dir.resolve("nope.keras")).getMessage().contains("not found"));
    }

    @Test
    void folder() {
        assertTrue(loadFails(dir).getMessage().contains("is a folder"));
    }

    @Test
    void plainTextFile() throws IOException {
        Path file = Files.writeString(dir.resolve("model.keras"), "not a model\n");
        assertTrue(loadFails(file).getMessage().contains("not an HDF5 file"));
    }

    @Test
    void emptyFile() throws IOException {
        Path file = Files.createFile(dir.resolve("empty.h5"));
        assertTrue(loadFails(file).getMessage().contains("not an HDF5 file"));
    }

    @Test
    void hdf5ThatIsNotAKerasModel() {
        Path file = dir.resolve("data.h5");
        new H5File(file.toString(), hdf5.H5F_ACC_TRUNC()).close();
        assertTrue(loadFails(file).getMessage().contains("not a Keras Sequential model"));
    }

    @Test
    void zipIsNotMistakenForKeras() throws IOException {
        Path file = Files.write(dir.resolve("model.keras"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0});
        assertTrue(loadFails(file).getMessage().contains("zip archive"));
    }

    @Test
    void seedModelWithAnotherFeatureSpecIsRefused() {
        Path seed = Shared.seedModel();
        FeatureSpec twentyCoefficients = new FeatureSpec(22050, 5512, 20, 2048, 512, 128, 0, 11025, 80);
        UserError e = assertThrows(UserError.class, () -> KerasModelImport.load(seed, twentyCoefficients, 0.7));
        assertTrue(e.getMessage().contains("does not accept windows of 11 frames x 20 coefficients"), e.getMessage());

        FeatureSpec fiveFrames = new FeatureSpec(22050, 2205, 13, 2048, 512, 128, 0, 11025, 80);
        UserError tooShort = assertThrows(UserError.class, () -> KerasModelImport.load(seed, fiveFrames, 0.7));
        assertFalse(tooShort.getMessage().contains("\n"), "one line: " + tooShort.getMessage());
    }
}
