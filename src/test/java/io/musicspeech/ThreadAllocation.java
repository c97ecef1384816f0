package io.musicspeech;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;

/** The JVM's per-thread allocation counter, for the tests that prove a hot path allocates nothing. */
public final class ThreadAllocation {
    private ThreadAllocation() {
    }

    /** The counter, switched on; the calling test is skipped (not failed) on a JVM that has none. */
    public static com.sun.management.ThreadMXBean counterOrSkip() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported()) {
            Assumptions.abort("this JVM does not count thread-allocated bytes");
            throw new AssertionError("unreachable");
        }
        if (!threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        return threads;
    }
}
