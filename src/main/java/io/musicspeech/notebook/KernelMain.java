package io.musicspeech.notebook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

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
        JupyterSocket.JUPYTER_LOGGER.setLevel(Level.WARNING); // it logs every message at INFO

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
}
