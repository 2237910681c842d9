/**
 * {@code kl4j tour}: worked references. Each section computes what it prints (nothing is typed in),
 * states the formula and the convention it follows, and writes its pictures into the tour's folder:
 * {@link dev.kl4j.examples.tour.DiscreteTour} (parts 1–4: KL on probability vectors, zeros, properties,
 * the comparison table), {@link dev.kl4j.examples.tour.GaussianTour} (part 5: closed form against Monte
 * Carlo, Schulman's k1/k2/k3), {@link dev.kl4j.examples.tour.ForwardReverseTour} (part 6: mode covering
 * against mode seeking) and {@link dev.kl4j.examples.tour.ApplicationTour} (part 7: short runs of the
 * three applications).
 */
package dev.kl4j.examples.tour;
