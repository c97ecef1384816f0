package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecTest {
    @TempDir
    Path dir;

    @Test
    void mainWritesArgvWithClassesThenDependenciesThenJvmOptions() throws Exception {
        Files.writeString(dir.resolve("cp.txt"), "/m2/a.jar:/m2/b.jar\n");
        KernelSpec.main(new String[] {dir.resolve("jupyter").toString(), "/p/classes", dir.resolve("cp.txt").toString(), "-Xmx2g", "-Dx=y"});

        JsonNode spec = new ObjectMapper().readTree(dir.resolve("jupyter/kernels/music-speech-java/kernel.json").toFile());
        List<String> argv = new ObjectMapper().convertValue(spec.get("argv"), List.class);
        assertEquals(List.of(KernelSpec.javaOfThisJvm(), "-cp", "/p/classes:/m2/a.jar:/m2/b.jar", "-Xmx2g", "-Dx=y",
                "io.musicspeech.notebook.KernelMain", "{connection_file}"), argv);
        assertEquals("Java (music-speech)", spec.get("display_name").asText());
        assertEquals("java", spec.get("language").asText());
        assertEquals("message", spec.get("interrupt_mode").asText());
    }
}
