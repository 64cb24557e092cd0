package dev.interactions.ingest.files;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.Stage;
import dev.interactions.core.pipeline.StageReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest stage of a whole run: the files source, from the request's input folder. */
public final class FilesIngestStage extends Stage {
  private static final Logger LOG = LoggerFactory.getLogger(FilesIngestStage.class);

  public FilesIngestStage() {
    super("ingest", 10);
  }

  @Override
  public StageReport run(Warehouse warehouse, PipelineRequest request) {
    RunContext run = RunContext.start();
    LOG.info("ingest run {} from {}", run.runId(), request.input());
    FilesIngest.Report report = new FilesIngest(warehouse, run).ingest(request.input());
    return StageReport.complete(name(), report);
  }
}
