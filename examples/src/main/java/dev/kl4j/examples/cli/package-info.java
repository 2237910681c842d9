/**
 * The {@code kl4j} command line (picocli): one class per subcommand, wired in {@link dev.kl4j.examples.cli.Kl4j}.
 * {@link dev.kl4j.examples.cli.Kl4j} also owns the error conventions every subcommand shares (one line on
 * standard error, exit status 0/1/2, checked writes to standard output); {@code Errors} turns exceptions
 * into that line and cuts quoted values; {@code Utf8LineReader} gives {@code kl4j eval} its input one
 * strictly decoded, size-bounded line at a time.
 */
package dev.kl4j.examples.cli;
