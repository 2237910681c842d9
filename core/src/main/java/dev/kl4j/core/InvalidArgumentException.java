package dev.kl4j.core;

/**
 * Thrown when an argument to a kl4j function is unusable: NaN, negative mass, a length mismatch, a
 * covariance that is not positive-definite, an unknown name, and so on.
 *
 * <p>The exception carries the name of the offending argument (for example {@code "q"} or
 * {@code "covariance"}) so that callers such as the command line can point at the field that was wrong.
 * The message is one readable line that already names the argument.
 */
public class InvalidArgumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The name of the offending argument, without any index (e.g. {@code "q"} for {@code q[2]}). */
    private final String argument;

    /**
     * An argument error that names its argument.
     *
     * @param argument the name of the offending argument, as the caller spelled it
     * @param message  what is wrong, in one line; it should name the argument
     */
    public InvalidArgumentException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /** {@return the name of the offending argument} */
    public String argument() {
        return argument;
    }
}
