package io.musicspeech.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The shipped model's outputs on fixed inputs, stored beside the tests so that a changed shipped
 * model is never silent ({@link ShippedModelTest}). After shipping a new model, write it again:
 * {@code mvn -q test -Dtest=ShippedModelTest -Dshipped.fixture.update=true}
 */
public final class ShippedModelFixture {
    static final Path SHIPPED = Path.of("models/model.zip");
    static final Path FIXTURE = Path.of("src/test/resources/shipped-model.json");
    static final int WINDOWS = 40; // more than the shipped head's context, so a full context is checked too

    private ShippedModelFixture() {
    }

    /** The decisions of a stream of {@link #WINDOWS} fixed MFCC-like windows, back to back. */
    static float[] decisions(WindowClassifier classifier) {
        int size = classifier.featureSpec().featureSize();
        float[] windows = JavaCnnClassifierTest.mfccLikeWindows(classifier.featureSpec(), WINDOWS, 20261201L);
        ContextStream stream = classifier.stream(1);
        float[] p = new float[WINDOWS];
        for (int i = 0; i < WINDOWS; i++) {
            p[i] = stream.push(Arrays.copyOfRange(windows, i * size, (i + 1) * size), i > 0, true);
        }
        return p;
    }

    /** Writes the fixture from the shipped model as it is now. */
    static void write() throws Exception {
        ModelBundle bundle = ModelBundle.load(SHIPPED);
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("model", SHIPPED.toString());
        root.put("sha256", Provenance.sha256(SHIPPED));
        root.put("threshold", bundle.threshold());
        root.put("context_windows", bundle.contextWindows());
        ArrayNode p = root.putArray("p_speech");
        for (float v : decisions(bundle.classifier())) {
            p.add(v);
        }
        Files.writeString(FIXTURE, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
        System.out.println("wrote " + FIXTURE.toAbsolutePath());
    }
}
