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
}
