/**
 * File plumbing shared by the training modules: {@link dev.kl4j.core.io.AtomicFiles} writes a file to a
 * temporary name in the same directory and renames it, so a crash never leaves a half-written
 * checkpoint or output.
 */
package dev.kl4j.core.io;
