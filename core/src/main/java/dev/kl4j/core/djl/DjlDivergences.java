package dev.kl4j.core.djl;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.kl4j.core.ArgumentChecks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;

/**
 * Divergences between categorical distributions on DJL {@code NDArray}s: differentiable, batched over
 * the leading axes, reducing over the last axis (the categories). A {@code [B, K]} input gives
 * {@code [B]}; a {@code [K]} input gives a scalar.
 *
 * <p><b>Conventions.</b> All values are in nats. {@code kl(p, q)} = KL(P‖Q) =
 * Σ p·ln(p/q), the quantity {@code torch.distributions.kl_divergence(Categorical(p), Categorical(q))}
 * returns; note that PyTorch's {@code F.kl_div(input, target)} takes its arguments the other way round
 * ({@code input} = ln q, {@code target} = p) and that its default {@code reduction='mean'} also divides by
 * the number of classes. Here there is no reduction over the batch: callers take the mean themselves.
 *
 * <p><b>Zeros, SciPy semantics.</b> A term with p = 0 is exactly 0 (0·ln 0 = 0, 0·ln(0/0) = 0); a term
 * with p &gt; 0 and q = 0 is +∞. No epsilon is added anywhere. The masking is done on the logarithms
 * <em>before</em> the multiplication by p, so that neither the value nor the gradient sees
 * {@code 0·(−∞)}: where p = 0 the gradient of the term is 0.
 *
 * <p><b>Logits.</b> The {@code ...FromLogits} methods take unnormalised log-probabilities and work
 * through {@code logSoftmax}, which never overflows: logits of magnitude 1e4 in float32 are fine, where
 * {@code softmax} followed by {@code log} would give ln 0 = −∞. A logit of −∞ masks its category
 * (probability exactly 0); a finite logit means p &gt; 0, even where exp underflows to 0 in floating
 * point, so a category masked in Q but not in P gives KL(P‖Q) = +∞. +∞ and NaN logits are not
 * supported.
 *
 * <p><b>Checks and types.</b> Shapes must be equal (no broadcasting) and have a non-empty last axis,
 * else {@link dev.kl4j.core.InvalidArgumentException} naming the argument. Values are <em>not</em>
 * checked (that would force a device-to-host copy inside every training step): probabilities are
 * assumed non-negative and summing to 1 along the last axis; use
 * {@code dev.kl4j.core.discrete.DiscreteDivergences} for validated, exact {@code double} arithmetic.
 * Results keep the input data type (float32 stays float32), belong to the manager of the first
 * argument, and the intermediate arrays are closed before returning.
 */
public final class DjlDivergences {
    private static final float LN_2 = (float) Math.log(2.0);

    private DjlDivergences() {
    }

