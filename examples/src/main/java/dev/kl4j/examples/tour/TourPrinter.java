package dev.kl4j.examples.tour;

import java.io.PrintWriter;
import java.util.Locale;

/** The tour's voice: section headings, lines with numbers in one locale, and value formatting. */
final class TourPrinter {
    private final PrintWriter out;

    TourPrinter(PrintWriter out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println("== " + title + " ==");
        out.flush();
    }

    void line(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** {@return the value with 6 decimals, or inf} */
    static String value(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
