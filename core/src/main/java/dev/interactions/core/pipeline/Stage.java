package dev.interactions.core.pipeline;

import dev.interactions.core.catalog.Warehouse;

/**
 * One stage of the nightly run (ingest, transform, metrics): reads, runs its pure steps, writes.
 * Each stage module registers its stage with {@link java.util.ServiceLoader}, so the CLI and the
 * tests of any module run the same stages without depending on every module.
 */
public interface Stage {
  /** The stage's name, as on the command line: {@code ingest}, {@code transform}, {@code metrics}. */
  String name();

  /** Position in the run: stages run in ascending order. */
  int order();

  StageReport run(Warehouse warehouse, PipelineRequest request);
}
