package dev.kl4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kl4j.core.discrete.DiscreteDivergences;
import dev.kl4j.core.distribution.Gamma;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.kl.Kl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a project that depends on kl4j-core alone gets: the build runs this test in a Surefire execution
 * of its own ({@code pure-java-consumer} in core/pom.xml) with DJL's and ND4J's APIs removed from the
 * class path, so it proves that the discrete measures and the closed-form registry need neither.
 */
@EnabledIfSystemProperty(named = "kl4j.pureJava", matches = "true")
class PureJavaConsumerTest {

    @Test
    void noEngineOrTensorLibraryIsOnTheClassPath() {
        for (String type : new String[] {"ai.djl.ndarray.NDArray", "org.nd4j.linalg.api.ndarray.INDArray",
            "org.bytedeco.javacpp.Loader", "ai.djl.pytorch.engine.PtEngine"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(type), type);
        }
    }

    @Test
    void discreteAndClosedFormKlWorkWithoutThem() {
        // Σ p ln(p/q) for P = [0.1, 0.7, 0.2], Q = [0.2, 0.6, 0.2], written out term by term.
        double expected = 0.1 * Math.log(0.1 / 0.2) + 0.7 * Math.log(0.7 / 0.6);
        assertEquals(expected, DiscreteDivergences.kl(new double[] {0.1, 0.7, 0.2}, new double[] {0.2, 0.6, 0.2}),
                1e-15);
        // KL(N(0,1) || N(1,2)) = ln 2 + (1 + 1)/(2·4) − ½ = ln 2 − ¼.
        assertEquals(Math.log(2) - 0.25, Kl.kl(Normal.of(0, 1), Normal.of(1, 2)), 1e-15);
        // KL(Gamma(2, 1) || Gamma(2, 2)) = α_p(ln(β_p/β_q) + β_q/β_p − 1) = 2(ln ½ + 1).
        assertEquals(2 * (Math.log(0.5) + 1), Kl.kl(Gamma.of(2, 1), Gamma.of(2, 2)), 1e-14);
    }
}
