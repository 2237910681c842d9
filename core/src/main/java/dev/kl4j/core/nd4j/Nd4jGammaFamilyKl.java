package dev.kl4j.core.nd4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Digamma;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Closed-form KL divergences that need the digamma function ψ and ln Γ, on ND4J arrays, through ND4J's
 * {@code Digamma} and {@code Lgamma} custom ops. The formulas are those of PyTorch's
 * {@code torch.distributions.kl} registry. Gamma and Beta work elementwise on arrays of any shape
 * (all four arguments the same shape); Dirichlet works on rows.
 *
 * <pre>
 *   Gamma(α, rate β):  KL = (αp − αq)ψ(αp) − ln Γ(αp) + ln Γ(αq) + αq(ln βp − ln βq) + αp(βq − βp)/βp
 *   Beta(a, b):        KL = ln B(aq, bq) − ln B(ap, bp) + (ap − aq)ψ(ap) + (bp − bq)ψ(bp)
 *                           + (aq − ap + bq − bp)ψ(ap + bp),      ln B(a, b) = ln Γa + ln Γb − ln Γ(a + b)
 *   Dirichlet(α):      KL = ln Γ(α0) − Σ ln Γ(αi) − ln Γ(β0) + Σ ln Γ(βi) + Σ (αi − βi)(ψ(αi) − ψ(α0)),
 *                      α = P's concentrations, β = Q's, α0 = Σ αi, β0 = Σ βi
 * </pre>
 * All parameters must be finite and &gt; 0 (else an error naming the argument).
 */
public final class Nd4jGammaFamilyKl {
    private Nd4jGammaFamilyKl() {
    }

    /**
     * KL(Gamma(αp, βp) ‖ Gamma(αq, βq)), shape–rate parameterisation, elementwise, in nats: the Gamma row of
     * the class comment (PyTorch {@code _kl_gamma_gamma}).
     *
     * @param concentrationP αp
     * @param rateP          βp
     * @param concentrationQ αq
     * @param rateQ          βq
     * @return elementwise KL, same shape as the inputs
     */
    public static INDArray gamma(INDArray concentrationP, INDArray rateP, INDArray concentrationQ, INDArray rateQ) {
        requireParameters(new String[] {"concentrationP", "rateP", "concentrationQ", "rateQ"},
                concentrationP, rateP, concentrationQ, rateQ);
        INDArray shapeTerm = concentrationP.sub(concentrationQ).muli(digamma(concentrationP));
        INDArray lgammaTerm = lgamma(concentrationQ).subi(lgamma(concentrationP));
        INDArray rateTerm = Transforms.log(rateP.div(rateQ), false).muli(concentrationQ);
        INDArray meanTerm = rateQ.sub(rateP).muli(concentrationP).divi(rateP);
        return shapeTerm.addi(lgammaTerm).addi(rateTerm).addi(meanTerm);
    }

    /**
     * KL(Beta(ap, bp) ‖ Beta(aq, bq)), elementwise, in nats; a = concentration1 (α), b = concentration0 (β):
     * the Beta row of the class comment (PyTorch {@code _kl_beta_beta}).
     *
     * @param concentration1P ap
     * @param concentration0P bp
     * @param concentration1Q aq
     * @param concentration0Q bq
     * @return elementwise KL, same shape as the inputs
     */
    public static INDArray beta(INDArray concentration1P, INDArray concentration0P,
                                INDArray concentration1Q, INDArray concentration0Q) {
        requireParameters(new String[] {"concentration1P", "concentration0P", "concentration1Q", "concentration0Q"},
                concentration1P, concentration0P, concentration1Q, concentration0Q);
        INDArray sumP = concentration1P.add(concentration0P);
        INDArray logBetaQMinusP = logBeta(concentration1Q, concentration0Q)
                .subi(logBeta(concentration1P, concentration0P));
        INDArray t1 = concentration1P.sub(concentration1Q).muli(digamma(concentration1P));
        INDArray t0 = concentration0P.sub(concentration0Q).muli(digamma(concentration0P));
        INDArray tSum = concentration1Q.sub(concentration1P).addi(concentration0Q).subi(concentration0P)
                .muli(digamma(sumP));
        return logBetaQMinusP.addi(t1).addi(t0).addi(tSum);
    }

    /**
     * KL(Dir(α) ‖ Dir(β)) per row, in nats: the Dirichlet row of the class comment (PyTorch
     * {@code _kl_dirichlet_dirichlet}).
     *
     * @param concentrationP α, {@code [B, K]}
     * @param concentrationQ β, {@code [B, K]}
     * @return {@code [B]}
     */
    public static INDArray dirichlet(INDArray concentrationP, INDArray concentrationQ) {
        Nd4jChecks.requireRank("concentrationP", concentrationP, 2, "[batch, categories] matrix");
        Nd4jChecks.requireSameShape("concentrationP", concentrationP, "concentrationQ", concentrationQ);
        Nd4jChecks.requirePositive("concentrationP", concentrationP);
        Nd4jChecks.requirePositive("concentrationQ", concentrationQ);
        INDArray alpha0 = concentrationP.sum(true, 1);                  // [B, 1]
        INDArray beta0 = concentrationQ.sum(true, 1);
        INDArray normalisers = lgamma(alpha0).subi(lgamma(beta0)).reshape(-1);
        INDArray lgammaSums = lgamma(concentrationQ).subi(lgamma(concentrationP)).sum(1);
        INDArray digammaGap = digamma(concentrationP).subiColumnVector(digamma(alpha0));
        INDArray cross = concentrationP.sub(concentrationQ).muli(digammaGap).sum(1);
        return normalisers.addi(lgammaSums).addi(cross);
    }

    /** ψ(x) elementwise, a new array (ND4J's {@code digamma} op; the input is not modified). */
    static INDArray digamma(INDArray x) {
        return Nd4j.exec(new Digamma(x))[0];
    }

    /** ln Γ(x) elementwise, a new array (ND4J's {@code lgamma} op). */
    static INDArray lgamma(INDArray x) {
        return Nd4j.exec(new Lgamma(x))[0];
    }

    private static INDArray logBeta(INDArray a, INDArray b) {
        return lgamma(a).addi(lgamma(b)).subi(lgamma(a.add(b)));
    }

    private static void requireParameters(String[] names, INDArray... arrays) {
        for (int i = 0; i < arrays.length; i++) {
            Nd4jChecks.requirePositive(names[i], arrays[i]);
            if (i > 0) {
                Nd4jChecks.requireSameShape(names[0], arrays[0], names[i], arrays[i]);
            }
        }
    }
}
