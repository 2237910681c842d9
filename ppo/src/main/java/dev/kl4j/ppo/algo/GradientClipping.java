package dev.kl4j.ppo.algo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.util.Pair;
import dev.kl4j.core.djl.DjlScalars;

/**
 * Clipping by global norm, as PyTorch's {@code torch.nn.utils.clip_grad_norm_} (used by CleanRL and
 * Stable-Baselines3 with max_norm 0.5): with ‖g‖ = √(Σ_p ‖g_p‖²) over all parameters,
 * <pre>
 *   g_p ← g_p · min(1, maxNorm / (‖g‖ + 1e-6))
 * </pre>
 * The direction of the whole gradient is kept. DJL's {@code optClipGrad(c)} instead clamps each element
 * from above ({@code clamp_max_}), which changes the direction and leaves large negative entries alone.
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales the gradients of {@code parameters} in place by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the global
     * L2 norm (the class comment; {@code clip_grad_norm_} with norm_type 2).
     *
     * @param parameters parameters whose gradients were just computed
     * @param maxNorm    the largest global norm allowed; {@code +∞} only measures
     * @return the global norm before clipping
     */
    public static double clipByGlobalNorm(ParameterList parameters, double maxNorm) {
        double squares;
        // Σ_p ‖g_p‖² accumulated on the engine, read back once
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray total = null;
            for (Pair<String, Parameter> p : parameters) {
                NDArray g = p.getValue().getArray().getGradient();
                NDArray s = g.square().sum();
                total = total == null ? s : total.add(s);
            }
            squares = total == null ? 0 : total.getFloat();
        }
        double norm = Math.sqrt(squares);
        double coefficient = maxNorm / (norm + 1e-6);   // torch.nn.utils.clip_grad_norm_
        if (coefficient < 1) {
            for (Pair<String, Parameter> p : parameters) {
                NDArray g = p.getValue().getArray().getGradient();
                try (NDArray c = DjlScalars.of(g, (float) coefficient)) {
                    g.muli(c);
                }
                g.close();
            }
        }
        return norm;
    }
}
