package dev.kl4j.examples.cli;

import java.util.concurrent.TimeUnit;

/** What the {@code ./kl4j} launcher's standard-error filter needs from the program, and the kernel note. */
final class StandardStreams {
    private StandardStreams() {
    }

    /**
     * When the launcher runs standard error through its filter (environment {@code KL4J_STDERR_FILTER=1};
     * the filter drops the JVM's incubator-module notice), closes standard error and waits briefly for
     * the filter to pass on what it still holds. Without this, the shell could print its next prompt, or
     * a script could read a file redirected from standard error, before the last line arrived.
     */
    static void drainFilteredStderr() {
        System.out.flush();
        System.err.flush();
        if (!"1".equals(System.getenv("KL4J_STDERR_FILTER"))) {
            return;
        }
        System.err.close(); // the filter sees end-of-file and exits
        ProcessHandle.current().children().forEach(child -> {
            try {
                child.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // a filter that does not finish in time is left; exiting matters more
            }
        });
    }

    /** {@return which discrete KL kernel this JVM runs, and how to change it} */
    static String discreteKernel() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                ? "discrete divergences use the Vector API kernel (jdk.incubator.vector; KL4J_VECTOR=off for the"
                        + " scalar loop)"
                : "discrete divergences use the scalar kernel (run java with --add-modules jdk.incubator.vector"
                        + " for the Vector API kernel)";
    }
}
