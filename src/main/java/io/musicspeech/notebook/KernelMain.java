package io.musicspeech.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;

/** What kernel.json starts: {@code java -cp ... KernelMain {connection_file}}. */
public final class KernelMain {
    private KernelMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KernelMain <connection-file> (Jupyter passes {connection_file})");
            System.exit(2);
        }
        Path connectionFile = Path.of(args[0]);
        if (!Files.isRegularFile(connectionFile)) {
            System.err.println("connection file " + connectionFile + " does not exist");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true"); // charts render to PNG with no display
        quietBasekernelLogs();

        KernelConnectionProperties properties =
                KernelConnectionProperties.parse(Files.readString(connectionFile, StandardCharsets.UTF_8));
        JupyterConnection connection = new JupyterConnection(properties);
        String classpath = KernelClasspath.resolve(System.getProperty("java.class.path"),
                System.getenv(KernelClasspath.EXTRA_VARIABLE));
        JavaKernel kernel = new JavaKernel(classpath);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0); // cells may have left non-daemon threads (thread pools) running
    }

    /**
     * basekernel logs every message (logger "Jupyter") and every socket loop's start and stop
     * (loggers "Loop-<channel>-<address>") at INFO into the log of whoever started Jupyter.
     */
    private static void quietBasekernelLogs() {
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING);
        Filter noLoopChatter = record -> record.getLevel().intValue() >= Level.WARNING.intValue()
                || record.getLoggerName() == null || !record.getLoggerName().startsWith("Loop-");
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFilter(noLoopChatter);
        }
    }
}
