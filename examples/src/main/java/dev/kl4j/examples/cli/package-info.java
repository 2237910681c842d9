/** The {@code kl4j} command line (picocli): one class per subcommand, wired in {@link dev.kl4j.examples.cli.Kl4j}. */
package dev.kl4j.examples.cli;
