package io.musicspeech.audio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoded GTZAN clips equal librosa.load(path, sr=22050) sample for sample, as recorded in the golden fixture. */
class LibrosaExactnessTest {

    @Test
    void fixtureWindowsMatchBitForBit() throws IOException {
        JsonNode entries = new ObjectMapper().readTree(SharedData.require("fixtures/mfcc_golden.json").toFile())
                .get("entries");
        Map<String, float[]> decoded = new HashMap<>();
        int checked = 0;
        for (JsonNode entry : entries) {
            String name = entry.get("file").asText();
            if (name.startsWith("<synthetic")) {
                continue;
            }
            float[] samples = decoded.computeIfAbsent(name, n -> {
                Path file = SharedData.require("datasets/gtzan-musicspeech/" + n);
                AudioClip clip = AudioDecoder.decode(file, 22050);
                assertEquals(30.0, clip.durationSeconds(), 0.1, n);
                return clip.samples();
            });
            int start = entry.get("start_sample").asInt();
            JsonNode expected = entry.get("samples_int16");
            for (int i = 0; i < expected.size(); i++) {
                float want = expected.get(i).asInt() / 32768f;
                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(samples[start + i])) {
                    assertEquals(want, samples[start + i], name + " sample " + (start + i));
                }
            }
            checked++;
        }
        assertTrue(checked >= 4, "expected several file windows in the fixture, found " + checked);
    }
}
