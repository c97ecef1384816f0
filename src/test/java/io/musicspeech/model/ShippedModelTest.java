package io.musicspeech.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed shipped model still loads and gives the stored outputs: a changed shipped model is never silent. */
class ShippedModelTest {

    @Test
    void theShippedModelGivesTheStoredOutputs() throws Exception {
        if (Boolean.getBoolean("shipped.fixture.update")) {
            ShippedModelFixture.write();
        }
        JsonNode fixture = new ObjectMapper().readTree(ShippedModelFixture.FIXTURE.toFile());
        assertEquals(fixture.get("sha256").asText(), Provenance.sha256(ShippedModelFixture.SHIPPED),
                "models/model.zip is not the model the fixture was made from: if it was shipped on purpose, update its card "
                        + "and the fixture (ShippedModelFixture's javadoc has the command)");
        ModelBundle bundle = ModelBundle.load(ShippedModelFixture.SHIPPED);
        assertEquals(fixture.get("threshold").asDouble(), bundle.threshold(), 0);
        assertEquals(fixture.get("context_windows").asInt(), bundle.contextWindows());
        float[] p = ShippedModelFixture.decisions(bundle.classifier());
        for (int i = 0; i < p.length; i++) {
            assertEquals(fixture.get("p_speech").get(i).floatValue(), p[i], 1e-6f, "window " + i);
        }
    }
}
