package dev.interactions.app;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.Pipeline;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.RunLock;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.metrics.MetricsJob;
import dev.interactions.ingest.files.FilesIngest;
import dev.interactions.sample.SampleGenerator;
import dev.interactions.sample.SampleOptions;
import dev.interactions.sample.SampleSummary;
import dev.interactions.transform.TransformJob;
import dev.interactions.transform.reference.ReferenceJdbc;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run every stage. With no options: on a small generated sample (./sample) into ./warehouse.",
        "With --input and --reference: on your own files-source folder and reference CSVs."})
final class RunCommand implements Callable<Integer> {
  // Looked up when used, not held statically: picocli creates every command to parse any one, and
  // a static logger would start the logging system for a usage error (seconds instead of a blink).
  private static Logger log() {
    return LoggerFactory.getLogger(RunCommand.class);
  }

  @Mixin Verbosity verbosity;

  @Option(names = "--sample", defaultValue = "sample", description = "Where the generated sample lives (default: ${DEFAULT-VALUE}); reused when present.")
  Path sample;

  @Option(names = "--input", description = "A files-source folder to ingest instead of the sample.")
  String input;

  @ArgGroup(exclusive = false, heading = "Reference data and attribution settings (with --input)%n")
  TransformOptions options = new TransformOptions();

  @Option(names = "--warehouse", defaultValue = "warehouse", description = "Warehouse root (default: ${DEFAULT-VALUE}).")
  String warehouse;

  @Override
  public Integer call() throws Exception {
    boolean usingSample = input == null;
    if (usingSample && (options.reference != null || options.config != null)) {
      throw new OptionValues.UsageException("--reference and --config go with --input");
    }
    Settings settings = options.settings();
    String reference = usingSample ? sample.resolve("reference").toString() : options.reference();
    if (usingSample) {
      input = sampleInput().toString();
    }
    Cli.requireFolder(input, "input folder");
    if (!ReferenceJdbc.isJdbcUrl(reference)) {
      Cli.requireFolder(reference, "reference folder");
    }

    // The generated sample ends on a fixed day: its metrics are as of that day, not today.
    Instant asOf = usingSample ? SampleOptions.small().end() : Instant.now();
    Warehouse wh;
    List<StageReport> reports;
    try (RunLock lock = Cli.lockWarehouse(warehouse, "run", false)) {
      wh = Cli.openWarehouse(warehouse, false);
      reports = Pipeline.discover().run(wh,
          PipelineRequest.of(input, reference, settings, asOf).withReferenceSettings(options.referenceSettings()));
    }
    FilesIngest.Report ingest = Pipeline.report(reports, "ingest").details(FilesIngest.Report.class);
    TransformJob.Report transform = Pipeline.report(reports, "transform").details(TransformJob.Report.class);
    MetricsJob.Report metrics = Pipeline.report(reports, "metrics").details(MetricsJob.Report.class);
    wh.register();

    System.out.println("interactions run: " + input + " -> " + wh.root());
    for (FilesIngest.SourceReport s : ingest.sources()) {
      System.out.printf("  ingest %-8s %6d resources from %d mailboxes (%d new, %d updated), %d quarantined%n",
          s.source(), s.resources(), s.mailboxes(), s.landed().inserted(), s.landed().updated(), s.quarantined());
    }
    System.out.printf("  bronze   %6d gmail messages, %d calendar events%n",
        wh.read(Tables.GMAIL_MESSAGES).count(), wh.read(Tables.CALENDAR_EVENTS).count());
    System.out.printf("  silver   %6d emails (%d synced), %d meetings (%d synced)%n", transform.messages(),
        transform.syncedMessages(), transform.meetings(), transform.syncedMeetings());
    System.out.printf("  gold     %6d interactions; %d reference-data warnings (silver.reference_warnings)%n",
        transform.interactions(), transform.warnings().size());
    System.out.printf("  metrics  as of %s: %d users, %d customers, %d team members%n", metrics.asOf(),
        metrics.users(), metrics.customers(), metrics.teamMembers());
    System.out.println();
    // Each summary section: a heading and the query behind it.
    String[][] sections = {
        {"Team dashboard (last 30 days):", "SELECT team_member_id, email, emails_30d, meetings_30d FROM gold.team_activity"
            + " ORDER BY emails_30d + meetings_30d DESC, team_member_id"},
        {"Customers with the oldest last interaction:", "SELECT customer_id, name, last_interaction_at,"
            + " last_email_reply_at, next_meeting_at FROM gold.customer_metrics"
            + " ORDER BY last_interaction_at ASC NULLS FIRST, customer_id LIMIT 5"},
        {"Waiting longest for our answer:", "SELECT from_address, subject, opened_at,"
            + " round(waiting_hours, 1) AS waiting_hours FROM gold.awaiting_reply"
            + " ORDER BY waiting_hours DESC, interaction_id LIMIT 5"},
        {"Customers going quiet against their own baseline (trend dropping or dark):", "SELECT customer_id, c.name,"
            + " e.trend, e.activity_30d, round(e.baseline_30d, 1) AS baseline_30d"
            + " FROM gold.customer_engagement e JOIN gold.customer_metrics c USING (customer_id)"
            + " WHERE e.trend IN ('dropping', 'dark') ORDER BY e.activity_30d - e.baseline_30d, customer_id LIMIT 10"}};
    for (int i = 0; i < sections.length; i++) {
      if (i > 0) {
        System.out.println();
      }
      System.out.println(sections[i][0]);
      print(wh, sections[i][1]);
    }
    System.out.println();
    System.out.println("Query it: bin/interactions sql --warehouse " + warehouse + " \"SELECT * FROM gold.interactions\"");
    return reports.stream().anyMatch(StageReport::partial) ? Main.EXIT_PARTIAL : 0;
  }

  /** A small result as an aligned text table. */
  private static void print(Warehouse wh, String sql) {
    org.apache.spark.sql.Dataset<Row> result = wh.spark().sql(sql);
    List<Row> rows = result.collectAsList();
    String[] columns = result.columns();
    int[] width = new int[columns.length];
    List<String[]> cells = new ArrayList<>();
    cells.add(columns);
    for (Row r : rows) {
      String[] line = new String[columns.length];
      for (int i = 0; i < line.length; i++) {
        line[i] = CsvFormat.format(r.get(i));
      }
      cells.add(line);
    }
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    if (rows.isEmpty()) {
      System.out.println("  (none)");
      return;
    }
    for (String[] line : cells) {
      StringBuilder b = new StringBuilder("  ");
      for (int i = 0; i < line.length; i++) {
        b.append(String.format("%-" + (width[i] + 2) + "s", line[i]));
      }
      System.out.println(b.toString().stripTrailing());
    }
  }

  /** The sample's input folder, generated on first use. */
  private Path sampleInput() throws Exception {
    Path in = sample.resolve("input");
    if (Files.isDirectory(in) && Files.isDirectory(sample.resolve("reference"))) {
      log().info("reusing the sample in {}", sample);
      return in;
    }
    SampleSummary s = SampleGenerator.generate(sample, SampleOptions.small());
    log().info("generated a sample of {} messages and {} events in {}", s.messages(), s.events(), sample);
    return in;
  }
}
