package io.musicspeech.serve;

import io.musicspeech.audio.AudioDecoder;
import io.musicspeech.audio.AudioStream;
import io.musicspeech.segment.FileSegmenter;
import io.musicspeech.segment.SegmentedFile;
import io.musicspeech.segment.Segmenters;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Segments uploads with exactly the segment stage's per-file work ({@link FileSegmenter}), decoded
 * from memory (an upload never touches the disk). At most {@code workers} run at once, each on a
 * segmenter of its own, made when first needed and kept for the next upload. Thread-safe.
 */
final class UploadSegmenter {
    private final Segmenters segmenters;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<FileSegmenter> idle = new ConcurrentLinkedQueue<>();
    private final int sampleRate;

    UploadSegmenter(Segmenters segmenters, int workers, int sampleRate) {
        this.segmenters = segmenters;
        this.slots = new Semaphore(workers, true);
        this.sampleRate = sampleRate;
    }

    /**
     * @throws io.musicspeech.audio.AudioFileError if the body is not audio the decoder reads
     */
    SegmentedFile segment(byte[] body, String name) throws InterruptedException {
        slots.acquire();
        FileSegmenter segmenter = null;
        try {
            segmenter = idle.poll();
            if (segmenter == null) {
                segmenter = segmenters.create();
            }
            AudioStream stream = AudioDecoder.open(new SeekableInMemoryByteChannel(body), name, sampleRate);
            return segmenter.segment(stream, name);
        } finally {
            if (segmenter != null) {
                idle.add(segmenter);
            }
            slots.release();
        }
    }
}
