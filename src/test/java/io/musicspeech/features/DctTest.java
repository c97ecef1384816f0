package io.musicspeech.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DctTest {

    @Test
    void fullMatrixIsOrthonormal() {
        int n = 128;
        Dct dct = new Dct(n, n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += dct.coefficient(a, i) * dct.coefficient(b, i);
                }
                assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "rows " + a + ", " + b);
            }
        }
    }

    @Test
    void firstRowIsTheScaledMean() {
        Dct dct = new Dct(128, 13);
        for (int i = 0; i < 128; i++) {
            assertEquals(1 / Math.sqrt(128), dct.coefficient(0, i), 1e-15);
        }
    }

    @Test
    void transformMatchesTheDefinitionAndKeepsOnlyLeadingRows() {
        int n = 128, keep = 13;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = new double[n + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble(-100, 0);
        }
        float[] out = new float[keep + 2];
        new Dct(n, keep).transform(x, 5, out, 2);
        for (int k = 0; k < keep; k++) {
            double expected = 0;
            for (int i = 0; i < n; i++) {
                expected += x[5 + i] * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
            }
            expected *= Math.sqrt((k == 0 ? 1.0 : 2.0) / n);
            assertEquals(expected, out[2 + k], 1e-4, "coefficient " + k);
        }
        assertEquals(0f, out[0]);
        assertEquals(0f, out[1]);
    }

    @Test
    void rejectsKeepingMoreThanTheSize() {
        assertThrows(IllegalArgumentException.class, () -> new Dct(13, 14));
        assertThrows(IllegalArgumentException.class, () -> new Dct(13, 0));
    }
}
