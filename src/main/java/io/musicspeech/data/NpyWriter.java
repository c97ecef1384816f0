package io.musicspeech.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Writes little-endian float32 arrays in NumPy's .npy format (version 1.0), which both
 * {@code numpy.load} and ND4J's {@code Nd4j.createFromNpyFile} read.
 */
public final class NpyWriter {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private NpyWriter() {
    }

    public static void writeFloat32(Path file, float[] data, int... shape) throws IOException {
        long expected = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        if (expected != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + expected + " values, got " + data.length);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header(shape));
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : data) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putFloat(value);
            }
            out.write(buffer.array(), 0, buffer.position());
        }
    }

    /** Magic, version, header length, then the dict padded with spaces so the data starts at a multiple of 64. */
    static byte[] header(int... shape) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        byte[] textBytes = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 2 + textBytes.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put(MAGIC).putShort((short) textBytes.length).put(textBytes);
        return header.array();
    }
}
