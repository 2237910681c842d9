package dev.kl4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code kl4j tour --quick} once and checks its printed numbers against values computed here
 * independently (formulas written out, not kl4j's functions), and its pictures.
 */
class TourCommandTest {
    @TempDir
    static Path dir;
    static String text;
    static int status;

    @BeforeAll
    static void runQuickTour() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        status = Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "tour", "--quick", "--out",
                dir.resolve("tour").toString());
        text = out + err.toString();
    }

    private static String f6(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static void shows(String expected) {
        assertTrue(text.contains(expected), "the tour should print «" + expected + "»:\n" + text);
    }

    @Test
    void partOnePrintsKlBothWaysAndCorrectsTheTutorialValues() {
        assertEquals(0, status, text);
        double pq = 0.1 * Math.log(0.1 / 0.2) + 0.7 * Math.log(0.7 / 0.6);
        double qp = 0.2 * Math.log(0.2 / 0.1) + 0.6 * Math.log(0.6 / 0.7);
        shows("KL(P||Q) = " + f6(pq) + " nats = " + f6(pq / Math.log(2)) + " bits    KL(Q||P) = " + f6(qp));
        shows(String.format(Locale.ROOT, "it is %.4f nats", pq));
        assertEquals("0.0386", String.format(Locale.ROOT, "%.4f", pq));
        double ab = 0.9 * Math.log(0.9 / 0.8) + 0.1 * Math.log(0.1 / 0.2);
        shows(String.format(Locale.ROOT, "it is %.4f nats", ab));
        assertEquals("0.0367", String.format(Locale.ROOT, "%.4f", ab));
        double m0 = 0.275;
        double m1 = 0.525;
        double js = 0.5 * (0.30 * Math.log(0.30 / m0) + 0.50 * Math.log(0.50 / m1))
                + 0.5 * (0.25 * Math.log(0.25 / m0) + 0.55 * Math.log(0.55 / m1));
        shows("JS(P,Q) = " + f6(js) + " nats   JS distance = " + f6(Math.sqrt(js)));
    }

    @Test
    void partTwoShowsInfinityAndWhatAClipDoes() {
        shows("KL(P||Q) = inf");
        for (double eps : new double[] {1e-10, 1e-6, 1e-3}) {
            double clipped = 0.2 * Math.log(0.2 / 0.4) + 0.5 * Math.log(0.5 / 0.6) + 0.3 * Math.log(0.3 / eps);
            shows("KL = " + f6(clipped));
        }
        double s = 1e-2;
        double d = 1 + 3 * s;
        double[] p = {(0.2 + s) / d, (0.5 + s) / d, (0.3 + s) / d};
        double[] q = {(0.4 + s) / d, (0.6 + s) / d, s / d};
        double smoothed = 0;
        for (int i = 0; i < 3; i++) {
            smoothed += p[i] * Math.log(p[i] / q[i]);
        }
        shows("s = 1e-2   KL = " + f6(smoothed));
    }

    @Test
    void partsThreeToSixPrintTheirCheckedValues() {
        double xy = 0.9 * Math.log(0.9 / 0.5) + 0.1 * Math.log(0.1 / 0.5);
        double xz = 0.9 * Math.log(9) + 0.1 * Math.log(1.0 / 9);
        shows("< KL(P||R) = " + f6(xz));
        shows("KL(P||Q) + KL(Q||R) = " + f6(xy));
        shows("D(P||Q) + D(Q||R) = 0.500000 + 0.500000 = 1.000000, but D(P||R) = 2.000000");
        shows("JS of disjoint [1, 0] and [0, 1] is " + f6(Math.log(2)) + " nats = 1.000000 bit");
        shows("W1(P,Q)                yes        [0, max distance]      0.050000");
        shows("= ln 2 + (1 + 1)/8 - 1/2 = " + f6(Math.log(2) + 0.25 - 0.5));
        // Schulman's table: k1's spread for p = N(0.1, 1) is about sqrt(Var[-ln r]) / KL = 0.1 / 0.005 = 20.
        Matcher k1 = Pattern.compile("N\\(0\\.1,1\\)\\s+0\\.0050\\s+k1\\s+\\S+\\s+(\\S+)").matcher(text);
        assertTrue(k1.find(), text);
        assertEquals(20.0, Double.parseDouble(k1.group(1)), 0.5);
        // Forward fit: the mixture's moments, mean 0 and variance 0.6^2 + 2^2.
        shows("mu = 0.000000, sigma = " + f6(Math.sqrt(0.36 + 4)));
        Matcher reverse = Pattern.compile("mode seeking:\\s+mu = (\\S+), sigma = (\\S+)").matcher(text);
        assertTrue(reverse.find(), text);
        assertEquals(2.0, Math.abs(Double.parseDouble(reverse.group(1))), 0.01);
        assertEquals(0.6, Double.parseDouble(reverse.group(2)), 0.01);
        shows("skipped in --quick");
    }

    @Test
    void partSevenShowsThePpoRunsKlThreeWaysAsItsMetricsHoldThem() throws IOException {
        Path run = dir.resolve("tour").resolve("ppo");
        java.util.List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        java.util.List<String> header = java.util.List.of(lines.get(0).split(","));
        String[] last = lines.get(lines.size() - 1).split(",");
        double exact = Double.parseDouble(last[header.indexOf("kl_exact")]);
        double k3 = Double.parseDouble(last[header.indexOf("kl_k3")]);
        shows(String.format(Locale.ROOT, "%6d  %7s", lines.size() - 1, last[header.indexOf("steps")]));
        shows(String.format(Locale.ROOT, "%.3e", exact));
        shows(String.format(Locale.ROOT, "%.3e", k3));
        // KL(pi_old || pi_new) and the k3 estimate are never negative; the table's k3 column has no sign.
        for (String row : lines.subList(1, lines.size())) {
            String[] v = row.split(",");
            assertTrue(Double.parseDouble(v[header.indexOf("kl_exact")]) >= 0, row);
            assertTrue(Double.parseDouble(v[header.indexOf("kl_k3")]) >= 0, row);
        }
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(run.resolve("summary.json").toFile());
        shows(String.format(Locale.ROOT, "mean return %.1f over %d deterministic episodes",
                summary.get("eval_return_mean").asDouble(), summary.get("eval_episodes").asInt()));
        assertEquals(30_720, summary.get("steps").asLong());
    }

    @Test
    void picturesAreValidPngsOfTheStatedSize() throws IOException {
        for (String name : new String[] {"mc_convergence.png", "forward_vs_reverse.png"}) {
            Path file = dir.resolve("tour").resolve(name);
            BufferedImage image = ImageIO.read(file.toFile());
            assertTrue(image != null, file + " is not a readable PNG");
            assertEquals(800, image.getWidth(), name);
            assertEquals(500, image.getHeight(), name);
            byte[] head = Files.readAllBytes(file);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
        }
    }

    @Test
    void badFoldersAreOneLineErrorsBeforeAnyWork(@TempDir Path tmp) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path missing = tmp.resolve("no-such-data");
        assertEquals(2, Kl4j.execute(new PrintWriter(out), new PrintWriter(err), "tour", "--data-dir",
                missing.toString(), "--out", tmp.resolve("t").toString()));
        assertTrue(err.toString().startsWith("kl4j tour: --data-dir " + missing + " does not exist"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertEquals("", out.toString());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        StringWriter err2 = new StringWriter();
        assertEquals(2, Kl4j.execute(new PrintWriter(new StringWriter()), new PrintWriter(err2), "tour", "--quick",
                "--out", file.resolve("sub").toString()));
        assertTrue(err2.toString().contains("is a file, not a folder"), err2.toString());
        assertEquals(1, err2.toString().strip().lines().count(), err2.toString());
    }
}
