package io.musicspeech.pipeline;

/**
 * One step of the live chain (in the manner of TarsosDSP's AudioProcessor): it reads what the
 * steps before it put in the {@link WindowEvent} and adds its own result. Called on the worker
 * thread only.
 */
public interface WindowProcessor {

    void process(WindowEvent window);

    /** The stream has ended: flush and release what this step holds. */
    default void finish() {
    }
}
