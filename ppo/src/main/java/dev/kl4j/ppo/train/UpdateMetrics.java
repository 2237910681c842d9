package dev.kl4j.ppo.train;

/**
 * What one update did, as the trainer returns it (one row of {@code metrics.csv}).
 *
 * @param update            1-based update index
 * @param steps             environment steps so far (all copies)
 * @param episodes          episodes finished so far
 * @param recentReturn      mean undiscounted return of the last (up to) 100 finished episodes, NaN before the first
 * @param klExact           mean KL(π_old ‖ π_new) over the rollout, closed form
 * @param klK1              mean of k1 = −ln r on the rollout's actions, r = π_new/π_old
 * @param klK3              mean of k3 = (r − 1) − ln r
 * @param clipFraction      fraction of rows with |r − 1| &gt; ε, mean over gradient steps (NaN for TRPO)
 * @param entropy           mean policy entropy (over gradient steps; TRPO: on the rollout after the step)
 * @param beta              PPO-KL's β used in this update (NaN for the other algorithms)
 * @param refKl             mean per-step KL estimate to the reference policy (NaN without one)
 * @param refKlCoefficient  the reference penalty's β used in this rollout (NaN without one)
 * @param explainedVariance 1 − Var(R − V_old)/Var(R) of the rollout
 * @param policyLoss        policy loss, mean over gradient steps (TRPO: surrogate improvement)
 * @param valueLoss         value loss, mean over gradient steps
 * @param learningRate      lr of this update
 * @param gradientSteps     optimiser steps taken (PPO; TRPO: critic steps)
 * @param stoppedEarly      whether the target-KL stop ended the update (TRPO: whether the line search failed)
 * @param stepsPerSecond    environment steps of this update / its wall time (rollout + update)
 * @param seconds           wall time of the update
 * @param rssMib            resident memory of the process after the update, MiB
 * @param evalReturn        mean return of the evaluation run after this update, NaN if none ran
 */
public record UpdateMetrics(int update, long steps, long episodes, double recentReturn, double klExact, double klK1,
        double klK3, double clipFraction, double entropy, double beta, double refKl, double refKlCoefficient,
        double explainedVariance, double policyLoss, double valueLoss, double learningRate, int gradientSteps,
        boolean stoppedEarly, double stepsPerSecond, double seconds, double rssMib, double evalReturn) {

    /** Column names of {@link #values()}, as in {@code metrics.csv}. */
    public static final String[] COLUMNS = {"update", "steps", "episodes", "recent_return", "kl_exact", "kl_k1",
        "kl_k3", "clip_fraction", "entropy", "beta", "ref_kl", "ref_kl_coef", "explained_variance", "policy_loss",
        "value_loss", "learning_rate", "gradient_steps", "stopped_early", "steps_per_second", "seconds", "rss_mib",
        "eval_return"};

    /** @return the fields as numbers, in {@link #COLUMNS} order (booleans as 0/1) */
    public double[] values() {
        return new double[] {update, steps, episodes, recentReturn, klExact, klK1, klK3, clipFraction, entropy, beta,
            refKl, refKlCoefficient, explainedVariance, policyLoss, valueLoss, learningRate, gradientSteps,
            stoppedEarly ? 1 : 0, stepsPerSecond, seconds, rssMib, evalReturn};
    }

    /**
     * @param v numbers in {@link #COLUMNS} order
     * @return the metrics
     */
    public static UpdateMetrics fromValues(double[] v) {
        return new UpdateMetrics((int) v[0], (long) v[1], (long) v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9],
                v[10], v[11], v[12], v[13], v[14], v[15], (int) v[16], v[17] != 0, v[18], v[19], v[20], v[21]);
    }
}
