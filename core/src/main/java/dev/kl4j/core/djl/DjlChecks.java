package dev.kl4j.core.djl;

import ai.djl.ndarray.NDArray;
import dev.kl4j.core.InvalidArgumentException;

/** Argument checks shared by the DJL front end; each names the offending argument. */
final class DjlChecks {
    private DjlChecks() {
    }

    static void requireSameShape(String nameA, NDArray a, String nameB, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            throw new InvalidArgumentException(nameB, nameB + " has shape " + b.getShape()
                    + " but " + nameA + " has shape " + a.getShape() + "; they must match");
        }
    }

    /** Distributions live on the last axis, so a scalar (rank 0) or an empty last axis is unusable. */
    static void requireCategoryAxis(String name, NDArray a) {
        if (a.getShape().dimension() == 0) {
            throw new InvalidArgumentException(name, name + " is a scalar; it needs a last axis of categories");
        }
        if (a.getShape().get(a.getShape().dimension() - 1) == 0) {
            throw new InvalidArgumentException(name, name + " has shape " + a.getShape()
                    + "; its last axis (the categories) is empty");
        }
    }
}
