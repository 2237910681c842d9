package dev.kl4j.examples.cli;

/** Turns an exception into the one line a user reads. */
final class Errors {
    private Errors() {
    }

    /**
     * @param t any throwable
     * @return its message on one line, or its type when it has none
     */
    static String oneLine(Throwable t) {
        Throwable shown = t;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        String message = shown.getMessage();
        if (message == null || message.isBlank()) {
            message = shown.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