    /**
     * KL(P‖Q) from logits, P = softmax(a), Q = softmax(b):
     * <pre>
     *   KL = Σ_k softmax(a)_k · (logSoftmax(a)_k − logSoftmax(b)_k)
     * </pre>
     * Gradients: ∂KL/∂a_k = p_k·(ln p_k − ln q_k − KL), ∂KL/∂b_k = q_k − p_k.
     *
     * <p><b>Memory and speed at vocabulary scale.</b> The KL and the closed-form gradients above are
     * computed outside autograd into one preallocated array each. On CPU float32 PyTorch arrays this runs
     * in Java on the arrays' own memory (direct buffers, no copies): per row one pass for the maxima, one
     * for the exponentials and sums, one for the gradients, so each row is read from memory once and
     * worked on in cache, on the Vector API and its vectorised exp (this needs the
     * {@code jdk.incubator.vector} module: run with {@code --add-modules jdk.incubator.vector}), on as many
     * threads as libtorch uses ({@code ai.djl.pytorch.num_threads}, else all processors). Without the
     * module, and for other types, devices and engines, libtorch operations do the same work on row
     * chunks of 2<sup>18</sup> elements.
     * Autograd then records only
     * KL + Σ_k a_k·g_k − stopGradient(Σ_k a_k·g_k), whose value is the KL and whose gradient is g,
     * so it keeps one gradient-sized array per input that requires a gradient and no softmax, logarithm or mask
     * temporaries: for two {@code [4096 × 32768]} float32 inputs the value and the student's gradient
     * need about 1× the inputs of extra memory where the straightforward graph needed 4.6×. Inputs
     * without −∞ logits skip the masking. On small inputs (at most 2<sup>14</sup> elements per argument,
     * such as a distillation batch of {@code [128 × 10]}, where the fixed cost of each operation dominates)
     * the two sums are plain products and sums sharing one {@code stopGradient}: 18 operations instead of
     * 34 without −∞ logits. Rows with KL = +∞ get a zero gradient, as selecting +∞ with
     * {@code where} gives; rows with a NaN or +∞ logit give what the formula gives in libtorch (NaN, or +∞
     * when only Q's row is affected). Higher-order gradients are not available.
     *
     * @param logitsP logits a of P, {@code [..., K]}
     * @param logitsQ logits b of Q, same shape
     * @return KL(P‖Q) per batch element, {@code [...]}
     */
    public static NDArray klFromLogits(NDArray logitsP, NDArray logitsQ) {
        return klFromLogits(logitsP, logitsQ, LogitsKlKernel.best(), javaKernelThreads());
    }

