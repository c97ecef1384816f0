package io.musicspeech.model;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The one place that prepares ND4J before a network is built, imported or loaded: its logging
 * and its threads. Every entry point of this package calls {@link #ensure()}; a stage may call it
 * first thing to keep ND4J's start-up banner off the console.
 *
 * <p><b>Threads.</b> Inference runs on one thread: on a busy 2-core machine two threads gave
 * p99 > 250 ms per window (DESIGN). ND4J 1.0.0-M2.1 reads {@code OMP_NUM_THREADS} once, when
 * its native library loads; without it, it uses every core. So unless the user set that variable
 * (then it is respected), {@code ensure()} sets, at run time, the three knobs that actually take
 * effect in this build (measured: CPU time / wall time at batch 256 fell from 1.7 to 1.0):
 * <ul>
 *   <li>{@code Environment.setMaxMasterThreads}: libnd4j's own parallel loops;</li>
 *   <li>{@code NativeOps.setOmpNumThreads}: its OpenMP regions;</li>
 *   <li>{@code Blas.setMaxThreads}: OpenBLAS.</li>
 * </ul>
 * {@code Environment.setMaxThreads} is a no-op in this build (it still reads back the core
 * count): libnd4j's thread pool keeps its threads, idle. {@code Nd4j.setNumThreads} does not exist.
 *
 * <p><b>Native memory.</b> ND4J arrays live off the Java heap, allocated through JavaCPP, which
 * caps them with two system properties read once when its {@code Pointer} class loads, so they
 * must be given on the java command line ({@code -D...}), not set from code:
 * {@code org.bytedeco.javacpp.maxbytes} (off-heap bytes JavaCPP tracks; default = -Xmx) and
 * {@code org.bytedeco.javacpp.maxphysicalbytes} (the whole process's resident memory, heap
 * included; default 4 x -Xmx in JavaCPP 1.5.7). Past a cap JavaCPP runs the GC and then throws
 * OutOfMemoryError. The pom passes both with -Xmx1g to tests and the maxphysicalbytes to exec.
 */
public final class NativeSetup {

    /** Threads for inference; see the class comment for why one. */
    public static final int INFERENCE_THREADS = 1;

    /** ND4J/DL4J loggers quieted to warnings unless the user configured them. */
    private static final String[] NOISY_LOGGERS = {"org.nd4j", "org.deeplearning4j"};

    private static boolean configured;
    private static int threads;

    private NativeSetup() {
    }

    /**
     * Quiets ND4J's INFO logging and limits it to {@link #INFERENCE_THREADS} thread; idempotent.
     * Logging is only quieted if this runs before anything else touches ND4J (its loggers read
     * their level when created).
     */
    public static synchronized void ensure() {
        if (configured) {
            return;
        }
        io.musicspeech.QuietLoggers.warningsOnly(NOISY_LOGGERS);
        configured = true;
        String env = System.getenv("OMP_NUM_THREADS");
        if (env != null && !env.isBlank()) {
            threads = Nd4j.getEnvironment().maxMasterThreads(); // the user's explicit choice
        } else {
            useThreads(INFERENCE_THREADS);
        }
    }

    /** Sets ND4J's threads now (for example more for training); later {@link #ensure()} calls keep it. */
    public static synchronized void useThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        if (!configured) {
            io.musicspeech.QuietLoggers.warningsOnly(NOISY_LOGGERS);
            configured = true;
        }
        // Nd4j first: NativeOpsHolder fails with a NullPointerException before the backend is loaded.
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
        threads = n;
    }

    /** One line for logs and benchmark reports: threads and native memory caps. */
    public static synchronized String describe() {
        ensure();
        return String.format(java.util.Locale.ROOT, "ND4J %d thread(s), native cap %d MB, process cap %d MB, heap %d MB",
                threads, org.bytedeco.javacpp.Pointer.maxBytes() >> 20,
                org.bytedeco.javacpp.Pointer.maxPhysicalBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
