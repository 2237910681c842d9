package dev.kl4j.examples.distillation;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --loss} names of {@code kl4j distill} and the loss each stands for, given the command's
 * temperature T and weight α:
 * <ul>
 *   <li>{@code none}: cross-entropy on hard labels alone (the scratch student);</li>
 *   <li>{@code hinton}: α·T²·KL(p_T‖p_S) + (1−α)·CE at temperature T;</li>
 *   <li>{@code fkl}, {@code rkl}, {@code gjsd} (β = 0.5), {@code skl}, {@code srkl} (skew 0.1), {@code tv}:
 *       α·D + (1−α)·CE with D at temperature 1, the setting of the sequence-distillation papers they come
 *       from (so {@code fkl} is Hinton's loss at T = 1);</li>
 *   <li>{@code dkd}: CE + 1·TCKD + 8·NCKD at temperature T (Decoupled KD's own weights).</li>
 * </ul>
 */
public enum LossChoice {
    /** {@code none}: CE(s, y) on the hard labels alone, no teacher (the scratch student). */
    NONE,
    /** {@code hinton}: α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1−α)·CE(s, y) (Hinton et al. 2015). */
    HINTON,
    /** {@code fkl}: α·KL(p ‖ q) + (1−α)·CE, forward KL at T = 1 (p teacher, q student). */
    FKL,
    /** {@code rkl}: α·KL(q ‖ p) + (1−α)·CE, reverse KL at T = 1 (mode seeking; MiniLLM, Gu et al. 2024). */
    RKL,
    /**
     * {@code gjsd}: α·[β·KL(p ‖ M) + (1−β)·KL(q ‖ M)] + (1−α)·CE, M = βp + (1−β)q, β = 0.5 (GKD, Agarwal et al.
     * 2024).
     */
    GJSD,
    /** {@code skl}: α·KL(p ‖ 0.1·p + 0.9·q) + (1−α)·CE, skew KL with skew 0.1 (DistiLLM, Ko et al. 2024). */
    SKL,
    /** {@code srkl}: α·KL(q ‖ 0.9·p + 0.1·q) + (1−α)·CE, skew reverse KL with skew 0.1 (DistiLLM, Ko et al. 2024). */
    SRKL,
    /** {@code tv}: α·½Σ|p − q| + (1−α)·CE, total variation at T = 1. */
    TV,
    /** {@code dkd}: CE + 1·TCKD + 8·NCKD at temperature T (Decoupled KD, Zhao et al. 2022, its own weights). */
    DKD;

    /** {@return the flag value} */
    String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    DistillationLoss create(float temperature, float alpha) {
        return switch (this) {
            case NONE -> DistillationLosses.hardLabels();
            case HINTON -> DistillationLosses.hinton(temperature, alpha);
            case FKL -> DistillationLosses.withHardLabels(DistillationLosses.forwardKl(), alpha);
            case RKL -> DistillationLosses.withHardLabels(DistillationLosses.reverseKl(), alpha);
            case GJSD -> DistillationLosses.withHardLabels(DistillationLosses.generalizedJsd(), alpha);
            case SKL -> DistillationLosses.withHardLabels(DistillationLosses.skewKl(), alpha);
            case SRKL -> DistillationLosses.withHardLabels(DistillationLosses.skewReverseKl(), alpha);
            case TV -> DistillationLosses.withHardLabels(DistillationLosses.totalVariation(), alpha);
            case DKD -> DistillationLosses.decoupledKd(1f, 8f, temperature);
        };
    }

    /**
     * {@return the losses, {@code all} = every one with {@code none} first}
     *
     * @param text a comma-separated list of names, or {@code all}
     */
    static List<LossChoice> parse(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<LossChoice> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            LossChoice choice = Arrays.stream(values()).filter(c -> c.flag().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidArgumentException("loss", "unknown loss '" + name
                            + "'; use none, hinton, fkl, rkl, gjsd, skl, srkl, tv, dkd or all"));
            if (!out.contains(choice)) {
                out.add(choice);
            }
        }
        return out;
    }
}
