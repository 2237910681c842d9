package dev.kl4j.core.kl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.core.distribution.Categorical;
import dev.kl4j.core.distribution.DiagNormal;
import dev.kl4j.core.distribution.Dirichlet;
import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.Laplace;
import dev.kl4j.core.distribution.MultivariateNormal;
import dev.kl4j.core.distribution.Normal;
import dev.kl4j.core.distribution.Poisson;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class KlRegistryTest {

    /** A stand-in family hierarchy: Animal ⊃ Dog ⊃ Puppy, Animal ⊃ Cat. */
    abstract static class Animal implements Distribution {
        @Override
        public String name() {
            return getClass().getSimpleName();
        }

        @Override
        public int eventSize() {
            return 1;
        }

        @Override
        public double logProb(double[] x) {
            return 0;
        }

        @Override
        public double[] sample(RandomGenerator rng) {
            return new double[] {rng.nextDouble()};
        }

        @Override
        public double entropy() {
            return 0;
        }

        @Override
        public double[] mean() {
            return new double[] {0.5};
        }

        @Override
        public double[] variance() {
            return new double[] {1.0 / 12};
        }
    }

    static class Dog extends Animal {
    }

    static final class Puppy extends Dog {
    }

    static final class Cat extends Animal {
    }

    @Test
    void mostSpecificPairWins() {
        KlRegistry r = KlRegistry.empty();
        r.register(Animal.class, Animal.class, (p, q) -> 1);
        r.register(Dog.class, Animal.class, (p, q) -> 2);
        assertEquals(1, r.kl(new Cat(), new Cat()));
        assertEquals(2, r.kl(new Dog(), new Cat()));
        assertEquals(2, r.kl(new Puppy(), new Puppy()));
        assertEquals(1, r.kl(new Cat(), new Dog()));
        r.register(Puppy.class, Dog.class, (p, q) -> 3);
        assertEquals(3, r.kl(new Puppy(), new Puppy()));
        assertEquals(2, r.kl(new Puppy(), new Cat()));
    }

    @Test
    void ambiguityIsAnErrorUntilTheTieIsBroken() {
        KlRegistry r = KlRegistry.empty();
        r.register(Dog.class, Animal.class, (p, q) -> 2);
        r.register(Animal.class, Dog.class, (p, q) -> 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.kl(new Dog(), new Dog()));
        assertTrue(e.getMessage().contains("ambiguous KL(Dog ‖ Dog)"), e.getMessage());
        assertTrue(e.getMessage().contains("(Dog, Animal)") && e.getMessage().contains("(Animal, Dog)"), e.getMessage());
        r.register(Dog.class, Dog.class, (p, q) -> 4); // clears the memo
        assertEquals(4, r.kl(new Dog(), new Dog()));
        assertEquals(4, r.kl(new Puppy(), new Puppy()));
    }

    @Test
    void interfacesMatchToo() {
        KlRegistry r = KlRegistry.withStandardPairs();
        r.register(Distribution.class, Distribution.class, (p, q) -> -1);
        assertEquals(-1, r.kl(Laplace.of(0, 1), Poisson.of(1)));
        assertEquals(0.5, r.kl(Normal.of(0, 1), Normal.of(1, 1)), 1e-15); // the specific pair still wins
    }

    @Test
    void unknownPairNamesBothTypes() {
        assertFalse(Kl.hasClosedForm(Laplace.of(0, 1), Poisson.of(1)));
        NoClosedFormException e = assertThrows(NoClosedFormException.class,
                () -> Kl.kl(Laplace.of(0, 1), Poisson.of(1)));
        assertEquals("no closed-form KL(Laplace ‖ Poisson); use MonteCarloKl.estimate", e.getMessage());
        assertEquals(Laplace.class.getName(), e.pType());
        assertTrue(Kl.hasClosedForm(Normal.of(0, 1), Laplace.of(0, 1)));
    }

    @Test
    void standardRegistryIsReadOnlyButCopiesAreNot() {
        assertThrows(UnsupportedOperationException.class,
                () -> KlRegistry.standard().register(Laplace.class, Poisson.class, (p, q) -> 0));
        KlRegistry mine = KlRegistry.withStandardPairs();
        mine.register(Normal.class, Normal.class, (p, q) -> 42);
        assertEquals(42, mine.kl(Normal.of(0, 1), Normal.of(1, 1)));
        assertEquals(0.5, Kl.kl(Normal.of(0, 1), Normal.of(1, 1)), 1e-15);
    }

    @Test
    void dimensionMismatchIsAnArgumentError() {
        double[][] eye = {{1, 0}, {0, 1}};
        Distribution[][] bad = {
            {MultivariateNormal.of(new double[2], eye), DiagNormal.of(new double[3], new double[] {1, 1, 1})},
            {Normal.of(0, 1), MultivariateNormal.of(new double[2], eye)},
            {DiagNormal.of(new double[2], new double[] {1, 1}), DiagNormal.of(new double[1], new double[] {1})},
            {Categorical.ofProbs(new double[] {0.5, 0.5}), Categorical.ofProbs(new double[] {0.2, 0.3, 0.5})},
            {Dirichlet.of(1, 2), Dirichlet.of(1, 2, 3)},
        };
        for (Distribution[] pq : bad) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> Kl.kl(pq[0], pq[1]));
            assertEquals("q", e.argument());
        }
    }

    @Test
    void categoricalMasking() {
        // p = 0 wins over q = 0: the term is 0.
        Categorical p = Categorical.ofProbs(new double[] {0, 0.5, 0.5});
        Categorical q = Categorical.ofProbs(new double[] {0, 0.25, 0.75});
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(0.5 / 0.75), Kl.kl(p, q), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, Kl.kl(q, Categorical.ofProbs(new double[] {0.5, 0, 0.5})));
    }

    /** Transformed distributions with different bijections have no closed form (PyTorch: NotImplementedError). */
    @Test
    void transformedWithDifferentBijectionsHasNoClosedForm() {
        assertThrows(NoClosedFormException.class, () -> Kl.kl(dev.kl4j.core.distribution.LogNormal.of(0, 1),
                dev.kl4j.core.distribution.Weibull.of(1, 1)));
        // Same bijection: the KL of the bases, here the normal KL of the logs.
        assertEquals(Kl.kl(Normal.of(0.2, 0.7), Normal.of(-0.3, 1.1)), Kl.kl(dev.kl4j.core.distribution.LogNormal.of(0.2, 0.7),
                dev.kl4j.core.distribution.LogNormal.of(-0.3, 1.1)), 0);
    }
}
