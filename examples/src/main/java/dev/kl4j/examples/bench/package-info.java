/**
 * JMH benchmarks of kl4j's hot paths against simple yardsticks (array copies, plain loops) and against
 * each other (DJL, ND4J and {@code double[]} front ends), measured in the same run. Run them with
 * {@code kl4j bench} (see {@code dev.kl4j.examples.cli.BenchCommand}) or list them with
 * {@code org.openjdk.jmh.Main -l}; each class's Javadoc says what one operation is.
 */
package dev.kl4j.examples.bench;
