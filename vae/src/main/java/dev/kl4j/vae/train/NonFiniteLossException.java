package dev.kl4j.vae.train;

/** Training met a NaN or infinite loss and stopped; the last checkpoint on disk is the last good one. */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened, where, and which checkpoint was kept
     */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
