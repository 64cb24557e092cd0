package dev.interactions.core.pipeline;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;

/**
 * One stage of the nightly run (ingest, transform, metrics): reads, runs its pure steps, writes.
 * Each stage module registers its stage with {@link java.util.ServiceLoader}, so the CLI and the
 * tests of any module run the same stages without depending on every module.
 */
public abstract class Stage {
  private final String name;
  private final int order;

  /**
   * @param name as on the command line: {@code ingest}, {@code transform}, {@code metrics}
   * @param order position in the run: stages run in ascending order
   */
  protected Stage(String name, int order) {
    this.name = name;
    this.order = order;
  }

  public final String name() {
    return name;
  }

  public final int order() {
    return order;
  }

  /** Runs the stage; {@code run} identifies this run in every row it writes. */
  public abstract StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request);
}
