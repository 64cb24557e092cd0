package dev.interactions.core.pipeline;

/**
 * What a stage did. {@code PARTIAL} means a source failed for some mailboxes while the others
 * landed (the CLI exits 3); quarantined input is not partial, it is counted in the details.
 */
public record StageReport(String stage, Outcome outcome, Object details) {
  public enum Outcome { COMPLETE, PARTIAL }

  public static StageReport complete(String stage, Object details) {
    return new StageReport(stage, Outcome.COMPLETE, details);
  }

  public boolean partial() {
    return outcome == Outcome.PARTIAL;
  }

  /** The stage's own report, e.g. {@code TransformJob.Report}. */
  public <T> T details(Class<T> type) {
    return type.cast(details);
  }
}
