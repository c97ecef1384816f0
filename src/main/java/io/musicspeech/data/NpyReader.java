package io.musicspeech.data;

import io.musicspeech.UserError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads little-endian float32 .npy files (C order), as {@link NpyWriter} and NumPy write them. */
public final class NpyReader {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /** A float32 array and its shape. */
    public record Array(float[] data, int[] shape) {
        public int rows() {
            return shape.length == 0 ? 1 : shape[0];
        }
    }

    public static Array readFloat32(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": file not found");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new UserError(file + ": not a .npy file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLength;
        int headerStart;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(buffer.getShort(8));
            headerStart = 10;
        } else {
            headerLength = buffer.getInt(8);
            headerStart = 12;
        }
        if (headerStart + headerLength > bytes.length) {
            throw new UserError(file + ": truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLength, StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, file, "descr");
        if (!descr.equals("<f4")) {
            throw new UserError(file + ": expected float32 ('<f4') data, got '" + descr + "'");
        }
        if (find(FORTRAN, header, file, "fortran_order").equals("True")) {
            throw new UserError(file + ": Fortran-ordered arrays are not supported");
        }
        int[] shape = Arrays.stream(find(SHAPE, header, file, "shape").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt).toArray();
        long count = Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
        int dataStart = headerStart + headerLength;
        if (bytes.length - dataStart != count * 4) {
            throw new UserError(file + ": shape " + Arrays.toString(shape) + " needs " + count * 4 + " bytes of data, the file has "
                    + (bytes.length - dataStart));
        }
        float[] data = new float[(int) count];
        buffer.position(dataStart);
        buffer.asFloatBuffer().get(data);
        return new Array(data, shape);
    }

    private static String find(Pattern pattern, String header, Path file, String key) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new UserError(file + ": .npy header has no '" + key + "'");
        }
        return matcher.group(1);
    }
}
