package dev.kl4j.vae.objective;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The weight β_t of the KL term at optimiser step t (t = 0, 1, ...).
 *
 * <ul>
 *   <li>{@link #constant(double)}: β_t = β (β = 1 is the plain VAE, β &gt; 1 the β-VAE of Higgins et al. 2017).</li>
 *   <li>{@link #linearWarmup(double, long)}: β_t = β · min(1, t / W) (Bowman et al. 2016's KL annealing).</li>
 *   <li>{@link #cyclical(double, long, int, double)}: Fu et al. 2019. The T training steps are split into
 *       M cycles of length T/M; within a cycle at position τ = (t mod (T/M)) / (T/M) ∈ [0, 1),
 *       β_t = β · min(1, τ / R): a linear rise over the first fraction R of the cycle, then flat.</li>
 * </ul>
 */
@FunctionalInterface
public interface KlSchedule {

    /**
     * @param step optimiser step, from 0
     * @return β at that step
     */
    double beta(long step);

    /**
     * @param beta β ≥ 0
     * @return β_t = β
     */
    static KlSchedule constant(double beta) {
        requireBeta(beta);
        return step -> beta;
    }

    /**
     * @param beta         final β ≥ 0
     * @param warmupSteps  W ≥ 1 steps of the linear rise from 0
     * @return β_t = β · min(1, t / W)
     */
    static KlSchedule linearWarmup(double beta, long warmupSteps) {
        requireBeta(beta);
        if (warmupSteps < 1) {
            throw new InvalidArgumentException("warmup-steps", "warmup-steps = " + warmupSteps + " must be >= 1");
        }
        return step -> beta * Math.min(1.0, (double) step / warmupSteps);
    }

    /**
     * @param beta       final β ≥ 0
     * @param totalSteps T, the number of optimiser steps of the whole run
     * @param cycles     M ≥ 1
     * @param ratio      R ∈ (0, 1], fraction of each cycle spent rising
     * @return Fu et al.'s cyclical schedule
     */
    static KlSchedule cyclical(double beta, long totalSteps, int cycles, double ratio) {
        requireBeta(beta);
        if (cycles < 1) {
            throw new InvalidArgumentException("cyclical", "cycles M = " + cycles + " must be >= 1");
        }
        if (!(ratio > 0 && ratio <= 1)) {
            throw new InvalidArgumentException("cyclical", "ratio R = " + ratio + " must be in (0, 1]");
        }
        if (totalSteps < cycles) {
            throw new InvalidArgumentException("cyclical", "the run has " + totalSteps
                    + " steps, fewer than the " + cycles + " cycles");
        }
        double period = (double) totalSteps / cycles;
        return step -> {
            double tau = (step % period) / period;
            return beta * Math.min(1.0, tau / ratio);
        };
    }

    /**
     * Parses the command-line form {@code "M,R"}, e.g. {@code "4,0.5"}.
     *
     * @param text       "M,R"
     * @param beta       final β
     * @param totalSteps steps of the run
     * @return the cyclical schedule
     */
    static KlSchedule parseCyclical(String text, double beta, long totalSteps) {
        String[] parts = text.split(",");
        if (parts.length != 2) {
            throw new InvalidArgumentException("cyclical", "cyclical '" + text + "' must be M,R, e.g. 4,0.5");
        }
        try {
            return cyclical(beta, totalSteps, Integer.parseInt(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("cyclical", "cyclical '" + text
                    + "' must be an integer M and a number R, e.g. 4,0.5");
        }
    }

    private static void requireBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidArgumentException("beta", "beta = " + beta + " must be finite and >= 0");
        }
    }
}
