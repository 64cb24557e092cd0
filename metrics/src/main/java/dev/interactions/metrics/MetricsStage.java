package dev.interactions.metrics;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;

/** The metrics stage: the gold metric tables as of the request's T. */
public final class MetricsStage extends Stage {
  public MetricsStage() {
    super("metrics", 30);
  }

  @Override
  public StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request) {
    return StageReport.complete(name(),
        new MetricsJob(warehouse, run).run(request.asOf(), request.windowDays(), request.exportParquet(),
            request.full()));
  }
}
