package dev.kl4j.ppo.algo;

import dev.kl4j.core.djl.DjlDiagNormal;
import dev.kl4j.core.djl.DjlDistribution;

final class DjlDistributionsForTest {
    private DjlDistributionsForTest() {
    }

    static double meanLogStd(DjlDistribution d) {
        return ((DjlDiagNormal) d).logStd().mean().getFloat();
    }
}
