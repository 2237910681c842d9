package dev.kl4j.examples.tour;

import java.nio.file.Path;

/**
 * What a tour run is asked to do.
 *
 * @param quick   shorter Monte Carlo runs and no long application runs (under a minute)
 * @param seed    the seed of every random source
 * @param out     the folder for pictures and the application runs
 * @param dataDir the Fashion-MNIST folder, or null for the default
 * @param verbose show progress bars of the application runs
 */
public record TourSettings(boolean quick, long seed, Path out, Path dataDir, boolean verbose) {
}
