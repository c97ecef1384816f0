package io.musicspeech.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only shared folder (system property shared.dir, set by surefire); tests skip visibly without it. */
final class Shared {

    private Shared() {
    }

    /** A file under the shared folder, or a skipped test saying what is missing. */
    static Path file(String relative) {
        String dir = System.getProperty("shared.dir");
        Assumptions.assumeTrue(dir != null, "system property shared.dir is not set; test needs " + relative);
        Path file = Path.of(dir, relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "no " + file + "; test skipped");
        return file;
    }

    static Path seedModel() {
        return file("seed-model/model.keras");
    }

    /** entries[] of fixtures/mfcc_golden.json. */
    static JsonNode goldenEntries() {
        try {
            return new ObjectMapper().readTree(file("fixtures/mfcc_golden.json").toFile()).get("entries");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An entry's 11 x 13 mfcc as a flat frame-major window. */
    static float[] mfcc(JsonNode entry) {
        JsonNode rows = entry.get("mfcc");
        int cols = rows.get(0).size();
        float[] out = new float[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = rows.get(r).get(c).floatValue();
            }
        }
        return out;
    }
}
