package com.example.kl4j;

import dev.kl4j.core.distribution.Distribution;
import dev.kl4j.core.distribution.DistributionFamily;
import dev.kl4j.core.distribution.Parameters;

/**
 * Makes {@code {"dist": "shifted_exponential", "shift": s, "rate": λ}} known to
 * {@code Distributions.create} and {@code kl4j eval}; listed in
 * {@code META-INF/services/dev.kl4j.core.distribution.DistributionFamily}.
 */
public final class ShiftedExponentialFamily implements DistributionFamily {
    @Override
    public String name() {
        return "shifted_exponential";
    }

    @Override
    public Distribution create(Parameters params) {
        return new ShiftedExponential(params.scalar("shift"), params.scalar("rate"));
    }
}
