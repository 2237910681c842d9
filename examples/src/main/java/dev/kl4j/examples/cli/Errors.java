package dev.kl4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Turns an exception into the one line a user reads, and keeps quoted values short. */
final class Errors {
    /** Characters of a value quoted in an error before it is cut with "…". */
    static final int QUOTE_LIMIT = 60;

    private Errors() {
    }

    /**
     * {@return its message on one line, or its type when it has none}
     *
     * @param t any throwable
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

    /**
     * A JSON value as it would be quoted in an error, cut to {@link #QUOTE_LIMIT} characters.
     *
     * @param value the value
     * @return its JSON text, at most {@code QUOTE_LIMIT} characters plus "…"
     */
    static String quote(JsonNode value) {
        return clip(value.toString());
    }

    /**
     * {@return {@code text} cut to {@link #QUOTE_LIMIT} characters plus "…"}
     *
     * @param text any text
     */
    static String clip(String text) {
        return clip(text, QUOTE_LIMIT);
    }

    /**
     * {@return {@code text}, or its first {@code limit} characters followed by "…"}
     *
     * @param text  any text
     * @param limit the most characters to keep (a surrogate pair is not split)
     */
    static String clip(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
        return text.substring(0, end) + "\u2026";
    }
}
