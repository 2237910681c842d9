package dev.kl4j.ppo.env;

/**
 * The set of valid observations or actions of an {@link Environment}, as Gymnasium's
 * {@code gymnasium.spaces}: either a finite set of indices ({@link Discrete}) or a box of real vectors
 * ({@link Box}).
 */
public sealed interface Space permits Discrete, Box {}
