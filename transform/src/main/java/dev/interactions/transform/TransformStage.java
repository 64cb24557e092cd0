package dev.interactions.transform;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.transform.reference.ReferenceCsv;
import dev.interactions.transform.reference.ReferenceData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The transform stage: loads the reference data, then bronze to silver and gold. */
public final class TransformStage extends Stage {
  private static final Logger LOG = LoggerFactory.getLogger(TransformStage.class);

  public TransformStage() {
    super("transform", 20);
  }

  @Override
  public StageReport run(Warehouse warehouse, PipelineRequest request) {
    ReferenceData data = ReferenceCsv.load(request.reference(),
        warehouse.spark().sparkContext().hadoopConfiguration());
    RunContext run = RunContext.start();
    LOG.info("transform run {} (sync to {}, third-party senders {})", run.runId(),
        request.settings().syncTo().label(),
        request.settings().includeThirdPartySenders() ? "included" : "excluded");
    TransformJob.Report report = new TransformJob(warehouse, run).run(data, request.settings(), request.reference());
    return StageReport.complete(name(), report);
  }
}
