package dev.kl4j.core.kl;

/**
 * A Monte Carlo estimate with its standard error.
 *
 * @param value         the sample mean (nats)
 * @param standardError sample standard deviation / √n (NaN when n = 1; 0 when the value is exactly +∞)
 * @param samples       the number of samples n
 */
public record Estimate(double value, double standardError, long samples) {

    /** {@return "value ± standardError (n = samples)"} */
    @Override
    public String toString() {
        return value + " \u00b1 " + standardError + " (n = " + samples + ")";
    }
}
