package io.musicspeech.cli;

import io.musicspeech.UserError;
import io.musicspeech.live.CaptureDevices;

import java.util.List;

/** Lists the capture devices listen can record from; an error (exit 2) when there is none. */
final class DevicesStage implements Stage {
    @Override
    public String name() {
        return "devices";
    }

    @Override
    public String summary() {
        return "list the capture devices (for realtime.device); exit 2 when there is no microphone";
    }

    @Override
    public boolean writesRunFolder() {
        return false;
    }

    @Override
    public void run(StageContext context) {
        List<CaptureDevices.Device> devices = CaptureDevices.list();
        if (devices.isEmpty()) {
            throw new UserError(CaptureDevices.noMicrophoneMessage());
        }
        context.out().println("capture devices (realtime.device=N or a part of the name; the first is the system default):");
        devices.forEach(d -> context.out().println("  " + d));
    }
}
