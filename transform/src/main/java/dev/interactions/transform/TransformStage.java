package dev.interactions.transform;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.transform.reference.ReferenceCsv;
import dev.interactions.transform.reference.ReferenceData;
import dev.interactions.transform.reference.ReferenceJdbc;

/** The transform stage: loads the reference data (CSV folder or JDBC), then bronze to silver and gold. */
public final class TransformStage extends Stage {
  public TransformStage() {
    super("transform", 20);
  }

  @Override
  public StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request) {
    String reference = request.reference();
    boolean jdbc = ReferenceJdbc.isJdbcUrl(reference);
    ReferenceData data = jdbc
        ? ReferenceJdbc.load(warehouse.spark(), reference, request.referenceSettings(), System.getenv())
        : ReferenceCsv.load(reference, warehouse.spark().sparkContext().hadoopConfiguration());
    return StageReport.complete(name(), new TransformJob(warehouse, run).run(data, request.settings(),
        jdbc ? ReferenceJdbc.redactedUrl(reference) : reference, request.full()));
  }
}
