package io.musicspeech.notebook;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the kernel spec Jupyter finds under JUPYTER_PATH: kernels/music-speech-java/kernel.json,
 * which starts {@link KernelMain} with a fixed java and classpath (no IJava install needed).
 */
public final class KernelSpec {
    public static final String NAME = "music-speech-java";
    public static final String DISPLAY_NAME = "Java (music-speech)";

    private KernelSpec() {
    }

    /**
     * Run by {@code mvn -Pnotebooks package} in Maven's own JVM, so java.home is the build's Java.
     *
     * @param args jupyter dir (target/jupyter), classes dir, dependency classpath file, then JVM options
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: KernelSpec <jupyter-dir> <classes-dir> <classpath-file> [jvm-option...]");
        }
        String dependencies = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8).strip();
        String classpath = dependencies.isEmpty() ? args[1] : args[1] + File.pathSeparator + dependencies;
        List<String> jvmOptions = Arrays.asList(args).subList(3, args.length);
        Path written = write(Path.of(args[0]), javaOfThisJvm(), classpath, jvmOptions);
        System.out.println("Kernel spec " + NAME + " written to " + written);
    }

    static String javaOfThisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Writes jupyterDir/kernels/music-speech-java/kernel.json and returns its path. */
    public static Path write(Path jupyterDir, String java, String classpath, List<String> jvmOptions) throws IOException {
        List<String> argv = new ArrayList<>(List.of(java, "-cp", classpath));
        argv.addAll(jvmOptions);
        argv.add(KernelMain.class.getName());
        argv.add("{connection_file}");

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message"); // a SIGINT would end the JVM; basekernel handles interrupt_request
        Path file = jupyterDir.resolve("kernels").resolve(NAME).resolve("kernel.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), spec);
        return file;
    }
}