    /**
     * {@link #klFromLogits(NDArray, NDArray)} with the per-row work done by {@code kernel} in Java on
     * {@code threads} threads where it applies ({@link #javaKernelApplies}), else by libtorch operations on
     * row chunks, as also when {@code kernel} is null (package-private: the tests run every path).
     */
    static NDArray klFromLogits(NDArray logitsP, NDArray logitsQ, LogitsKlKernel kernel, int threads) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return DjlScopes.withIntermediatesClosed(() -> {
            Shape shape = logitsP.getShape();
            long categories = shape.get(shape.dimension() - 1);
            long rows = shape.size() / categories;
            Shape matrix = new Shape(rows, categories);
            boolean alreadyMatrix = shape.equals(matrix);
            // [..., K] -> [rows, K] (a view); the chunks below read detached views of it.
            NDArray a = alreadyMatrix ? logitsP : logitsP.reshape(matrix);
            NDArray b = alreadyMatrix ? logitsQ : logitsQ.reshape(matrix);
            NDArray detachedA = a.stopGradient();
            NDArray detachedB = b.stopGradient();
            // One allocation per gradient (large, so the allocator maps it separately and the chunk
            // temporaries below reuse their own memory instead of fragmenting the heap). Both are formed:
            // DJL cannot tell whether a non-leaf input (a model's output) needs a gradient, but autograd
            // keeps only the one whose input does and the other is freed on return.
            NDArray gradA = a.getManager().create(matrix, a.getDataType());
            NDArray gradB = b.getManager().create(matrix, b.getDataType());
            // Every chunk writes into these preallocated arrays, so nothing small outlives a chunk and
            // the temporaries of one chunk reuse the memory of the previous one.
            NDArray kl = a.getManager().create(new Shape(rows), a.getDataType());
            boolean masked = rows > 0 && (kernel != null && javaKernelApplies(a, b)
                    ? klRowsInJava(kernel, threads, detachedA, detachedB, gradA, gradB, kl)
                    : klRowsInLibtorch(detachedA, detachedB, gradA, gradB, kl));
            // Autograd sees KL + Σ x·g − stopGradient(Σ x·g): value KL, gradient g; it keeps only g.
            if (shape.size() <= SMALL_INPUT_ELEMENTS) {
                // Small inputs (a distillation batch of [128 × 10]): each operation's fixed cost dominates,
                // so both dot products are plain products and sums and share one surrogate.
                NDArray dots = finiteLogits(a, masked).mul(gradA).sum(new int[] {-1})
                        .add(finiteLogits(b, masked).mul(gradB).sum(new int[] {-1}));
                kl = kl.add(dots.sub(dots.stopGradient()));
            } else {
                kl = kl.add(linearSurrogate(a, gradA, masked)).add(linearSurrogate(b, gradB, masked));
            }
            return alreadyMatrix ? kl : kl.reshape(shape.slice(0, shape.dimension() - 1));
        });
    }

    /**
     * The Java kernel applies to contiguous-able float32 PyTorch arrays on the CPU, whose memory
     * {@code toByteBuffer(true)} exposes directly; other engines, devices and types take the libtorch path.
     */
    private static boolean javaKernelApplies(NDArray a, NDArray b) {
        return a.getDataType() == DataType.FLOAT32 && b.getDataType() == DataType.FLOAT32
                && a.getDevice().equals(Device.cpu()) && b.getDevice().equals(Device.cpu())
                && !a.isSparse() && !b.isSparse()
                && "PyTorch".equals(a.getManager().getEngine().getEngineName())
                && "PyTorch".equals(b.getManager().getEngine().getEngineName())
                && a.getShape().get(a.getShape().dimension() - 1) <= Integer.MAX_VALUE / Float.BYTES;
    }

    /**
     * {@return as many threads as libtorch uses for its operations} ({@code ai.djl.pytorch.num_threads},
     * else all processors), so that limiting libtorch's threads also limits the Java kernel's
     */
    private static int javaKernelThreads() {
        return Math.max(1, Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Elements per block of rows of the Java kernel (1 MiB of float32 per input; a block holds at least
     * one row, and its direct buffers stay below their 2 GiB limit).
     */
    private static final long JAVA_BLOCK_ELEMENTS = 1L << 18;

    /**
     * The per-row work in Java: blocks of rows, each read and written through direct buffers on the
     * arrays' memory, dealt round-robin to {@code threads} threads (this one and tasks of the common
     * fork-join pool). Returns true if some logit is not finite.
     */
    private static boolean klRowsInJava(LogitsKlKernel kernel, int requestedThreads, NDArray a, NDArray b,
            NDArray gradA, NDArray gradB, NDArray kl) {
        long rows = a.getShape().get(0);
        int categories = Math.toIntExact(a.getShape().get(1));
        long blockRows = Math.max(1, JAVA_BLOCK_ELEMENTS / categories);
        List<Runnable> blocks = new ArrayList<>();
        boolean[] masked = new boolean[Math.toIntExact((rows + blockRows - 1) / blockRows)];
        for (long start = 0; start < rows; start += blockRows) {
            NDIndex block = new NDIndex("{}:{}", start, Math.min(rows, start + blockRows));
            // Views of the block (created on this thread, closed with the enclosing scope; the arrays
            // themselves when one block holds every row); direct buffers on their memory (a non-contiguous
            // input is copied by toByteBuffer, inside this scope).
            boolean whole = blockRows >= rows;
            ByteBuffer[] buffers = {
                (whole ? a : a.get(block)).toByteBuffer(true), (whole ? b : b.get(block)).toByteBuffer(true),
                (whole ? gradA : gradA.get(block)).toByteBuffer(true), (whole ? gradB : gradB.get(block)).toByteBuffer(true),
                (whole ? kl : kl.get(block)).toByteBuffer(true)};
            for (ByteBuffer buffer : buffers) {
                buffer.order(ByteOrder.nativeOrder());
            }
            int index = blocks.size();
            blocks.add(() -> masked[index] = kernel.klRows(buffers[0], buffers[1], buffers[2], buffers[3],
                    buffers[4], categories));
        }
        int threads = Math.max(1, Math.min(blocks.size(), requestedThreads));
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int first = t;
            others.add(CompletableFuture.runAsync(() -> runEvery(blocks, first, threads), ForkJoinPool.commonPool()));
        }
        try {
            runEvery(blocks, 0, threads);
        } finally {
            // The buffers point into arrays that the enclosing scope closes: no task may outlive this call.
            CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).join();
        }
        others.forEach(CompletableFuture::join);
        boolean any = false;
        for (boolean m : masked) {
            any |= m;
        }
        return any;
    }

    /** Runs blocks first, first + step, ... */
    private static void runEvery(List<Runnable> blocks, int first, int step) {
        for (int i = first; i < blocks.size(); i += step) {
            blocks.get(i).run();
        }
    }

    /** The per-row work as libtorch operations on row chunks; returns true if some logit is not finite. */
    private static boolean klRowsInLibtorch(NDArray detachedA, NDArray detachedB, NDArray gradA, NDArray gradB,
            NDArray kl) {
        long rows = detachedA.getShape().get(0);
        long categories = detachedA.getShape().get(1);
        // One cheap check for the whole input: without −∞ logits no masks are built.
        boolean masked = hasNonFinite(detachedA) || hasNonFinite(detachedB);
        long chunkRows = Math.max(1, KL_CHUNK_ELEMENTS / categories);
        for (long start = 0; start < rows; start += chunkRows) {
            NDIndex chunk = new NDIndex("{}:{}", start, Math.min(rows, start + chunkRows));
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                KlChunk result = klChunkFromLogits(detachedA.get(chunk), detachedB.get(chunk), masked);
                kl.set(chunk, result.kl());
                gradA.set(chunk, result.gradA());
                gradB.set(chunk, result.gradB());
            }
        }
        return masked;
    }

    /**
     * Inputs of at most this many elements per argument (2<sup>14</sup>, e.g. {@code [128 × 128]}) get the
     * surrogate as products and sums, with fewer operations; larger ones the batched dot products of
     * {@link #linearSurrogate}, which are faster per element.
     */
    private static final long SMALL_INPUT_ELEMENTS = 1L << 14;

    /** Elements per row chunk in {@link #klFromLogits}: 1 MiB of float32 per temporary, cache-sized. */
    private static final long KL_CHUNK_ELEMENTS = 1L << 18;

    /** One chunk's KL per row and its gradients with respect to a and b. */
    private record KlChunk(NDArray kl, NDArray gradA, NDArray gradB) {
    }

    /**
     * KL and its closed-form gradients for one row chunk {@code [r, K]} of detached logits; masks are
     * built only if some logit is −∞.
     */
    private static KlChunk klChunkFromLogits(NDArray a, NDArray b, boolean masked) {
        NDArray logP = a.logSoftmax(-1);
        NDArray logQ = b.logSoftmax(-1);
        NDArray p = logP.exp();
        NDArray logRatio;
        NDArray rowFinite = null;
        if (!masked) {
            logRatio = logP.sub(logQ);
        } else {
            NDArray inP = inSupport(logP);
            NDArray inQ = inSupport(logQ);
            // ln p − ln q only where both are finite, 0 elsewhere (no 0·∞); p = 0 outside P's support.
            logRatio = NDArrays.where(inP.logicalAnd(inQ), logP.sub(logQ), zero(logP));
            // A category in P's support but masked in Q makes the row's KL +∞ (even if p underflows).
            rowFinite = inP.logicalAnd(inQ.logicalNot()).sum(new int[] {-1}).eq(0);
        }
        NDArray kl = p.mul(logRatio).sum(new int[] {-1});
        NDArray gradA = p.mul(logRatio.sub(kl.expandDims(-1)));   // p (ln p − ln q − KL)
        NDArray gradB = logQ.exp().sub(p);                         // q − p
        if (masked) {
            // Rows with KL = +∞ get gradient 0, as selecting +∞ with where gives.
            NDArray rowFiniteFull = rowFinite.expandDims(-1).broadcast(logP.getShape());
            gradA = NDArrays.where(rowFiniteFull, gradA, zero(gradA));
            gradB = NDArrays.where(rowFiniteFull, gradB, zero(gradB));
            kl = NDArrays.where(rowFinite, kl, infinity(kl));
        }
        return new KlChunk(kl, gradA, gradB);
    }

    /**
     * Σ_k x_k·g_k − stopGradient(Σ_k x_k·g_k) per row, as a batched dot product (no [rows, K] product
     * temporary): exactly 0 in value, gradient g with respect to x. With −∞ logits (where g = 0) x is
     * replaced by 0 there first, so that no −∞·0 = NaN appears; so are +∞ and NaN logits (a +∞ in Q's
     * row gives KL = +∞ with g = 0 there, which would otherwise turn into NaN).
     */
    private static NDArray linearSurrogate(NDArray x, NDArray gradient, boolean masked) {
        NDArray finiteX = finiteLogits(x, masked);
        // [N, 1, K] × [N, K, 1] with the second a transposed view of a row-major [N, 1, K]: on this layout
        // libtorch's batched product ran about 5× faster forward and 4× backward than on
        // gradient.expandDims(2) (float32 [1024 × 32768], one thread).
        long rows = x.getShape().get(0);
        long categories = x.getShape().get(1);
        NDArray dot = finiteX.reshape(rows, 1, categories)
                .matMul(gradient.reshape(rows, 1, categories).transpose(0, 2, 1)).reshape(rows);
        return dot.sub(dot.stopGradient());
    }

    /** x with its non-finite entries (where g = 0) replaced by 0 if {@code masked}, else x itself. */
    private static NDArray finiteLogits(NDArray x, boolean masked) {
        return masked ? NDArrays.where(x.gt(Float.NEGATIVE_INFINITY).logicalAnd(x.lt(Float.POSITIVE_INFINITY)),
                x, zero(x)) : x;
    }

    /** Two reductions: true if some entry is −∞ (or +∞ or NaN, unsupported, which also take the masked path). */
    private static boolean hasNonFinite(NDArray x) {
        double min = x.min().toType(DataType.FLOAT64, false).getDouble();
        double max = x.max().toType(DataType.FLOAT64, false).getDouble();
        return !(min > Double.NEGATIVE_INFINITY && max < Double.POSITIVE_INFINITY);
    }

    /**
     * Reverse KL from logits: <b>KL(Q‖P)</b> for the same argument order as
     * {@link #klFromLogits}, that is {@code klFromLogits(logitsQ, logitsP)}.
     * With P the model and Q a target this is the mode-seeking direction (reverse KL in distillation and
     * variational inference); {@link #klFromLogits} is the mass-covering one.
     *
     * @param logitsP logits of P, {@code [..., K]}
     * @param logitsQ logits of Q, same shape
     * @return KL(Q‖P) per batch element, {@code [...]}
     */
    public static NDArray reverseKlFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return klFromLogits(logitsQ, logitsP);
    }

    /**
     * KL(P‖Q) = Σ p·(ln p − ln q) from probabilities, SciPy {@code rel_entr} semantics: p = 0 gives 0,
     * p &gt; 0 with q = 0 gives +∞.
     *
     * @param p probabilities of P, {@code [..., K]}, non-negative, summing to 1 on the last axis
     * @param q probabilities of Q, same shape
     * @return KL(P‖Q) per batch element, {@code [...]}
     */
    public static NDArray kl(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray positive = p.gt(0f);
            // ln of 1 where p = 0: those terms are multiplied by p = 0 and the gradient of ln stays finite.
            NDArray logP = NDArrays.where(positive, p, one(p)).log();
            NDArray logQ = NDArrays.where(positive, q, one(q)).log();
            NDArray kl = p.mul(logP.sub(logQ)).sum(new int[] {-1});
            return kl;
        });
    }

    /**
     * Reverse KL from probabilities: <b>KL(Q‖P)</b> for the same argument order as {@link #kl}, that is
     * {@code kl(q, p)} with each argument checked under its own name (the mode-seeking direction when P
     * is the model). The result belongs to {@code q}'s manager, as {@code kl(q, p)}'s would.
     *
     * @param p probabilities of P, {@code [..., K]}
     * @param q probabilities of Q, same shape
     * @return KL(Q‖P) per batch element, {@code [...]}
     */
    public static NDArray reverseKl(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return kl(q, p);
    }

    /**
     * Shannon entropy H(P) = −Σ p·ln p from logits, p = softmax(a), with 0·ln 0 = 0.
     * Gradient: ∂H/∂a_k = −p_k·(ln p_k + H).
     *
     * @param logits logits, {@code [..., K]}
     * @return H(P) per batch element, {@code [...]}
     */
    public static NDArray entropyFromLogits(NDArray logits) {
        DjlChecks.requireCategoryAxis("logits", logits);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logits.logSoftmax(-1);
            NDArray h = logP.exp().mul(maskOutsideSupport(logP, logP)).sum(new int[] {-1}).neg();
            return h;
        });
    }

    /**
     * Shannon entropy H(P) = −Σ p·ln p from probabilities, 0·ln 0 = 0 (as {@code scipy.stats.entropy}).
     *
     * @param p probabilities, {@code [..., K]}
     * @return H(P) per batch element, {@code [...]}
     */
    public static NDArray entropy(NDArray p) {
        DjlChecks.requireCategoryAxis("p", p);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = NDArrays.where(p.gt(0f), p, one(p)).log();
            NDArray h = p.mul(logP).sum(new int[] {-1}).neg();
            return h;
        });
    }

    /**
     * Jensen–Shannon divergence from logits, P = softmax(a), Q = softmax(b), M = ½(P + Q):
     * <pre>
     *   JS = ½ KL(P‖M) + ½ KL(Q‖M),   ln m = logaddexp(ln p, ln q) − ln 2
     * </pre>
     * computed in log space (ln m = max(ln p, ln q) + softplus(−|ln p − ln q|) − ln 2), so it stays
     * finite and accurate when p or q underflow. 0 ≤ JS ≤ ln 2. This is the divergence, not SciPy's
     * {@code jensenshannon}, which returns its square root.
     *
     * @param logitsP logits of P, {@code [..., K]}
     * @param logitsQ logits of Q, same shape
     * @return JS(P, Q) in nats per batch element, {@code [...]}
     */
    public static NDArray jsFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray logP = logitsP.logSoftmax(-1);
            NDArray logQ = logitsQ.logSoftmax(-1);
            NDArray p = logP.exp();
            NDArray q = logQ.exp();
            // ln p − ln q is NaN for a category masked in both (−∞ − −∞). Replace it by 0 before abs:
            // the category's terms are masked below anyway, and no NaN may reach the gradient.
            NDArray gap = logP.sub(logQ);
            NDArray finiteGap = NDArrays.where(gap.isNaN().logicalNot(), gap, zero(gap));
            NDArray twiceLogMix = logP.maximum(logQ).add(Activation.softPlus(finiteGap.abs().neg()));
            NDArray logM = twiceLogMix.sub(DjlScalars.of(twiceLogMix, LN_2)); // engine-owned ln 2 (DjlScalars)
            NDArray fromP = p.mul(maskOutsideSupport(logP, logP.sub(logM))).sum(new int[] {-1});
            NDArray fromQ = q.mul(maskOutsideSupport(logQ, logQ.sub(logM))).sum(new int[] {-1});
            NDArray sum = fromP.add(fromQ);
            return sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½, kept by autograd (DjlScalars)
        });
    }

    /**
     * Jensen–Shannon divergence from probabilities, JS = ½Σ p·ln(p/m) + ½Σ q·ln(q/m), m = ½(p + q),
     * with 0·ln 0 = 0. Always finite, 0 ≤ JS ≤ ln 2.
     *
     * @param p probabilities of P, {@code [..., K]}
     * @param q probabilities of Q, same shape
     * @return JS(P, Q) in nats per batch element, {@code [...]}
     */
    public static NDArray js(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray sum = p.add(q);
            NDArray m = sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½ (DjlScalars)
            NDArray js = halfRelativeEntropyToMixture(p, m).add(halfRelativeEntropyToMixture(q, m));
            return js;
        });
    }

    /**
     * Total variation distance TV(P, Q) = ½ Σ |p − q| from probabilities, in [0, 1]; the same value as
     * {@code DiscreteDivergences.tv} and {@code 0.5 * scipy.spatial.distance.cityblock(p, q)}. The gradient
     * is ½·sign(p − q) with sign(0) = 0, as PyTorch's {@code abs} (a subgradient where p = q).
     *
     * @param p probabilities of P, {@code [..., K]}
     * @param q probabilities of Q, same shape
     * @return TV(P, Q) per batch element, {@code [...]}
     */
    public static NDArray tv(NDArray p, NDArray q) {
        checkPair("p", p, "q", q);
        return DjlScopes.withIntermediatesClosed(() -> halfL1(p.sub(q)));
    }

    /**
     * Total variation distance of P = softmax(a) and Q = softmax(b), ½ Σ |p − q|; a −∞ logit gives its
     * category probability 0. Always finite, in [0, 1].
     *
     * @param logitsP logits of P, {@code [..., K]}
     * @param logitsQ logits of Q, same shape
     * @return TV(P, Q) per batch element, {@code [...]}
     */
    public static NDArray tvFromLogits(NDArray logitsP, NDArray logitsQ) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        return DjlScopes.withIntermediatesClosed(() -> halfL1(logitsP.softmax(-1).sub(logitsQ.softmax(-1))));
    }

    /** ½ Σ |gap| over the last axis. */
    private static NDArray halfL1(NDArray gap) {
        NDArray sum = gap.abs().sum(new int[] {-1});
        return sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½ (DjlScalars)
    }

    /**
     * The decoupled KL of Zhao, Cui, Song, Qiu and Liang (2022, "Decoupled Knowledge Distillation", §3.1)
     * from logits, P = softmax(a), Q = softmax(b), with y the class where {@code target} is true:
     * <pre>
     *   TCKD = KL( (p_y, 1 − p_y) ‖ (q_y, 1 − q_y) )        the target class against the rest
     *   NCKD = KL( p̂ ‖ q̂ ),  p̂_c = p_c / (1 − p_y) for c ≠ y    the distribution among the other classes
     *   D    = α·TCKD + β·NCKD
     * </pre>
     * computed through the paper's identity KL(P‖Q) = TCKD + (1 − p_y)·NCKD as
     * D = Σ_c α·p_c (ln p_c − ln q_c) + w·Σ_{c≠y} p̂_c (ln p̂_c − ln q̂_c) with w = β − α + α·p_y, where
     * ln p̂ and ln q̂ are log-softmaxes over the classes c ≠ y (the target's logit set to −∞): no
     * probability is subtracted from 1 and ln(1 − p_y) is never formed. A category outside P's support (p_c = 0, a −∞ logit)
     * adds 0; one inside P's support and outside Q's gives +∞, as {@link #klFromLogits}. The result is an
     * ordinary autograd graph of a few small operations, meant for the class counts of classification,
     * not for vocabulary-scale rows (there use {@link #klFromLogits}).
     *
     * @param logitsP logits a of P (the teacher in distillation), {@code [..., K]}
     * @param logitsQ logits b of Q, same shape
     * @param target  boolean, same shape, true at exactly one class y of each row (not checked: a row with
     *                none or several is not a decoupled KL)
     * @param alpha   weight of TCKD, finite, ≥ 0
     * @param beta    weight of NCKD, finite, ≥ 0
     * @return α·TCKD + β·NCKD per batch element, {@code [...]}
     */
    public static NDArray decoupledKlFromLogits(NDArray logitsP, NDArray logitsQ, NDArray target, float alpha,
            float beta) {
        checkPair("logitsP", logitsP, "logitsQ", logitsQ);
        DjlChecks.requireSameShape("logitsP", logitsP, "target", target);
        if (target.getDataType() != DataType.BOOLEAN) {
            throw ArgumentChecks.invalid("target", "target must be a boolean array, not "
                    + target.getDataType());
        }
        ArgumentChecks.nonNegative("alpha", alpha);
        ArgumentChecks.nonNegative("beta", beta);
        return DjlScopes.withIntermediatesClosed(() -> {
            NDArray nonTarget = target.logicalNot();
            NDArray minusInfinity = DjlScalars.of(logitsP, Float.NEGATIVE_INFINITY); // engine-owned (DjlScalars)
            NDArray logP = logitsP.logSoftmax(-1);
            NDArray logQ = logitsQ.logSoftmax(-1);
            // ln p̂, ln q̂: log-softmax over c ≠ y; −∞ at y, where p̂_y = 0 masks the term below.
            NDArray logPHat = NDArrays.where(nonTarget, logitsP, minusInfinity).logSoftmax(-1);
            NDArray logQHat = NDArrays.where(nonTarget, logitsQ, minusInfinity).logSoftmax(-1);
            NDArray p = logP.exp();
            NDArray pTarget = NDArrays.where(target, p, zero(p)).sum(new int[] {-1});
            NDArray w = pTarget.mul(DjlScalars.of(p, alpha)).add(DjlScalars.of(p, beta - alpha)); // β − α + α·p_y
            NDArray all = p.mul(maskOutsideSupport(logP, logP.sub(logQ))).sum(new int[] {-1});
            NDArray rest = logPHat.exp().mul(maskOutsideSupport(logPHat, logPHat.sub(logQHat)))
                    .sum(new int[] {-1}).mul(w);
            return all.mul(DjlScalars.of(all, alpha)).add(rest); // engine-owned α (DjlScalars)
        });
    }

    /** ½ Σ x·ln(x/m) with 0 where x = 0 (m ≥ x/2 &gt; 0 wherever x &gt; 0). */
    private static NDArray halfRelativeEntropyToMixture(NDArray x, NDArray m) {
        NDArray positive = x.gt(0f);
        NDArray logX = NDArrays.where(positive, x, one(x)).log();
        NDArray logM = NDArrays.where(positive, m, one(m)).log();
        NDArray sum = x.mul(logX.sub(logM)).sum(new int[] {-1});
        return sum.mul(DjlScalars.of(sum, 0.5f)); // engine-owned ½ (DjlScalars)
    }

    /** True where ln p &gt; −∞: the category is in the distribution's support (p &gt; 0 in exact arithmetic). */
    private static NDArray inSupport(NDArray logProbs) {
        return logProbs.gt(Float.NEGATIVE_INFINITY);
    }

    /**
     * {@code values} where ln p &gt; −∞, else exactly 0: the term p·value is then 0 and so is its gradient.
     * (DJL's {@code where} broadcasts only its last argument, so the full-shape array comes first.)
     */
    private static NDArray maskOutsideSupport(NDArray logProbs, NDArray values) {
        return NDArrays.where(inSupport(logProbs), values, zero(values));
    }

    private static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType());
    }

    private static NDArray infinity(NDArray like) {
        return like.getManager().full(new Shape(), Float.POSITIVE_INFINITY, like.getDataType());
    }

    private static NDArray one(NDArray like) {
        return like.getManager().ones(new Shape(), like.getDataType());
    }

    private static void checkPair(String nameA, NDArray a, String nameB, NDArray b) {
        DjlChecks.requireCategoryAxis(nameA, a);
        DjlChecks.requireSameShape(nameA, a, nameB, b);
    }
}
