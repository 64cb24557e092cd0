package dev.interactions.app;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.transform.TransformJob;
import dev.interactions.transform.reference.ReferenceCsv;
import dev.interactions.transform.reference.ReferenceData;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Bronze to silver and gold: decide, attribute and thread every email and meeting.")
final class TransformCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(TransformCommand.class);

  @Mixin Verbosity verbosity;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String warehouse;

  @ArgGroup(exclusive = false, heading = "Attribution settings%n")
  TransformOptions options = new TransformOptions();

  @Override
  public Integer call() throws Exception {
    Settings settings = options.settings();
    String reference = options.reference();
    Warehouse wh = Cli.openWarehouse(warehouse, true);
    TransformJob.Report report = transform(wh, reference, settings);
    System.out.printf("emails: %d messages, %d synced; meetings: %d, %d synced; %d interactions; %d reference warnings%n",
        report.messages(), report.syncedMessages(), report.meetings(), report.syncedMeetings(),
        report.interactions(), report.warnings().size());
    return 0;
  }

  static TransformJob.Report transform(Warehouse wh, String reference, Settings settings) {
    ReferenceData data = ReferenceCsv.load(reference, wh.spark().sparkContext().hadoopConfiguration());
    RunContext run = RunContext.start();
    LOG.info("transform run {} (sync to {}, third-party senders {})", run.runId(), settings.syncTo().label(),
        settings.includeThirdPartySenders() ? "included" : "excluded");
    return new TransformJob(wh, run).run(data, settings, reference);
  }
}
