package io.musicspeech.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the extractor against librosa's own output (shared/fixtures/mfcc_golden.json, see its
 * README): every MFCC of the 14 windows, and for the sine also the mel power and dB matrices.
 * Tolerance from the README: |a - b| <= 1e-3 |b| + 1e-3.
 */
class MfccGoldenTest {

    private static final double TOL = 1e-3;
    /** Mel power values below this are too small for the mixed tolerance to say anything. */
    private static final double RELATIVE_CHECK_ABOVE = 1e-6;

    static Stream<Arguments> entries() throws IOException {
        // Without the fixtures, one case that skips with the reason, so the report shows a skip
        // (an assumption failing here would abort the whole test silently under surefire).
        String dir = System.getProperty("shared.dir");
        if (dir == null) {
            return Stream.of(Arguments.of("system property shared.dir is not set; golden MFCC fixtures skipped", null));
        }
        Path file = Path.of(dir, "fixtures", "mfcc_golden.json");
        if (!Files.isRegularFile(file)) {
            return Stream.of(Arguments.of("no fixture file " + file + "; golden MFCC fixtures skipped", null));
        }
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : root.get("entries")) {
            String name = e.get("file").asText();
            if (e.hasNonNull("window_index")) {
                name += " window " + e.get("window_index").asInt();
            }
            cases.add(Arguments.of(name, e));
        }
        assertEquals(14, cases.size(), "fixture entries");
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void matchesLibrosa(String name, JsonNode entry) {
        Assumptions.assumeTrue(entry != null, name);
        FeatureSpec spec = FeatureSpec.librosaDefault();
        MfccExtractor extractor = new MfccExtractor(spec);
        float[] samples = samples(entry, spec.windowSamples());

        float[] mfcc = new float[spec.featureSize()];
        extractor.extract(samples, 0, mfcc);
        JsonNode expected = entry.get("mfcc");
        assertEquals(spec.frames(), expected.size(), name + ": frames in fixture");
        Deviation dev = new Deviation();
        for (int t = 0; t < spec.frames(); t++) {
            assertEquals(spec.nMfcc(), expected.get(t).size(), name + ": coefficients in fixture");
            for (int c = 0; c < spec.nMfcc(); c++) {
                double b = expected.get(t).get(c).asDouble();
                double a = mfcc[t * spec.nMfcc() + c];
                dev.add(a, b);
                if (!(Math.abs(a - b) <= TOL * Math.abs(b) + TOL)) {
                    fail(String.format("%s: mfcc frame %d coefficient %d: expected %.6f, got %.6f",
                            name, t, c, b, a));
                }
            }
        }
        System.out.printf("%-32s mfcc: max |a-b| %.3g, max |a-b|/|b| %.3g%n", name, dev.maxAbs, dev.maxRel);

        if (entry.has("mel_power_spectrogram")) {
            double[] melPower = new double[spec.nMels() * spec.frames()];
            extractor.melPower(samples, 0, melPower);
            compareMatrix(name, "mel power", entry.get("mel_power_spectrogram"), melPower, spec, true);
        }
        if (entry.has("log_mel_db_after_power_to_db")) {
            double[] db = new double[spec.nMels() * spec.frames()];
            extractor.logMelDb(samples, 0, db);
            compareMatrix(name, "dB", entry.get("log_mel_db_after_power_to_db"), db, spec, false);
        }
    }

    /** Compares an n_mels x frames matrix; for power values also relative error where b > 1e-6. */
    private static void compareMatrix(String name, String what, JsonNode expected, double[] actual,
                                      FeatureSpec spec, boolean relativeToo) {
        int frames = spec.frames();
        assertEquals(spec.nMels(), expected.size(), name + ": mel bands of " + what);
        Deviation dev = new Deviation();
        Deviation large = new Deviation();
        for (int m = 0; m < spec.nMels(); m++) {
            for (int t = 0; t < frames; t++) {
                double b = expected.get(m).get(t).asDouble();
                double a = actual[m * frames + t];
                dev.add(a, b);
                boolean ok = Math.abs(a - b) <= TOL * Math.abs(b) + TOL;
                if (relativeToo && Math.abs(b) > RELATIVE_CHECK_ABOVE) {
                    large.add(a, b);
                    ok &= Math.abs(a - b) <= TOL * Math.abs(b);
                }
                if (!ok) {
                    fail(String.format("%s: %s mel %d frame %d: expected %.9g, got %.9g", name, what, m, t, b, a));
                }
            }
        }
        System.out.printf("%-32s %s: max |a-b| %.3g, max |a-b|/|b| %.3g%s%n", name, what, dev.maxAbs, dev.maxRel,
                relativeToo ? String.format(" (%.3g where |b| > %.0e)", large.maxRel, RELATIVE_CHECK_ABOVE) : "");
    }

    private static float[] samples(JsonNode entry, int n) {
        String file = entry.get("file").asText();
        float[] y = new float[n];
        if (entry.has("samples_int16")) {
            JsonNode ints = entry.get("samples_int16");
            assertEquals(n, ints.size(), file + ": samples in fixture");
            for (int i = 0; i < n; i++) {
                y[i] = ints.get(i).asInt() / 32768f;
            }
        } else if (file.equals("<synthetic:sine440>")) {
            for (int i = 0; i < n; i++) {
                // float64 then cast, as numpy did: float32(0.5*sin(2*pi*440*n/22050))
                y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 22050));
            }
        } else if (!file.equals("<synthetic:zeros>")) {
            fail("fixture entry " + file + " has no samples and is not a known synthetic signal");
        }
        return y;
    }

    /** Largest absolute and relative deviation seen (relative only where b != 0). */
    private static final class Deviation {
        double maxAbs;
        double maxRel;

        void add(double a, double b) {
            double d = Math.abs(a - b);
            maxAbs = Math.max(maxAbs, d);
            if (b != 0) {
                maxRel = Math.max(maxRel, d / Math.abs(b));
            }
        }
    }
}
