package dev.interactions.app;

import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.Pipeline;
import dev.interactions.core.pipeline.PipelineRequest;
import dev.interactions.core.pipeline.RunLock;
import dev.interactions.metrics.MetricsJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Gold metric tables for dashboards, as of one instant T (default: now).")
final class MetricsCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Option(names = "--as-of", paramLabel = "INSTANT", converter = OptionValues.AsOfInstant.class,
      description = "T, as 2026-06-30T00:00:00Z or a date (00:00 UTC); default now.")
  Instant asOf;

  @Option(names = "--windows", paramLabel = "7,30,90", split = ",", converter = OptionValues.WindowDays.class,
      description = "Window lengths in days; 30 is always computed, others add emails_<N>d and meetings_<N>d.")
  List<Integer> windows = new ArrayList<>(List.of(30));

  @Option(names = "--export-parquet", description = "Also write the metric tables as Parquet under <warehouse>/exports/.")
  boolean exportParquet;

  @Option(names = "--full", description = "Recompute the sums of every day (gold.metric_days, gold.daily_activity). "
      + "Without it, a run recomputes only the days whose emails or meetings changed since the last one.")
  boolean full;

  @Option(names = "--signals", arity = "1", paramLabel = "true|false", converter = OptionValues.TrueOrFalse.class,
      description = {"Compute the signals (default: true). false is for measuring what they cost: the signal "
          + "columns stay null, gold.awaiting_reply and gold.customer_engagement are left as they are."})
  Boolean signals;

  @Override
  public Integer call() {
    Instant t = asOf != null ? asOf : Instant.now();
    MetricsJob.Report r;
    try (RunLock lock = warehouse.lock("metrics")) {
      Warehouse wh = warehouse.open();
      if (signals != null) {
        wh.spark().conf().set(MetricsJob.SIGNALS_CONF, signals.toString());
      }
      PipelineRequest request = new PipelineRequest(null, null, null, t, windows, exportParquet).withFull(full);
      r = Pipeline.report(Pipeline.discover().only("metrics").run(wh, request), "metrics")
          .details(MetricsJob.Report.class);
    }
    if (r.currentTables()) {
      System.out.printf("metrics as of %s: %d users, %d customers, %d team members, %d items in team activity drill-down%n",
          r.asOf(), r.users(), r.customers(), r.teamMembers(), r.teamActivityItems());
    } else {
      // A backfill of a past day: say plainly that the dashboards did not move.
      System.out.printf("metrics as of %s: %d users, %d customers, %d team members in gold.metric_history only;"
          + " the current tables stay as of %s%n", r.asOf(), r.users(), r.customers(), r.teamMembers(), r.currentAsOf());
    }
    return 0;
  }
}
