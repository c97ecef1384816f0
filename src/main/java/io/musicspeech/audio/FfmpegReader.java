package io.musicspeech.audio;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avformat.Read_packet_Pointer_BytePointer_int;
import org.bytedeco.ffmpeg.avformat.Seek_Pointer_long_int;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FORCE;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_SIZE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avio_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avio_context_free;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_free;
import static org.bytedeco.ffmpeg.global.avutil.av_get_default_channel_layout;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_malloc;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc_set_opts;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

/**
 * Every container and codec FFmpeg reads (MP3, FLAC, Ogg Vorbis, Opus, AAC/M4A, ...), through the
 * JavaCPP presets ({@code org.bytedeco:ffmpeg}), decoded packet by packet. FFmpeg reads the bytes
 * through a custom I/O context from a Java channel, so any path the JVM can open works (and an
 * upload held in memory works the same way). libswresample only turns each frame's samples into
 * interleaved float at the file's own rate; the channels are averaged here exactly as for WAV,
 * and the rate is changed by the project's own resampler ({@link AudioStream}), so every format
 * reaches the features the same way.
 *
 * <p>Damaged packets are skipped and counted; a stream that ends well before the duration its
 * header declares is reported as truncated. Both show in {@link #damage()}.
 */
final class FfmpegReader implements MonoReader {
    private static final int IO_BUFFER_BYTES = 1 << 16;
    /** AVERROR(EAGAIN) and AVERROR(EIO) on Linux, which the presets do not export as constants. */
    private static final int AVERROR_EAGAIN = -11;
    private static final int AVERROR_EIO = -5;
    /** A decoded stream this much shorter than its declared duration is reported as truncated. */
    private static final double TRUNCATION_TOLERANCE_SECONDS = 0.5;

    /**
     * The channels being read, by the address of their stream's opaque pointer. One callback
     * object serves every stream: JavaCPP keeps a small fixed number of native thunks per callback
     * class, so a callback per stream would run out under many concurrent streams.
     */
    private static final Map<Long, SeekableByteChannel> CHANNELS = new ConcurrentHashMap<>();

    private final String name;
    private final SeekableByteChannel channel;
    private final Pointer opaque;
    private final AVIOContext avio;
    private final AVFormatContext format;
    private final AVCodecContext codec;
    private final int streamIndex;
    private final int sampleRate;
    private final String description;
    private final long declaredFrames;
    private final boolean durationIsExact;
    private final AVPacket packet;
    private final AVFrame frame;
    private SwrContext swr;
    private int swrFormat = -1;
    private long swrLayout;
    private int swrChannels;
    private BytePointer converted;
    private long convertedCapacity;
    private final PointerPointer<BytePointer> convertedPlanes = new PointerPointer<>(1);
    private float[] interleaved = new float[0];
    private float[] pending = new float[0];
    private int pendingStart;
    private int pendingEnd;
    private boolean draining;
    private boolean ended;
    private long frames;
    private long damagedPackets;
    private String stopped;

