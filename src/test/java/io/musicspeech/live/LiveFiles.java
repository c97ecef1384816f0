package io.musicspeech.live;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on what a listen run leaves behind. */
final class LiveFiles {
    private LiveFiles() {
    }

    /** Asserts that {@code wav} is a complete 16-bit mono PCM WAV (both size fields match the file); returns its sample count. */
    static long assertValidWav(Path wav, int sampleRate) throws IOException {
        byte[] bytes = Files.readAllBytes(wav);
        assertTrue(bytes.length >= 44, wav + " has no header");
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(bytes, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(bytes.length - 8, b.getInt(4), "RIFF size field");
        assertEquals(1, b.getShort(20), "PCM");
        assertEquals(1, b.getShort(22), "mono");
        assertEquals(sampleRate, b.getInt(24), "sample rate");
        assertEquals(16, b.getShort(34), "16-bit");
        assertEquals("data", new String(bytes, 36, 4, StandardCharsets.US_ASCII));
        assertEquals(bytes.length - 44, b.getInt(40), "data size field");
        return (bytes.length - 44) / 2;
    }

    /** Asserts the predictions CSV's header and that every row has five fields; returns the rows (without header). */
    static List<String[]> assertValidCsv(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(PredictionsCsv.HEADER, lines.get(0));
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
        for (String[] row : rows) {
            assertEquals(5, row.length, String.join(",", row));
            assertTrue(Double.parseDouble(row[1]) > Double.parseDouble(row[0]));
            assertTrue(List.of("music", "speech", "silence").contains(row[2]), row[2]);
            assertEquals(row[2].equals("silence"), row[3].isEmpty(), "p_speech is empty exactly for silence");
        }
        return rows;
    }
}
