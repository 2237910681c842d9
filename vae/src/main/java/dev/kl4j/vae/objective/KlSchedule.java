package dev.kl4j.vae.objective;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The weight β_t of the KL term at optimiser step t = 0, 1, ..., T − 1 of a run of T steps, as a value:
 *
 * <ul>
 *   <li>{@link Constant}: β_t = β (β = 1 is the plain VAE, β &gt; 1 the β-VAE of Higgins et al. 2017).</li>
 *   <li>{@link LinearWarmup}: β_t = β · min(1, t / W) (KL cost annealing, Bowman et al. 2016).</li>
 *   <li>{@link Cyclical}: Fu et al. 2019. The T steps are split into M cycles of length T/M;
 *       at position τ = (t mod (T/M)) / (T/M) ∈ [0, 1) within a cycle, β_t = β · min(1, τ / R): a linear
 *       rise over the first fraction R of each cycle, then flat.</li>
 * </ul>
 * The default of {@link dev.kl4j.vae.train.TrainConfig#defaults()} is {@code constant(1)}. Arguments
 * are checked when the value is made; {@link Cyclical} also needs T ≥ M, checked by
 * {@link #betaAt} (and by the trainer before the first step).
 */
public sealed interface KlSchedule permits KlSchedule.Constant, KlSchedule.LinearWarmup, KlSchedule.Cyclical {

    /** @return the final (largest) β */
    double beta();

    /**
     * @param step       optimiser step t, from 0
     * @param totalSteps T, the number of optimiser steps of the whole run
     * @return β_t
     */
    double betaAt(long step, long totalSteps);

    /**
     * @param beta the final β of the copy
     * @return this schedule with another final β
     */
    KlSchedule withBeta(double beta);

    /**
     * @param beta β ≥ 0
     * @return β_t = β
     */
    static Constant constant(double beta) {
        return new Constant(beta);
    }

    /**
     * @param beta        final β ≥ 0
     * @param warmupSteps W ≥ 1 steps of the linear rise from 0
     * @return β_t = β · min(1, t / W)
     */
    static LinearWarmup linearWarmup(double beta, long warmupSteps) {
        return new LinearWarmup(beta, warmupSteps);
    }

    /**
     * @param beta   final β ≥ 0
     * @param cycles M ≥ 1
     * @param ratio  R ∈ (0, 1], the fraction of each cycle spent rising
     * @return Fu et al.'s cyclical schedule
     */
    static Cyclical cyclical(double beta, int cycles, double ratio) {
        return new Cyclical(beta, cycles, ratio);
    }

    /**
     * β_t = β.
     *
     * @param beta β ≥ 0, finite
     */
    record Constant(double beta) implements KlSchedule {
        /** Validates β. */
        public Constant {
            requireBeta(beta);
        }

        @Override
        public double betaAt(long step, long totalSteps) {
            return beta;
        }

        @Override
        public Constant withBeta(double b) {
            return new Constant(b);
        }
    }

    /**
     * β_t = β · min(1, t / W).
     *
     * @param beta        final β ≥ 0
     * @param warmupSteps W ≥ 1
     */
    record LinearWarmup(double beta, long warmupSteps) implements KlSchedule {
        /** Validates β and W. */
        public LinearWarmup {
            requireBeta(beta);
            if (warmupSteps < 1) {
                throw new InvalidArgumentException("warmupSteps", "warmupSteps = " + warmupSteps + " must be >= 1");
            }
        }

        @Override
        public double betaAt(long step, long totalSteps) {
            return beta * Math.min(1.0, (double) step / warmupSteps);
        }

        @Override
        public LinearWarmup withBeta(double b) {
            return new LinearWarmup(b, warmupSteps);
        }
    }

    /**
     * Fu et al. 2019's cyclical schedule: β_t = β · min(1, τ / R), τ = (t mod (T/M)) / (T/M).
     *
     * @param beta   final β ≥ 0
     * @param cycles M ≥ 1
     * @param ratio  R ∈ (0, 1]
     */
    record Cyclical(double beta, int cycles, double ratio) implements KlSchedule {
        /** Validates β, M and R. */
        public Cyclical {
            requireBeta(beta);
            if (cycles < 1) {
                throw new InvalidArgumentException("cycles", "cycles M = " + cycles + " must be >= 1");
            }
            if (!(ratio > 0 && ratio <= 1)) {
                throw new InvalidArgumentException("ratio", "ratio R = " + ratio + " must be in (0, 1]");
            }
        }

        /**
         * @param totalSteps T
         * @throws InvalidArgumentException ({@code cycles}) when the run has fewer steps than cycles
         */
        public void requireFits(long totalSteps) {
            if (totalSteps < cycles) {
                throw new InvalidArgumentException("cycles", "the run has " + totalSteps
                        + " optimiser steps, fewer than the " + cycles + " cycles");
            }
        }

        @Override
        public double betaAt(long step, long totalSteps) {
            requireFits(totalSteps);
            double period = (double) totalSteps / cycles;
            double tau = (step % period) / period;
            return beta * Math.min(1.0, tau / ratio);
        }

        @Override
        public Cyclical withBeta(double b) {
            return new Cyclical(b, cycles, ratio);
        }
    }

    private static void requireBeta(double beta) {
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new InvalidArgumentException("beta", "beta = " + beta + " must be finite and >= 0");
        }
    }
}
