/**
 * JMH benchmarks of kl4j's hot paths against simple yardsticks (array copies, plain loops) measured in
 * the same run. List them with {@code org.openjdk.jmh.Main -l}; each class's Javadoc gives its command.
 */
package dev.kl4j.examples.bench;
