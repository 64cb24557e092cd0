package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.StageCounts;
import dev.interactions.core.spark.RowValues;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Silver to the gold metric tables, as of one instant T: read, compute, replace. Reads only what
 * transform kept (silver items, reference tables), so it needs no reference options. Every run
 * replaces its T's rows in gold.metric_history; the current tables only when T is at or after the
 * T they hold, so that a backfill of past days never overwrites today's dashboards.
 */
public record MetricsJob(Warehouse warehouse, RunContext run) {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsJob.class);
  /** "false" skips the signals (for measuring what they cost): null signal columns, signal tables untouched. */
  public static final String SIGNALS_CONF = "spark.interactions.metrics.signals";
  /** The current tables: the figures as of one T, replaced together. */
  static final List<Table> OUTPUTS = List.of(Tables.USER_METRICS, Tables.CUSTOMER_METRICS, Tables.TEAM_ACTIVITY,
      Tables.TEAM_ACTIVITY_ITEMS, Tables.DAILY_ACTIVITY, Tables.AWAITING_REPLY, Tables.CUSTOMER_ENGAGEMENT);

  public MetricsJob {
    warehouse = warehouse.forRun(run.runId());
  }

  /**
   * @param currentTables whether this run replaced the current tables (false: its T is before theirs)
   * @param currentAsOf the T the current tables hold after this run
   * @param signals whether the signals were computed
   */
  public record Report(Instant asOf, long users, long customers, long teamMembers, long teamActivityItems,
      boolean currentTables, Instant currentAsOf, boolean signals) implements StageCounts {
    @Override
    public long inputsRead() {
      return users + customers + teamMembers;
    }

    @Override
    public long rowsWritten() {
      return users + customers + teamMembers + teamActivityItems;
    }
  }

  public Report run(Instant requestedAsOf, List<Integer> windowDays, boolean exportParquet) {
    return run(requestedAsOf, windowDays, exportParquet, false);
  }

  /**
   * @param resum recompute every day's sums (gold.metric_days, gold.daily_activity), not only the
   *     days whose items changed since the last run
   */
  public Report run(Instant requestedAsOf, List<Integer> windowDays, boolean exportParquet, boolean resum) {
    if (!warehouse.exists(Tables.SETTINGS)) {
      throw new IllegalArgumentException("run transform first: silver.settings is missing in " + warehouse.root());
    }
    long started = System.nanoTime();
    // Spark timestamps hold microseconds: T is what the tables can store, so that comparisons are exact.
    Instant asOf = requestedAsOf.truncatedTo(ChronoUnit.MICROS);
    AsOf t = new AsOf(asOf, windowDays);
    boolean signals = signalsEnabled();
    Optional<Instant> held = currentAsOf();
    boolean current = held.map(h -> !asOf.isBefore(h)).orElse(true);
    LOG.info("metrics run {} as of {} (windows {} days{})", run.runId(), asOf, t.windowDays(),
        signals ? "" : ", signals off");
    if (!current) {
      LOG.warn("as of {} is before the current metric tables' {}: writing gold.metric_history only, "
          + "the current tables keep their figures", asOf, held.get());
    }
    Dataset<Row> items = ActivityItems.of(warehouse.read(Tables.EMAIL_MESSAGES), warehouse.read(Tables.MEETINGS))
        .persist(StorageLevel.MEMORY_AND_DISK());
    // The waits come from the cached items: the messages are scanned once for every table.
    Dataset<Row> waits = signals
        ? Waits.inWindowWithConversations(items, warehouse.read(Tables.INTERACTIONS), t)
            .persist(StorageLevel.MEMORY_AND_DISK())
        : null;
    // The current tables sum whole days from gold.metric_days, brought up to date first; a T before
    // theirs (a backfill) leaves the day tables as the current T's run made them, and counts items.
    EntityRows rows;
    if (current) {
      MetricDays.refresh(warehouse, items, resum);
      Dataset<Row> days = warehouse.read(Tables.METRIC_DAYS);
      rows = (type, ids, senders) -> MetricDays.figureRows(days, items, type, ids, senders, t);
    } else {
      rows = (type, ids, senders) -> EntityMetrics.itemRows(items, ids, senders);
    }
    // With the signals, customer_metrics and customer_engagement share one aggregation, cached.
    Dataset<Row> customerCounts = CustomerMetrics.countsFromRows(
        rows.of(MetricHistory.CUSTOMER, "customer_ids", "sender_customer_ids"), warehouse.read(Tables.CUSTOMERS), t,
        signals);
    if (signals) {
      customerCounts = customerCounts.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      Figures figures = new Figures(items, rows, customerCounts, waits, t);
      Dataset<Row> history = current ? replaceCurrent(figures) : figuresOnly(figures);
      warehouse.replaceWhere(Tables.METRIC_HISTORY, withRunId(history), MetricHistory.ofT(asOf));
    } finally {
      items.unpersist();
      customerCounts.unpersist();
      if (waits != null) {
        waits.unpersist();
      }
    }
    if (exportParquet && current) {
      for (Table table : OUTPUTS) {
        warehouse.read(table).write().mode("overwrite").parquet(warehouse.root() + "/exports/" + table.name());
      }
    }
    Map<String, Long> entities = new HashMap<>();
    for (Row r : warehouse.read(Tables.METRIC_HISTORY).where(MetricHistory.ofT(asOf))
        .groupBy("entity_type").count().collectAsList()) {
      entities.put(RowValues.string(r, "entity_type"), RowValues.<Long>value(r, "count"));
    }
    // bench/signals.sh reads this line: the stage's own time, without the JVM's and Spark's start.
    LOG.info("metrics as of {} took {} ms", asOf, (System.nanoTime() - started) / 1_000_000);
    return new Report(asOf, entities.getOrDefault(MetricHistory.USER, 0L),
        entities.getOrDefault(MetricHistory.CUSTOMER, 0L), entities.getOrDefault(MetricHistory.TEAM_MEMBER, 0L),
        current ? warehouse.read(Tables.TEAM_ACTIVITY_ITEMS).count() : 0, current, current ? asOf : held.get(),
        signals);
  }

  /** One kind of entity's weighted rows ({@link EntityMetrics#fromRows}). */
  private interface EntityRows {
    Dataset<Row> of(String entityType, String idsColumn, String senderIdsColumn);
  }

  /**
   * What every table is computed from.
   *
   * @param rows the entities' weighted rows
   * @param customerCounts the customers' counts, with the engagement baseline when there are waits
   * @param waits the waits ({@link Waits#inWindowWithConversations}), or null: the signals are off
   */
  private record Figures(Dataset<Row> items, EntityRows rows, Dataset<Row> customerCounts, Dataset<Row> waits,
      AsOf t) {
    boolean signals() {
      return waits != null;
    }
  }

  /**
   * Replaces the current tables; returns T's history rows, read back from what was written (the
   * engagement columns from the same cached counts as gold.customer_engagement).
   */
  private Dataset<Row> replaceCurrent(Figures f) {
    if (f.signals()) {
      // customer_metrics counts the same persisted waits, so both tables agree row for row.
      warehouse.replace(Tables.AWAITING_REPLY, withRunId(AwaitingReply.compute(f.waits(), f.t())));
    }
    warehouse.replace(Tables.USER_METRICS, withRunId(users(f)));
    warehouse.replace(Tables.CUSTOMER_METRICS, withRunId(customers(f)));
    warehouse.replace(Tables.TEAM_ACTIVITY, withRunId(teamMembers(f)));
    warehouse.replace(Tables.TEAM_ACTIVITY_ITEMS, TeamActivityItems.compute(f.items(), f.t()));
    if (f.signals()) {
      warehouse.replace(Tables.CUSTOMER_ENGAGEMENT, withRunId(engagement(f)));
    }
    return MetricHistory.of(warehouse.read(Tables.USER_METRICS), warehouse.read(Tables.CUSTOMER_METRICS),
        warehouse.read(Tables.TEAM_ACTIVITY), f.signals() ? engagement(f) : null);
  }

  /** A T before the current tables': the same figures, for the history only. */
  private Dataset<Row> figuresOnly(Figures f) {
    return MetricHistory.of(users(f), customers(f), teamMembers(f), f.signals() ? engagement(f) : null);
  }

  private Dataset<Row> users(Figures f) {
    return UserMetrics.fromRows(f.rows().of(MetricHistory.USER, "user_ids", "sender_user_ids"),
        warehouse.read(Tables.USERS), f.t());
  }

  private Dataset<Row> customers(Figures f) {
    Dataset<Row> counts = f.customerCounts().drop(CustomerEngagement.BASELINE_ITEMS);
    return f.signals()
        ? CustomerMetrics.withSignals(counts, f.waits(), f.t())
        : withNulls(counts, Tables.CUSTOMER_METRICS);
  }

  private Dataset<Row> teamMembers(Figures f) {
    Dataset<Row> teamMembers = warehouse.read(Tables.TEAM_MEMBERS);
    Dataset<Row> counts = TeamActivity.countsFromRows(f.rows().of(MetricHistory.TEAM_MEMBER, "team_member_ids", null),
        teamMembers, f.t());
    return f.signals()
        ? TeamActivity.withReplies(counts, teamMembers, f.waits(), f.t())
        : withNulls(counts, Tables.TEAM_ACTIVITY);
  }

  private static Dataset<Row> engagement(Figures f) {
    return CustomerEngagement.of(f.customerCounts(), f.t());
  }

  /** The T the current tables hold: the latest as_of of the per-entity tables, if any has rows. */
  private Optional<Instant> currentAsOf() {
    Dataset<Row> asOfs = null;
    for (Table table : List.of(Tables.USER_METRICS, Tables.CUSTOMER_METRICS, Tables.TEAM_ACTIVITY)) {
      if (warehouse.exists(table)) {
        Dataset<Row> a = warehouse.read(table).select("as_of");
        asOfs = asOfs == null ? a : asOfs.union(a);
      }
    }
    if (asOfs == null) {
      return Optional.empty();
    }
    java.sql.Timestamp latest = RowValues.value(asOfs.agg(max("as_of").as("latest")).first(), "latest");
    return Optional.ofNullable(latest).map(java.sql.Timestamp::toInstant);
  }

  private boolean signalsEnabled() {
    String value = warehouse.spark().conf().get(SIGNALS_CONF, "true");
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(SIGNALS_CONF + " must be true or false, not '" + value + "'");
    }
    return value.equals("true");
  }

  /** The catalog's signal columns the counts lack, as nulls (signals off). */
  private static Dataset<Row> withNulls(Dataset<Row> rows, Table table) {
    Set<String> have = Set.of(rows.columns());
    List<Column> out = new ArrayList<>();
    for (String c : rows.columns()) {
      out.add(col(c));
    }
    for (var f : table.schema().fields()) {
      if (!have.contains(f.name()) && !f.name().equals("run_id")) {
        out.add(lit(null).cast(f.dataType()).as(f.name()));
      }
    }
    return rows.select(out.toArray(Column[]::new));
  }

  private Dataset<Row> withRunId(Dataset<Row> rows) {
    return rows.withColumn("run_id", lit(run.runId()));
  }
}
