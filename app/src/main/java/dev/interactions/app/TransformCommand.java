package dev.interactions.app;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.Pipeline;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.RunLock;
import dev.interactions.transform.TransformJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Bronze to silver and gold: decide, attribute and thread every email and meeting.")
final class TransformCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Option(names = "--full", description = "Recompute every email and meeting from the whole of bronze. Without it, a "
      + "run with the settings and reference data of the last one recomputes only what bronze changed since.")
  boolean full;

  @ArgGroup(exclusive = false, heading = "Attribution settings%n")
  TransformOptions options = new TransformOptions();

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings();
    String reference = options.reference();
    TransformJob.Report report;
    try (RunLock lock = warehouse.lock("transform")) {
      Warehouse wh = warehouse.open();
      PipelineRequest request = PipelineRequest.of(null, reference, settings, null)
          .withReferenceSettings(options.referenceSettings())
          .withFull(full);
      report = Pipeline.report(Pipeline.discover().only("transform").run(wh, request), "transform")
          .details(TransformJob.Report.class);
    }
    System.out.println(report.mode().equals("incremental")
        ? "incremental: " + report.changedMessages() + " messages changed since the last transform"
        : "full: every message recomputed");
    System.out.printf("emails: %d messages, %d synced; meetings: %d, %d synced; %d interactions; %d reference warnings%n",
        report.messages(), report.syncedMessages(), report.meetings(), report.syncedMeetings(),
        report.interactions(), report.warnings().size());
    return 0;
  }
}
