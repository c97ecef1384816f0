package io.musicspeech.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets in the kernel's own JVM so a cell's value reaches the kernel as an object
 * (a chart, a table), not as the string JShell would make of it.
 *
 * <p>Unlike JShell's LocalExecutionControl it waits only for the snippet's own thread, not for
 * every thread the snippet started: ND4J and thread pools leave threads behind that would
 * otherwise hang the cell.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** How long an interrupted snippet may take to notice before its thread is stopped. */
    private static final long GRACE_MILLIS = 2000;

    private volatile Thread running;
    private volatile boolean stopRequested;
    private Object lastValue;

    /** JShell's ExecutionControlProvider for this instance (JShell asks for one per session). */
    ExecutionControlProvider provider() {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "music-speech-cell";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return CellExecutionControl.this;
            }
        };
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "notebook-cell");
        thread.setDaemon(true); // a stuck cell must not keep the kernel alive at shutdown
        thread.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        running = thread;
        thread.start();
        try {
            thread.join();
        } finally {
            running = null;
        }
        if (stopRequested) {
            throw new StoppedException();
        }
        if (thrown[0] != null) {
            return throwConvertedInvocationException(thrown[0]); // JShell maps its frames to snippet lines
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    /** Interrupts the running snippet; if it ignores that, stops its thread. Called off the cell thread. */
    @Override
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop still works on Java 17 and is the only way out of a busy loop
    public void stop() {
        Thread thread = running;
        if (thread == null) {
            return;
        }
        stopRequested = true;
        thread.interrupt();
        try {
            thread.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.stop();
        }
    }

    /** Whether stop() cut the last cell short; clears the flag for the next cell. */
    boolean takeStopped() {
        boolean stopped = stopRequested;
        stopRequested = false;
        return stopped;
    }

    /** The value of the last snippet run, handed over once so the kernel does not keep big objects alive. */
    Object takeLastValue() {
        Object value = lastValue;
        lastValue = null;
        return value;
    }
}
