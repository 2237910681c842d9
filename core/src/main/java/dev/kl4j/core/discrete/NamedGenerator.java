package dev.kl4j.core.discrete;

import java.util.Objects;
import java.util.function.DoubleUnaryOperator;

/** The {@link FGenerator} built by {@link FGenerator#of}. */
record NamedGenerator(String name, DoubleUnaryOperator function, double slopeAtInfinity) implements FGenerator {

    NamedGenerator {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
    }

    @Override
    public double f(double t) {
        return function.applyAsDouble(t);
    }

    @Override
    public String toString() {
        return name;
    }
}
