package dev.kl4j.core.kl;

/**
 * Thrown by {@link KlRegistry#kl} when no closed form is registered for the pair of types, e.g.
 * {@code "no closed-form KL(Laplace ‖ Poisson); use MonteCarloKl.estimate"}. It extends
 * {@link UnsupportedOperationException} rather than an argument error: both distributions are valid,
 * the registry just has no formula for them (PyTorch raises {@code NotImplementedError}).
 */
public final class NoClosedFormException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** The fully qualified class name of p, the first argument of KL(p ‖ q). */
    private final String pType;
    /** The fully qualified class name of q, the second argument of KL(p ‖ q). */
    private final String qType;

    /**
     * The error for a pair of distribution types that has no registered closed-form KL.
     *
     * @param pType class of p
     * @param qType class of q
     */
    public NoClosedFormException(Class<?> pType, Class<?> qType) {
        super("no closed-form KL(" + pType.getSimpleName() + " \u2016 " + qType.getSimpleName()
                + "); use MonteCarloKl.estimate");
        this.pType = pType.getName();
        this.qType = qType.getName();
    }

    /** {@return the fully qualified class name of p} */
    public String pType() {
        return pType;
    }

    /** {@return the fully qualified class name of q} */
    public String qType() {
        return qType;
    }
}
