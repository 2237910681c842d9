package dev.kl4j.examples.distillation.text;

import dev.kl4j.core.InvalidArgumentException;
import dev.kl4j.distillation.loss.DistillationLoss;
import dev.kl4j.distillation.loss.DistillationLosses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --loss} names of {@code kl4j distill-text}: {@code none} (the data alone) and the divergences D to
 * the teacher, each at temperature 1 with its paper's default weight (GJSD β = 0.5, skew α = 0.1).
 */
public enum TextLoss {
    /** Cross-entropy on the data alone. */
    NONE,
    /** KL(teacher ‖ student). */
    FKL,
    /** KL(student ‖ teacher). */
    RKL,
    /** Generalized JSD, β = 0.5. */
    GJSD,
    /** Skew KL, α = 0.1. */
    SKL;

    /** @return the flag's name */
    public String flag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return D, or null for {@link #NONE} */
    public DistillationLoss divergence() {
        return switch (this) {
            case NONE -> null;
            case FKL -> DistillationLosses.forwardKl();
            case RKL -> DistillationLosses.reverseKl();
            case GJSD -> DistillationLosses.generalizedJsd();
            case SKL -> DistillationLosses.skewKl();
        };
    }

    /**
     * @param text comma-separated names, or {@code all}
     * @return the losses, in the order given, without repeats
     */
    public static List<TextLoss> parse(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return List.of(values());
        }
        List<TextLoss> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            TextLoss loss = Arrays.stream(values()).filter(c -> c.flag().equals(name)).findFirst()
                    .orElseThrow(() -> new InvalidArgumentException("loss", "unknown loss '" + name
                            + "'; use none, fkl, rkl, gjsd, skl or all"));
            if (!out.contains(loss)) {
                out.add(loss);
            }
        }
        return out;
    }
}
