/**
 * JMH benchmarks of kl4j, run with {@code kl4j bench} (see {@code dev.kl4j.examples.cli.BenchCommand}) or
 * any JMH runner. Each benchmark says in its Javadoc what one operation is and how many bytes it reads.
 */
package dev.kl4j.examples.bench;
