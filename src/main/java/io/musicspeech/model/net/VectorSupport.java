package io.musicspeech.model.net;

/**
 * Whether {@link ForwardPass} can use its Vector API kernels ({@link VectorKernels}): the JDK 17
 * incubator module {@code jdk.incubator.vector} must be in the boot layer, which takes
 * {@link #JVM_OPTION} on the java command line. The project passes it wherever it starts a JVM
 * (.mvn/jvm.config for exec:java, the surefire argLine, the benchmark's child processes, the
 * notebook kernel) and the README gives it for spark-submit and embedding. Without it the portable
 * loops run: the same numbers within float rounding, about 3x slower per decision.
 *
 * <p>This class names no incubator type, so it loads on any JVM; VectorKernels is loaded only
 * when the module is there.
 */
public final class VectorSupport {
    /** The java option that makes the module available. */
    public static final String JVM_OPTION = "--add-modules=jdk.incubator.vector";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorSupport() {
    }

    /** True if the module is in this JVM, so forward passes use the vector kernels. */
    public static boolean available() {
        return AVAILABLE;
    }

    /** One line for reports: which kernels this JVM's forward passes run. */
    public static String describe() {
        return AVAILABLE ? "Vector API kernels (" + VectorKernels.preferredBits() + "-bit)"
                : "portable kernels (java without " + JVM_OPTION + ": about 3x slower per decision)";
    }
}
