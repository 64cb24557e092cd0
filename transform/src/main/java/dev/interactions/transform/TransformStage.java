package dev.interactions.transform;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.transform.reference.ReferenceCsv;
import dev.interactions.transform.reference.ReferenceData;

/** The transform stage: loads the reference data, then bronze to silver and gold. */
public final class TransformStage extends Stage {
  public TransformStage() {
    super("transform", 20);
  }

  @Override
  public StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request) {
    ReferenceData data = ReferenceCsv.load(request.reference(),
        warehouse.spark().sparkContext().hadoopConfiguration());
    return StageReport.complete(name(),
        new TransformJob(warehouse, run).run(data, request.settings(), request.reference()));
  }
}
