package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Ownership of intermediate DJL arrays: a computation made of many operations creates one native array
 * per operation, and each belongs to the manager of its first operand until that manager closes. In a
 * training loop that manager lives for the whole run, so unclosed intermediates grow native memory
 * step after step. These helpers run a computation in its own {@link NDScope}, close everything it
 * created on return, and hand back only the result.
 *
 * <p>Use it for every function that combines several operations into one value (a loss, a divergence,
 * a policy's log-probability):
 * <pre>{@code
 *   NDArray kl = DjlScopes.withIntermediatesClosed(() -> {
 *       NDArray logP = logitsP.logSoftmax(-1);          // closed on return
 *       NDArray logQ = logitsQ.logSoftmax(-1);          // closed on return
 *       return logP.exp().mul(logP.sub(logQ)).sum(new int[] {-1});   // kept
 *   });
 * }</pre>
 * The result is registered with the caller's scope, if there is one, exactly as if the caller had
 * created it, so an enclosing per-step {@code NDScope} still closes it. Autograd is unaffected: closing
 * an intermediate's Java handle does not free what the autograd graph keeps for the backward pass.
 */
public final class DjlScopes {
    private DjlScopes() {
    }

    /**
     * Runs {@code body} in its own scope; every array it creates except the returned one is closed.
     *
     * @param body the computation; must return an array it created (or one of its inputs)
     * @return the result, owned by the caller's scope (if any) and the first operand's manager
     */
    public static NDArray withIntermediatesClosed(Supplier<NDArray> body) {
        NDArray result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = body.get();
            NDScope.unregister(result);
        }
        NDScope.register(result);
        return result;
    }

    /**
     * As {@link #withIntermediatesClosed(Supplier)}, for a computation with several results.
     *
     * @param body the computation
     * @return its results, owned by the caller's scope (if any)
     */
    public static NDList withIntermediatesClosedList(Supplier<NDList> body) {
        NDList result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = body.get();
            result.forEach(NDScope::unregister);
        }
        result.forEach(NDScope::register);
        return result;
    }
}
