package dev.kl4j.ppo.train;

/**
 * Deterministic evaluation episodes (the mode of the policy: argmax for discrete actions, the mean for
 * continuous ones).
 *
 * @param mean    mean undiscounted return
 * @param std     standard deviation of the returns (population, ddof = 0, as SB3's evaluate_policy)
 * @param returns every episode's return, in the order episodes finished
 * @param lengths every episode's length, same order
 */
public record EvalResult(double mean, double std, double[] returns, int[] lengths) {
    /** @return the number of episodes */
    public int episodes() {
        return returns.length;
    }
}
