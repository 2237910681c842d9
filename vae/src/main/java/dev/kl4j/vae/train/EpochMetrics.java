package dev.kl4j.vae.train;

/**
 * Figures of one training epoch, in nats per image. {@code trainLoss} is the negative ELBO
 * (recon + KL, β = 1) averaged over the epoch's mini-batches as the parameters moved, not the β-weighted
 * training objective; {@code test*} are measured on the whole test set after the epoch.
 *
 * @param epoch      epoch number, from 1
 * @param trainLoss  mean training −ELBO
 * @param trainKl    mean training KL(q(z|x) ‖ N(0, I))
 * @param trainRecon mean training −log p(x|z)
 * @param testLoss   test −ELBO
 * @param testKl     test KL
 * @param testRecon  test −log p(x|z)
 * @param beta       β at the epoch's last step
 * @param seconds    wall-clock seconds of the training part of the epoch (no test evaluation)
 * @param rssMib     resident memory of the process after the epoch (VmRSS), MiB; NaN if unknown
 */
public record EpochMetrics(int epoch, double trainLoss, double trainKl, double trainRecon, double testLoss,
        double testKl, double testRecon, double beta, double seconds, double rssMib) {
}
