package dev.interactions.core.pipeline;

import java.util.Map;

/**
 * The figures a stage's report gives the run log ({@code bronze.runs}) and the invariants. A
 * report that does not implement it leaves those columns null.
 */
public interface StageCounts {
  /** Resources (ingest) or rows (transform, metrics) read. */
  long inputsRead();

  /** Rows inserted or updated (ingest) or written (transform, metrics). */
  long rowsWritten();

  /** Files or lines quarantined. */
  default long quarantined() {
    return 0;
  }

  /**
   * New rows per table (qualified name) that this stage says it added; the run checks each
   * table grew by exactly that much ("bronze counts reconcile with what was read").
   */
  default Map<String, Long> rowsAdded() {
    return Map.of();
  }
}
