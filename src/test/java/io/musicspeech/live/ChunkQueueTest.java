package io.musicspeech.live;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkQueueTest {

    private static void publish(ChunkQueue queue, long start) {
        Chunk chunk = queue.acquire();
        chunk.startSample = start;
        chunk.length = 1;
        queue.publish(chunk);
    }

    @Test
    void whenFullTheOldestChunksAreDroppedAndCounted() throws InterruptedException {
        ChunkQueue queue = new ChunkQueue(3, 8);
        for (long i = 0; i < 5; i++) {
            publish(queue, i);
        }
        assertEquals(2, queue.dropped());
        assertEquals(3, queue.maxWaiting());
        queue.close();
        for (long expected = 2; expected < 5; expected++) {
            Chunk chunk = queue.take();
            assertEquals(expected, chunk.startSample, "the newest chunks survive, in order");
            queue.release(chunk);
        }
        assertNull(queue.take(), "closed and drained");
    }

    @Test
    void memoryStaysBoundedWhateverTheBacklog() {
        ChunkQueue queue = new ChunkQueue(4, 8);
        Set<Chunk> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (long i = 0; i < 10_000; i++) {
            Chunk chunk = queue.acquire();
            seen.add(chunk);
            chunk.startSample = i;
            queue.publish(chunk);
        }
        assertTrue(seen.size() <= 6, "only the pool's chunks are ever used: " + seen.size());
        assertEquals(10_000 - 4, queue.dropped());
    }

    @Test
    void aWorkerHoldingAChunkNeverHasItTakenAway() throws InterruptedException {
        ChunkQueue queue = new ChunkQueue(2, 8);
        publish(queue, 0);
        Chunk held = queue.take();
        for (long i = 1; i < 50; i++) {
            Chunk chunk = queue.acquire();
            assertFalse(chunk == held, "the chunk being processed is not reused");
            chunk.startSample = i;
            queue.publish(chunk);
        }
        assertEquals(0, held.startSample);
    }

    @Test
    void awaitIdleWaitsUntilTheWorkerHasReleasedEverything() throws InterruptedException {
        ChunkQueue queue = new ChunkQueue(4, 8);
        publish(queue, 0);
        AtomicBoolean idle = new AtomicBoolean();
        CountDownLatch returned = new CountDownLatch(1);
        Thread capture = new Thread(() -> {
            try {
                queue.awaitIdle();
                idle.set(true);
                returned.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        capture.start();
        Chunk chunk = queue.take();
        assertFalse(returned.await(200, TimeUnit.MILLISECONDS), "still processing");
        queue.release(chunk);
        assertTrue(returned.await(5, TimeUnit.SECONDS));
        assertTrue(idle.get());
        assertEquals(0, queue.dropped());
    }
}
