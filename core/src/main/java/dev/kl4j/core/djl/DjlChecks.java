package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.ArgumentChecks;
import java.util.Arrays;

/**
 * The DJL front end's argument checks; the rules and wording are {@link ArgumentChecks}'s. Values are not
 * checked here (that would copy every training batch to the host), only shapes.
 */
final class DjlChecks {
    private DjlChecks() {
    }

    static void requireSameShape(String nameA, NDArray a, String nameB, NDArray b) {
        ArgumentChecks.sameShape(nameA, a.getShape().getShape(), nameB, b.getShape().getShape());
    }

    /** Distributions live on the last axis, so a scalar (rank 0) or an empty last axis is unusable. */
    static void requireCategoryAxis(String name, NDArray a) {
        if (a.getShape().dimension() == 0) {
            throw ArgumentChecks.invalid(name, name + " is a scalar; it needs a last axis of categories");
        }
        if (a.getShape().get(a.getShape().dimension() - 1) == 0) {
            throw ArgumentChecks.invalid(name, name + " has shape " + Arrays.toString(a.getShape().getShape())
                    + "; its last axis (the categories) is empty");
        }
    }
}
