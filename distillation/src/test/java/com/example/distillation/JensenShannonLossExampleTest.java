package com.example.distillation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * distillation/README.md's "Extend it": {@link JensenShannonLoss}, a user's subclass of
 * {@link DistillationLoss}, evaluated as the README shows (the statements between the markers are the
 * README's, compared by {@code ReadmeJavaSnippetsTest} in module {@code examples}); the printed values are
 * the README's {@code // prints} comments and agree with the {@code double[]} reference.
 */
class JensenShannonLossExampleTest {

    private static void snippet() {
        // README snippet begin
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray student = manager.create(new float[][] {{2f, 0f, -1f}, {0f, 0f, 0f}});
            NDArray teacher = manager.create(new float[][] {{0f, 1f, 0f}, {0f, 0f, 0f}});
            NDArray labels = manager.create(new long[] {1, 2});
            DistillationLoss js = new JensenShannonLoss();
            DistillationLoss mixed = DistillationLosses.withHardLabels(js, 0.5f);   // 0.5·JS + 0.5·CE(s, y)
            System.out.printf("%.6f%n", js.compute(student, teacher, null, null).getFloat());         // prints 0.108336
            System.out.printf("%.6f%n", mixed.compute(student, teacher, labels, null).getFloat());    // prints 0.871283
        }
        // README snippet end
    }

    @Test
    void printsWhatTheReadmeSaysAndAgreesWithTheDoubleReference() {
        PrintStream original = System.out;
        Locale locale = Locale.getDefault();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            Locale.setDefault(Locale.ROOT);
            snippet();
        } finally {
            System.setOut(original);
            Locale.setDefault(locale);
        }
        String[] printed = bytes.toString(StandardCharsets.UTF_8).strip().split("\\R");
        assertEquals(2, printed.length);
        assertEquals("0.108336", printed[0]);
        assertEquals("0.871283", printed[1]);

        // The mean over the two rows in double precision: JS from the core's double[] path, and
        // CE(s, y) = −ln softmax(s)_y written out.
        double[][] s = {{2, 0, -1}, {0, 0, 0}};
        double[][] t = {{0, 1, 0}, {0, 0, 0}};
        int[] y = {1, 2};
        double js = 0;
        double ce = 0;
        for (int i = 0; i < 2; i++) {
            js += DiscreteDivergences.jsFromLogits(t[i], s[i]) / 2;
            double logSum = Math.log(Math.exp(s[i][0]) + Math.exp(s[i][1]) + Math.exp(s[i][2]));
            ce += (logSum - s[i][y[i]]) / 2;
        }
        assertEquals(js, Double.parseDouble(printed[0]), 5e-7 + 1e-6 * js);
        assertEquals(0.5 * js + 0.5 * ce, Double.parseDouble(printed[1]), 5e-7 + 1e-6 * ce);

        // JS is the generalized JSD at β = 1/2 (and T = 1): the built-in loss gives the same value.
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray student = manager.create(new float[][] {{2f, 0f, -1f}, {0f, 0f, 0f}});
            NDArray teacher = manager.create(new float[][] {{0f, 1f, 0f}, {0f, 0f, 0f}});
            assertEquals(DistillationLosses.generalizedJsd(0.5f, 1f).compute(student, teacher, null, null).getFloat(),
                    new JensenShannonLoss().compute(student, teacher, null, null).getFloat(), 1e-6f);
        }
    }
}
