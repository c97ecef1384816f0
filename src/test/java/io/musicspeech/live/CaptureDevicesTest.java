package io.musicspeech.live;

import io.musicspeech.UserError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptureDevicesTest {
    private static final List<CaptureDevices.Device> DEVICES = List.of(
            new CaptureDevices.Device(0, "default [default]", "Direct Audio Device: default", null),
            new CaptureDevices.Device(1, "PCH [plughw:0,0]", "Direct Audio Device: HDA Intel PCH, ALC295 Analog", null),
            new CaptureDevices.Device(2, "Webcam [plughw:1,0]", "Direct Audio Device: USB Webcam, USB Audio", null));

    @Test
    void byIndexOrByAPartOfTheName() {
        assertEquals(2, CaptureDevices.select(DEVICES, "2").index());
        assertEquals(1, CaptureDevices.select(DEVICES, "pch").index());
        assertEquals(2, CaptureDevices.select(DEVICES, "USB Webcam").index(), "the description counts too");
    }

    @Test
    void noMatchOrSeveralMatchesNameTheDevices() {
        UserError none = assertThrows(UserError.class, () -> CaptureDevices.select(DEVICES, "blue yeti"));
        assertTrue(none.getMessage().contains("matches no capture device") && none.getMessage().contains("1 'PCH [plughw:0,0]'"),
                none.getMessage());
        UserError several = assertThrows(UserError.class, () -> CaptureDevices.select(DEVICES, "plughw"));
        assertTrue(several.getMessage().contains("matches several"), several.getMessage());
        UserError index = assertThrows(UserError.class, () -> CaptureDevices.select(DEVICES, "7"));
        assertTrue(index.getMessage().contains("no capture device with that index"), index.getMessage());
    }

    @Test
    void withoutATerminalNothingIsAskedAndTheDefaultIsUsed() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(CaptureDevices.choose(DEVICES, null, null, new PrintStream(out)));
        assertEquals(0, out.size(), "no prompt without a terminal");
        assertEquals(1, CaptureDevices.choose(DEVICES, "1", null, new PrintStream(out)).index());
    }

    @Test
    void theNoMicrophoneMessageSaysWhatWasFoundAndWhatToDo() {
        String message = CaptureDevices.noMicrophoneMessage();
        assertTrue(message.startsWith("no microphone: Java Sound found"), message);
        assertTrue(message.contains("realtime.input=FILE") && message.contains("realtime.input=demo"), message);
    }
}
