package dev.interactions.core.pipeline;

/** A broken invariant: the stage fails, naming the invariant and one example key. */
public final class InvariantViolation extends IllegalStateException {
  private final String invariant;

  public InvariantViolation(String invariant, String detail) {
    super("invariant '" + invariant + "' broken: " + detail);
    this.invariant = invariant;
  }

  public String invariant() {
    return invariant;
  }
}
