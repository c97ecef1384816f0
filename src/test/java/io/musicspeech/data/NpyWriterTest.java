package io.musicspeech.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyWriterTest {
    @Test
    void writesNumpyVersion1HeaderAndLittleEndianFloats(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.npy");
        float[] data = {0f, 1.5f, -2f, 3.25f, 4f, 5f};
        NpyWriter.writeFloat32(file, data, 1, 2, 3);

        byte[] bytes = Files.readAllBytes(file);
        assertEquals((byte) 0x93, bytes[0]);
        assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
        int headerLength = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        int dataStart = 10 + headerLength;
        assertEquals(0, dataStart % 64, "data is 64-byte aligned");
        String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3), }"), header);
        assertTrue(header.endsWith("\n"));
        ByteBuffer values = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).order(ByteOrder.LITTLE_ENDIAN);
        for (float expected : data) {
            assertEquals(expected, values.getFloat());
        }
        assertEquals(0, values.remaining());
    }

    @Test
    void oneDimensionalShapeHasATrailingComma() {
        String header = new String(NpyWriter.header(4), StandardCharsets.US_ASCII);
        assertTrue(header.contains("'shape': (4,)"), header);
    }

    @Test
    void shapeMustMatchTheData(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.writeFloat32(dir.resolve("x.npy"), new float[5], 2, 3));
    }

    @Test
    void readerReadsWhatTheWriterWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.npy");
        float[] data = new float[2 * 11 * 13];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.25f - 7;
        }
        NpyWriter.writeFloat32(file, data, 2, 11, 13);
        NpyReader.Array array = NpyReader.readFloat32(file);
        assertEquals(java.util.List.of(2, 11, 13), java.util.Arrays.stream(array.shape()).boxed().toList());
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, array.data());
    }

    @Test
    void readerRejectsOtherFilesClearly(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("t.npy");
        Files.writeString(text, "hello");
        assertEquals(text + ": not a .npy file",
                assertThrows(io.musicspeech.UserError.class, () -> NpyReader.readFloat32(text)).getMessage());
        Path cut = dir.resolve("cut.npy");
        NpyWriter.writeFloat32(cut, new float[6], 2, 3);
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertTrue(assertThrows(io.musicspeech.UserError.class, () -> NpyReader.readFloat32(cut)).getMessage()
                .contains("needs 24 bytes of data, the file has 20"));
    }
}
