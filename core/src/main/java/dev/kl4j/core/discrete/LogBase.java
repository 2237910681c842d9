package dev.kl4j.core.discrete;

import dev.kl4j.core.InvalidArgumentException;

/**
 * The unit of an information measure: nats (base e, the default), bits (base 2) or hartleys (base 10).
 *
 * <p>kl4j computes in nats and converts at the end, as SciPy does ({@code S /= log(base)}):
 * a value in base b is the value in nats divided by ln b. Infinities stay infinite.
 */
public enum LogBase {
    /** Natural logarithm: nats. */
    E(1.0),
    /** Base 2: bits. */
    TWO(Math.log(2.0)),
    /** Base 10: hartleys (bans). */
    TEN(Math.log(10.0));

    private final double lnBase;

    LogBase(double lnBase) {
        this.lnBase = lnBase;
    }

    /**
     * Converts a value in nats to this base: {@code nats / ln(base)}.
     *
     * @param nats a value measured with the natural logarithm
     * @return the same quantity measured with this base
     */
    public double fromNats(double nats) {
        return this == E ? nats : nats / lnBase;
    }

    /**
     * Parses the spelling used on the command line.
     *
     * @param text {@code "e"}, {@code "2"} or {@code "10"} (surrounding blanks are ignored)
     * @return the base
     * @throws InvalidArgumentException naming {@code "base"} for anything else
     */
    public static LogBase parse(String text) {
        String t = text == null ? "" : text.strip();
        switch (t) {
            case "e":
            case "E":
                return E;
            case "2":
                return TWO;
            case "10":
                return TEN;
            default:
                throw new InvalidArgumentException("base",
                        "base = \"" + text + "\" is not supported; use e, 2 or 10");
        }
    }
}
