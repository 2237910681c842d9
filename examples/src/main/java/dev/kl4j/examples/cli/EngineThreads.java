package dev.kl4j.examples.cli;

import dev.kl4j.core.InvalidArgumentException;

/** The {@code --threads} setting of the training commands, applied before the PyTorch engine starts. */
final class EngineThreads {
    private EngineThreads() {
    }

    /**
     * Sets libtorch's intra-op threads to {@code threads} (and its inter-op threads to 1). The engine reads
     * these properties when it starts, so this has no effect once it runs.
     *
     * @param threads the {@code --threads} value, or null to keep the launcher's setting
     * @throws InvalidArgumentException ({@code threads}) for a value below 1
     */
    static void apply(Integer threads) {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new InvalidArgumentException("threads", "--threads " + threads + " must be >= 1");
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
}
