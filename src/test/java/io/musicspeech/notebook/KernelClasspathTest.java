package io.musicspeech.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelClasspathTest {
    @TempDir
    Path dir;

    @Test
    void ijavaClasspathAddsPlainEntriesAndExpandsGlobs() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/b.jar"), "");
        Files.writeString(dir.resolve("lib/a.jar"), "");
        String extra = String.join(File.pathSeparator, "/x/classes", dir.resolve("lib") + "/*", "");
        String own = String.join(File.pathSeparator, "/own/classes", "/own/dep.jar");

        assertEquals(String.join(File.pathSeparator, "/own/classes", "/own/dep.jar", "/x/classes",
                        dir.resolve("lib/a.jar").toString(), dir.resolve("lib/b.jar").toString()),
                KernelClasspath.resolve(own, extra));
        assertEquals(own, KernelClasspath.resolve(own, null));
    }
}
