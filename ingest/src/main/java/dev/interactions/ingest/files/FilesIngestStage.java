package dev.interactions.ingest.files;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;

/** The ingest stage of a whole run: the files source, from the request's input folder. */
public final class FilesIngestStage extends Stage {
  public FilesIngestStage() {
    super("ingest", 10);
  }

  @Override
  public StageReport run(Warehouse warehouse, RunContext run, PipelineRequest request) {
    return StageReport.complete(name(), new FilesIngest(warehouse, run).ingest(request.input()));
  }
}
