package dev.interactions.app;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.metrics.MetricsJob;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Gold metric tables for dashboards, as of one instant T (default: now).")
final class MetricsCommand implements Callable<Integer> {
  @Mixin Verbosity verbosity;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String warehouse;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "T, as 2026-06-30T00:00:00Z or a date (00:00 UTC); default now.")
  String asOf;

  @Option(names = "--windows", paramLabel = "7,30,90", split = ",",
      description = "Window lengths in days; 30 is always computed, others add emails_<N>d and meetings_<N>d.")
  List<Integer> windows = new ArrayList<>(List.of(30));

  @Option(names = "--export-parquet", description = "Also write the metric tables as Parquet under <warehouse>/exports/.")
  boolean exportParquet;

  @Override
  public Integer call() {
    Instant t = parseInstant(asOf);
    Warehouse wh = Cli.openWarehouse(warehouse, true);
    MetricsJob.Report r = new MetricsJob(wh, RunContext.start()).run(t, windows, exportParquet);
    System.out.printf("metrics as of %s: %d users, %d customers, %d team members, %d items in team activity drill-down%n",
        r.asOf(), r.users(), r.customers(), r.teamMembers(), r.teamActivityItems());
    return 0;
  }

  static Instant parseInstant(String value) {
    if (value == null) {
      return Instant.now();
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--as-of must be an instant like 2026-06-30T00:00:00Z or a date, not '"
          + value + "'");
    }
  }
}
