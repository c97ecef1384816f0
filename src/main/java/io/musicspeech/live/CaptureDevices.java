package io.musicspeech.live;

import io.musicspeech.UserError;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Line;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import java.io.Console;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The capture devices Java Sound offers, and picking one by index or by a part of its name. */
public final class CaptureDevices {

    /**
     * A mixer with at least one capture line.
     *
     * @param index position in {@link #list()}, what {@code realtime.device=N} refers to
     */
    public record Device(int index, String name, String description, Mixer.Info info) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%2d  %s (%s)", index, name, description);
        }
    }

    private CaptureDevices() {
    }

    /** Every mixer that has a TargetDataLine, in Java Sound's order (its first is the system default). */
    public static List<Device> list() {
        List<Device> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            try {
                Mixer mixer = AudioSystem.getMixer(info);
                for (Line.Info line : mixer.getTargetLineInfo()) {
                    if (TargetDataLine.class.isAssignableFrom(line.getLineClass())) {
                        devices.add(new Device(devices.size(), info.getName(), info.getDescription(), info));
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // a mixer that cannot even be asked is not a usable device
            }
        }
        return devices;
    }

    /** Every mixer Java Sound knows, capture or not, for the message when there is no microphone. */
    public static List<String> allMixers() {
        List<String> names = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            names.add(info.getName());
        }
        return names;
    }

    /** The message for a machine without any capture device: what was found and what to do. */
    public static String noMicrophoneMessage() {
        List<String> mixers = allMixers();
        String found = mixers.isEmpty() ? "Java Sound found no audio device at all"
                : "Java Sound found " + mixers.size() + " audio device(s) (" + String.join(", ", mixers) + ") but none can record";
        return "no microphone: " + found + " (no sound card, or no sound server such as PulseAudio running). "
                + "To classify a recording as if it were live, pass realtime.input=FILE (any audio format); "
                + "realtime.input=demo streams a clip the project synthesises (speech, then music); "
                + "README 'Listening' shows how to make a virtual microphone with PulseAudio";
    }

    /**
     * The device {@code spec} names: a whole number is an index, anything else a case-insensitive
     * part of a name or description that must match exactly one device.
     *
     * @throws UserError naming the devices when nothing or several match
     */
    public static Device select(List<Device> devices, String spec) {
        String wanted = spec.strip();
        if (wanted.matches("\\d+")) {
            int index = Integer.parseInt(wanted);
            if (index < devices.size()) {
                return devices.get(index);
            }
            throw new UserError("realtime.device=" + spec + ": no capture device with that index; " + listing(devices));
        }
        String lower = wanted.toLowerCase(Locale.ROOT);
        List<Device> matches = devices.stream()
                .filter(d -> d.name().toLowerCase(Locale.ROOT).contains(lower) || d.description().toLowerCase(Locale.ROOT).contains(lower))
                .toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        List<Device> exact = matches.stream().filter(d -> d.name().equalsIgnoreCase(wanted)).toList();
        if (exact.size() == 1) {
            return exact.get(0);
        }
        throw new UserError("realtime.device=" + spec + (matches.isEmpty() ? " matches no capture device; " : " matches several; use the index. ")
                + listing(matches.isEmpty() ? devices : matches));
    }

    /**
     * The device to record from: the one {@code spec} names; else, when a terminal is attached and
     * there are several, the one the user picks from the list the caller printed (Enter: the
     * system default); else null, the system default. Never waits for input without a terminal.
     */
    public static Device choose(List<Device> devices, String spec, Console console, PrintStream out) {
        if (spec != null) {
            return select(devices, spec);
        }
        if (console == null || devices.size() < 2) {
            return null;
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            String answer = console.readLine("device number (Enter: system default): ");
            if (answer == null || answer.isBlank()) {
                return null;
            }
            try {
                return select(devices, answer);
            } catch (UserError e) {
                out.println(e.getMessage());
            }
        }
        throw new UserError("no valid device chosen; pass realtime.device=N (or a part of its name)");
    }

    static String listing(List<Device> devices) {
        if (devices.isEmpty()) {
            return "there are no capture devices";
        }
        StringBuilder text = new StringBuilder("capture devices: ");
        for (Device d : devices) {
            text.append(d.index()).append(" '").append(d.name()).append("'; ");
        }
        return text.substring(0, text.length() - 2);
    }
}
