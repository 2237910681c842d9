package dev.kl4j.ppo.env;

import dev.kl4j.core.InvalidArgumentException;
import java.util.Arrays;

/** The check every environment applies to an action before it steps. */
public final class Actions {

    private Actions() {}

    /**
     * Checks an action against an action space, as Gymnasium's {@code action_space.contains} (for a box,
     * only the dimension and finiteness: values outside the box are clipped by the environment).
     *
     * @param envId  the environment's id, for the message
     * @param space  the action space
     * @param action the action
     * @throws InvalidArgumentException ({@code "action"}) naming the environment and the action: null,
     *     wrong length, NaN or infinite, or for a discrete space not an integer index in {@code 0..n-1}
     */
    public static void check(String envId, Space space, double[] action) {
        String id = envId;
        if (action == null) {
            throw new InvalidArgumentException("action", id + ": action must not be null");
        }
        String shown = Arrays.toString(action);
        if (space instanceof Discrete discrete) {
            if (action.length != 1) {
                throw new InvalidArgumentException("action", id + ": action " + shown
                        + " must be a single index in 0.." + (discrete.n() - 1));
            }
            double a = action[0];
            if (Double.isNaN(a) || a != Math.rint(a) || a < 0 || a >= discrete.n()) {
                throw new InvalidArgumentException("action", id + ": action " + shown
                        + " is not an index in 0.." + (discrete.n() - 1));
            }
        } else if (space instanceof Box box) {
            if (action.length != box.dimension()) {
                throw new InvalidArgumentException("action", id + ": action " + shown + " must have "
                        + box.dimension() + " value" + (box.dimension() == 1 ? "" : "s"));
            }
            for (double a : action) {
                if (!Double.isFinite(a)) {
                    throw new InvalidArgumentException("action", id + ": action " + shown + " must be finite");
                }
            }
        }
    }
}
