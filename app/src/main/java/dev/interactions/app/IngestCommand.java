package dev.interactions.app;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.files.FilesIngest;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Land raw Gmail and Calendar resources into the bronze tables.")
final class IngestCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(IngestCommand.class);

  enum Source { files, google }

  @Mixin Verbosity verbosity;

  @Option(names = "--source", required = true, description = "files or google.")
  Source source;

  @Option(names = "--input", description = "files source: folder with gmail/<mailbox>/ and calendar/<mailbox>/.")
  String input;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String warehouse;

  @Override
  public Integer call() {
    if (source == Source.google) {
      throw new IllegalArgumentException("--source google is not available in this build yet; use --source files");
    }
    if (input == null) {
      throw new IllegalArgumentException("--source files needs --input DIR");
    }
    Cli.requireFolder(input, "input folder");
    FilesIngest.Report report = ingestFiles(Cli.openWarehouse(warehouse, false), input);
    for (FilesIngest.SourceReport s : report.sources()) {
      System.out.printf("%s: %d files, %d mailboxes, %d resources read, %d new, %d updated, %d quarantined%n",
          s.source(), s.files(), s.mailboxes(), s.resources(), s.landed().inserted(), s.landed().updated(),
          s.quarantined());
    }
    if (report.quarantined() > 0) {
      // Quarantine is a count, not a failure: the rest landed.
      System.err.printf("interactions: %d records quarantined (see bronze.quarantine); the rest landed%n",
          report.quarantined());
    }
    return 0;
  }

  static FilesIngest.Report ingestFiles(Warehouse wh, String input) {
    RunContext run = RunContext.start();
    LOG.info("ingest run {} from {}", run.runId(), input);
    return new FilesIngest(wh, run).ingest(input);
  }
}
