package io.musicspeech.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a WAV file into another format with the system's {@code ffmpeg} command (Debian's
 * package), for the development streams and the tests. Decoding never needs it: that is the
 * FFmpeg library inside the project ({@link FfmpegReader}).
 */
public final class FfmpegCli {
    private static final long TIMEOUT_MINUTES = 30;

    private FfmpegCli() {
    }

    /**
     * @param format wav (a copy at 22.05 kHz mono), wav44s (44.1 kHz stereo), mp3, mp3_44s (44.1 kHz stereo MP3),
     *               flac, ogg (Vorbis), opus, m4a (AAC); all but the 44s ones keep the WAV's rate and channels
     * @return the file written: {@code stem} with the format's extension
     */
    public static Path encode(Path wav, Path stem, String format) {
        String extension = switch (format) {
            case "wav", "wav44s" -> "wav";
            case "mp3", "flac", "ogg", "opus", "m4a" -> format;
            case "mp3_44s" -> "mp3";
            default -> throw new IllegalArgumentException("unknown format " + format);
        };
        Path target = Path.of(stem + "." + extension);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-i", wav.toString()));
        command.addAll(switch (format) {
            case "wav" -> List.of("-c:a", "pcm_s16le");
            case "wav44s" -> List.of("-ar", "44100", "-ac", "2", "-c:a", "pcm_s16le");
            case "mp3" -> List.of("-c:a", "libmp3lame", "-b:a", "128k");
            case "mp3_44s" -> List.of("-ar", "44100", "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k");
            case "flac" -> List.of("-c:a", "flac");
            case "ogg" -> List.of("-c:a", "libvorbis", "-q:a", "4");
            case "opus" -> List.of("-c:a", "libopus", "-b:a", "64k");
            case "m4a" -> List.of("-c:a", "aac", "-b:a", "128k");
            default -> throw new IllegalArgumentException(format);
        });
        command.add(target.toString());
        run(command, target);
        return target;
    }

    private static void run(List<String> command, Path target) {
        ExternalCommand.run(command, "write " + target, "ffmpeg", TIMEOUT_MINUTES * 60);
    }
}
