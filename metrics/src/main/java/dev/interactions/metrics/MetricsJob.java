package dev.interactions.metrics;

import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.StageCounts;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver to the gold metric tables, as of one instant T: read, compute, replace. Reads only what
 * transform kept (silver items, reference tables), so it needs no reference options.
 */
public record MetricsJob(Warehouse warehouse, RunContext run) {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsJob.class);
  static final List<Table> OUTPUTS = List.of(Tables.USER_METRICS, Tables.CUSTOMER_METRICS, Tables.TEAM_ACTIVITY,
      Tables.TEAM_ACTIVITY_ITEMS, Tables.DAILY_ACTIVITY, Tables.AWAITING_REPLY, Tables.CUSTOMER_ENGAGEMENT);

  public MetricsJob {
    warehouse = warehouse.forRun(run.runId());
  }

  public record Report(Instant asOf, long users, long customers, long teamMembers, long teamActivityItems)
      implements StageCounts {
    @Override
    public long inputsRead() {
      return users + customers + teamMembers;
    }

    @Override
    public long rowsWritten() {
      return users + customers + teamMembers + teamActivityItems;
    }
  }

  public Report run(Instant asOf, List<Integer> windowDays, boolean exportParquet) {
    if (!warehouse.exists(Tables.SETTINGS)) {
      throw new IllegalArgumentException("run transform first: silver.settings is missing in " + warehouse.root());
    }
    AsOf t = new AsOf(asOf, windowDays);
    LOG.info("metrics run {} as of {} (windows {} days)", run.runId(), asOf, t.windowDays());
    Dataset<Row> emailMessages = warehouse.read(Tables.EMAIL_MESSAGES);
    Dataset<Row> items = ActivityItems.of(emailMessages, warehouse.read(Tables.MEETINGS))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> waits = Waits.of(emailMessages, t).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> interactions = warehouse.read(Tables.INTERACTIONS);
      warehouse.replace(Tables.AWAITING_REPLY, withRunId(AwaitingReply.compute(waits, interactions, t)));
      warehouse.replace(Tables.USER_METRICS,
          withRunId(UserMetrics.compute(items, warehouse.read(Tables.USERS), t)));
      // Reads the awaiting_reply just written, so both tables agree row for row.
      warehouse.replace(Tables.CUSTOMER_METRICS, withRunId(CustomerMetrics.compute(items,
          warehouse.read(Tables.CUSTOMERS), waits, warehouse.read(Tables.AWAITING_REPLY), interactions, t)));
      warehouse.replace(Tables.TEAM_ACTIVITY,
          withRunId(TeamActivity.compute(items, warehouse.read(Tables.TEAM_MEMBERS), waits, t)));
      warehouse.replace(Tables.TEAM_ACTIVITY_ITEMS, TeamActivityItems.compute(items, t));
      warehouse.replace(Tables.DAILY_ACTIVITY, DailyActivity.compute(items));
      warehouse.replace(Tables.CUSTOMER_ENGAGEMENT,
          withRunId(CustomerEngagement.compute(items, warehouse.read(Tables.CUSTOMERS), t)));
    } finally {
      items.unpersist();
      waits.unpersist();
    }
    if (exportParquet) {
      for (Table table : OUTPUTS) {
        warehouse.read(table).write().mode("overwrite").parquet(warehouse.root() + "/exports/" + table.name());
      }
    }
    return new Report(asOf, warehouse.read(Tables.USER_METRICS).count(), warehouse.read(Tables.CUSTOMER_METRICS).count(),
        warehouse.read(Tables.TEAM_ACTIVITY).count(), warehouse.read(Tables.TEAM_ACTIVITY_ITEMS).count());
  }

  private Dataset<Row> withRunId(Dataset<Row> rows) {
    return rows.withColumn("run_id", lit(run.runId()));
  }
}