    private FfmpegReader(String name, SeekableByteChannel channel, Pointer opaque, AVIOContext avio, AVFormatContext format) {
        this.name = name;
        this.channel = channel;
        this.opaque = opaque;
        this.avio = avio;
        this.format = format;
        AVCodecContext context = null;
        try {
            int r = avformat_find_stream_info(format, (PointerPointer<?>) null);
            if (r < 0) {
                throw new AudioFileError(name, "not an audio file: FFmpeg cannot read its streams (" + error(r) + ")");
            }
            this.streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_AUDIO, -1, -1, (AVCodec) null, 0);
            String container = format.iformat().long_name() == null ? format.iformat().name().getString()
                    : format.iformat().long_name().getString();
            if (streamIndex < 0) {
                throw new AudioFileError(name, "not an audio file: no audio stream in it (FFmpeg reads it as " + container + ")");
            }
            AVStream stream = format.streams(streamIndex);
            AVCodecParameters parameters = stream.codecpar();
            String codecName = avcodec_get_name(parameters.codec_id()).getString();
            AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
            if (decoder == null) {
                throw new AudioFileError(name, "unsupported encoding: FFmpeg has no decoder for " + codecName);
            }
            context = avcodec_alloc_context3(decoder);
            if (context == null || avcodec_parameters_to_context(context, parameters) < 0) {
                throw new AudioFileError(name, "cannot set up the " + codecName + " decoder");
            }
            context.thread_count(1); // files are decoded in parallel by the batch, one thread each
            r = avcodec_open2(context, decoder, (AVDictionary) null);
            if (r < 0) {
                throw new AudioFileError(name, "cannot open the " + codecName + " decoder (" + error(r) + ")");
            }
            this.codec = context;
            this.sampleRate = context.sample_rate();
            int channels = context.channels();
            if (sampleRate <= 0 || channels <= 0) {
                throw new AudioFileError(name, "invalid " + codecName + " stream: " + sampleRate + " Hz, " + channels + " channels");
            }
            this.description = String.format(Locale.ROOT, "%s, %s, %d Hz, %d %s", container, codecName, sampleRate, channels,
                    channels == 1 ? "channel" : "channels");
            AVRational base = stream.time_base();
            if (stream.duration() != AV_NOPTS_VALUE && base.den() > 0) {
                this.declaredFrames = Math.round(stream.duration() * (double) base.num() / base.den() * sampleRate);
                this.durationIsExact = format.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE;
            } else if (format.duration() != AV_NOPTS_VALUE) {
                this.declaredFrames = Math.round(format.duration() / (double) AV_TIME_BASE * sampleRate);
                this.durationIsExact = format.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE;
            } else {
                this.declaredFrames = -1;
                this.durationIsExact = false;
            }
            this.packet = av_packet_alloc();
            this.frame = av_frame_alloc();
        } catch (RuntimeException e) {
            if (context != null) {
                avcodec_free_context(context);
            }
            release(format, avio, opaque, channel);
            throw e;
        }
    }

    /**
     * Opens the audio in {@code channel} (read from its start).
     *
     * @param name what to call it in messages; its extension, if any, is a hint to FFmpeg's probe
     */
    static MonoReader open(String name, SeekableByteChannel channel) throws IOException {
        Natives.ensure(name);
        channel.position(0);
        Pointer opaque = new BytePointer(1);
        CHANNELS.put(opaque.address(), channel);
        BytePointer buffer = new BytePointer(av_malloc(IO_BUFFER_BYTES)).capacity(IO_BUFFER_BYTES);
        AVIOContext avio = avio_alloc_context(buffer, IO_BUFFER_BYTES, 0, opaque, Natives.READ, null, Natives.SEEK);
        AVFormatContext format = avformat_alloc_context();
        format.pb(avio);
        format.flags(format.flags() | AVFormatContext.AVFMT_FLAG_CUSTOM_IO);
        int r = avformat_open_input(format, probeHint(name), null, null);
        if (r < 0) {
            // avformat_open_input has freed the format context itself.
            release(null, avio, opaque, channel);
            throw new AudioFileError(name, "not an audio file: FFmpeg recognises no audio format in it (" + error(r) + ")");
        }
        return new FfmpegReader(name, channel, opaque, avio, format);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long declaredFrames() {
        return declaredFrames;
    }

    @Override
    public int read(float[] buffer, int offset, int length) {
        if (closed) {
            throw new IllegalStateException(name + ": read after close");
        }
        int n = 0;
        while (n < length) {
            if (pendingStart == pendingEnd && !decodeFrame()) {
                break;
            }
            int count = Math.min(length - n, pendingEnd - pendingStart);
            System.arraycopy(pending, pendingStart, buffer, offset + n, count);
            pendingStart += count;
            n += count;
        }
        return n;
    }

    /** Decodes the next frame into {@link #pending}; false at the end of the stream. */
    private boolean decodeFrame() {
        while (!ended) {
            int r = avcodec_receive_frame(codec, frame);
            if (r >= 0) {
                boolean kept = convert();
                av_frame_unref(frame);
                if (kept) {
                    return true;
                }
                continue;
            }
            if (r == AVERROR_EOF) {
                finishStream();
                return false;
            }
            if (r != AVERROR_EAGAIN) {
                damagedPackets++;
            }
            if (draining) {
                // a decoder that reports errors instead of EOF while draining has nothing more to give
                finishStream();
                return false;
            }
            r = av_read_frame(format, packet);
            if (r < 0) {
                if (r != AVERROR_EOF) {
                    stopped = "reading stopped early (" + error(r) + ")";
                }
                draining = true;
                avcodec_send_packet(codec, null);
                continue;
            }
            if (packet.stream_index() == streamIndex && avcodec_send_packet(codec, packet) < 0) {
                damagedPackets++;
            }
            av_packet_unref(packet);
        }
        return false;
    }

    /** The frame's samples, averaged to mono, into {@link #pending}; false if the frame was dropped. */
    private boolean convert() {
        int count = frame.nb_samples();
        int channels = frame.channels();
        if (count <= 0 || channels <= 0) {
            return false;
        }
        if (frame.sample_rate() != sampleRate) {
            stopped = String.format(Locale.ROOT, "the sample rate changes from %d to %d Hz at %.1f s; decoded up to there",
                    sampleRate, frame.sample_rate(), frames / (double) sampleRate);
            finishStream();
            return false;
        }
        long layout = frame.channel_layout() != 0 ? frame.channel_layout() : av_get_default_channel_layout(channels);
        if (swr == null || frame.format() != swrFormat || layout != swrLayout || channels != swrChannels) {
            openConverter(frame.format(), layout, channels);
        }
        long bytes = (long) count * channels * Float.BYTES;
        if (bytes > convertedCapacity) {
            if (converted != null) {
                av_free(converted);
            }
            converted = new BytePointer(av_malloc(bytes)).capacity(bytes);
            convertedCapacity = bytes;
            convertedPlanes.put(0, converted);
        }
        int got = swr_convert(swr, convertedPlanes, count, frame.extended_data(), count);
        if (got <= 0) {
            damagedPackets++;
            return false;
        }
        int values = got * channels;
        if (interleaved.length < values) {
            interleaved = new float[values];
        }
        new FloatPointer(converted).get(interleaved, 0, values);
        if (pending.length < got) {
            pending = new float[got];
        }
        // As SampleFormat.decodeMono: the float sum of the channels over their count.
        float divisor = channels;
        for (int i = 0, at = 0; i < got; i++) {
            float sum = interleaved[at++];
            for (int c = 1; c < channels; c++) {
                sum += interleaved[at++];
            }
            pending[i] = channels == 1 ? sum : sum / divisor;
        }
        pendingStart = 0;
        pendingEnd = got;
        frames += got;
        return true;
    }

    private void openConverter(int sampleFormat, long layout, int channels) {
        if (swr != null) {
            swr_free(swr);
        }
        swr = swr_alloc_set_opts(null, layout, AV_SAMPLE_FMT_FLT, sampleRate, layout, sampleFormat, sampleRate, 0, null);
        if (swr == null || swr_init(swr) < 0) {
            throw new AudioFileError(name, "unsupported encoding: cannot convert samples of format " + sampleFormat
                    + " with " + channels + " channels");
        }
        swrFormat = sampleFormat;
        swrLayout = layout;
        swrChannels = channels;
    }

    private void finishStream() {
        ended = true;
    }

    @Override
    public String damage() {
        StringBuilder what = new StringBuilder();
        if (durationIsExact && declaredFrames > 0
                && (declaredFrames - frames) / (double) sampleRate > TRUNCATION_TOLERANCE_SECONDS) {
            what.append(String.format(Locale.ROOT, "truncated: the header declares %.1f s but only %.1f s could be decoded",
                    declaredFrames / (double) sampleRate, frames / (double) sampleRate));
        }
        if (damagedPackets > 0) {
            what.append(what.length() > 0 ? "; " : "").append(damagedPackets)
                    .append(damagedPackets == 1 ? " damaged packet" : " damaged packets").append(" skipped");
        }
        if (stopped != null) {
            what.append(what.length() > 0 ? "; " : "").append(stopped);
        }
        return what.length() == 0 ? null : what.toString();
    }

    private boolean closed;

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (swr != null) {
            swr_free(swr);
            swr = null;
        }
        if (converted != null) {
            av_free(converted);
            converted = null;
        }
        av_frame_free(frame);
        av_packet_free(packet);
        avcodec_free_context(codec);
        release(format, avio, opaque, channel);
    }

    private static void release(AVFormatContext format, AVIOContext avio, Pointer opaque, SeekableByteChannel channel) {
        if (format != null) {
            avformat_close_input(format);
        }
        // The I/O buffer may have been replaced by FFmpeg: free the one it holds now.
        av_free(avio.buffer());
        avio_context_free(avio);
        CHANNELS.remove(opaque.address());
        opaque.close();
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    /** A name FFmpeg's probe can use for its extension hint: plain ASCII, whatever the real file is called. */
    private static String probeHint(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).replaceAll("[^A-Za-z0-9]", "");
        return extension.isEmpty() ? "input" : "input." + extension;
    }

    private static String error(int code) {
        byte[] text = new byte[256];
        av_strerror(code, text, text.length);
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** FFmpeg's native libraries, loaded on first use, and the two I/O callbacks every stream shares. */
    static final class Natives {
        static final Read READ;
        static final Seek SEEK;
        static final Throwable FAILURE;

        static {
            Read read = null;
            Seek seek = null;
            Throwable failure = null;
            try {
                for (Class<?> library : new Class<?>[] {org.bytedeco.ffmpeg.global.avutil.class,
                        org.bytedeco.ffmpeg.global.avcodec.class, org.bytedeco.ffmpeg.global.avformat.class,
                        org.bytedeco.ffmpeg.global.swresample.class}) {
                    org.bytedeco.javacpp.Loader.load(library);
                }
                av_log_set_level(AV_LOG_QUIET); // problems are reported by this class, one line per file
                read = new Read().retainReference();
                seek = new Seek().retainReference();
            } catch (Throwable e) {
                failure = e;
            }
            READ = read;
            SEEK = seek;
            FAILURE = failure;
        }

        static void ensure(String name) {
            if (FAILURE != null) {
                throw new AudioFileError(name, "cannot decode: FFmpeg's native libraries did not load on this platform ("
                        + FAILURE + "); convert the file to WAV");
            }
        }
    }

    private static final class Read extends Read_packet_Pointer_BytePointer_int {
        @Override
        public int call(Pointer opaque, BytePointer buffer, int size) {
            SeekableByteChannel channel = CHANNELS.get(opaque.address());
            if (channel == null) {
                return AVERROR_EIO;
            }
            try {
                ByteBuffer target = buffer.position(0).capacity(size).asByteBuffer();
                int n = channel.read(target);
                return n < 0 ? AVERROR_EOF : n;
            } catch (IOException | RuntimeException e) {
                return AVERROR_EIO;
            }
        }
    }

    private static final class Seek extends Seek_Pointer_long_int {
        @Override
        public long call(Pointer opaque, long offset, int whence) {
            SeekableByteChannel channel = CHANNELS.get(opaque.address());
            if (channel == null) {
                return AVERROR_EIO;
            }
            try {
                if ((whence & AVSEEK_SIZE) != 0) {
                    return channel.size();
                }
                long base = switch (whence & ~AVSEEK_FORCE) {
                    case 0 -> 0;
                    case 1 -> channel.position();
                    case 2 -> channel.size();
                    default -> -1;
                };
                if (base < 0 || base + offset < 0) {
                    return -1;
                }
                channel.position(base + offset);
                return base + offset;
            } catch (IOException | RuntimeException e) {
                return AVERROR_EIO;
            }
        }
    }
}
