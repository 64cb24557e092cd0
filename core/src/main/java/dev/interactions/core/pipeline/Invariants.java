package dev.interactions.core.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What must hold when a stage ends, checked over the tables it wrote before it counts as done. A
 * broken one throws {@link InvariantViolation} naming it and one example key.
 */
public final class Invariants {
  public static final String UNIQUE_KEYS = "no duplicate keys";
  public static final String ONE_INTERACTION = "every synced message in exactly one interaction";
  public static final String METRIC_ROWS = "a metric row for every user, customer and team member";
  public static final String BRONZE_RECONCILES = "bronze counts reconcile with what was read";

  /** The tables metrics writes; transform writes the other silver and gold tables. */
  public static final List<Table> METRIC_TABLES = List.of(Tables.USER_METRICS, Tables.CUSTOMER_METRICS,
      Tables.TEAM_ACTIVITY, Tables.TEAM_ACTIVITY_ITEMS, Tables.DAILY_ACTIVITY, Tables.AWAITING_REPLY,
      Tables.CUSTOMER_ENGAGEMENT);

  private Invariants() {}

  /** The tables a stage writes (the run log aside). */
  public static List<Table> written(String stage) {
    List<Table> out = new ArrayList<>();
    for (Table t : Tables.all()) {
      boolean metrics = METRIC_TABLES.contains(t);
      boolean belongs = switch (stage) {
        case "ingest" -> t.layer().equals("bronze") && !t.equals(Tables.RUNS);
        case "metrics" -> metrics;
        case "transform" -> !t.layer().equals("bronze") && !metrics;
        default -> false;
      };
      if (belongs) {
        out.add(t);
      }
    }
    return out;
  }

  /** Row counts of the tables a stage will reconcile, taken before it runs. */
  public static Map<String, Long> countsBefore(Warehouse warehouse, String stage) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (stage.equals("ingest")) {
      for (Table t : List.of(Tables.GMAIL_MESSAGES, Tables.CALENDAR_EVENTS)) {
        out.put(t.qualifiedName(), warehouse.exists(t) ? warehouse.read(t).count() : 0L);
      }
    }
    return out;
  }

  /** Every invariant of the stage; the first broken one throws. */
  public static void check(Warehouse warehouse, String stage, Object details, Map<String, Long> before) {
    for (Table t : written(stage)) {
      uniqueKeys(warehouse, t);
    }
    switch (stage) {
      case "ingest" -> bronzeReconciles(warehouse, details, before);
      case "transform" -> oneInteraction(warehouse);
      case "metrics" -> metricRows(warehouse);
      default -> { }
    }
  }

  static void uniqueKeys(Warehouse warehouse, Table table) {
    if (table.key().isEmpty() || !warehouse.exists(table)) {
      return;
    }
    Column[] key = table.key().stream().map(c -> col(c)).toArray(Column[]::new);
    List<Row> dup = warehouse.read(table).groupBy(key).agg(count(lit(1)).as("n")).where(col("n").gt(1))
        .select(concat_ws(", ", table.key().stream().map(c -> concat_ws("=", lit(c), col(c))).toArray(Column[]::new)),
            col("n"))
        .limit(1).collectAsList();
    if (!dup.isEmpty()) {
      throw new InvariantViolation(UNIQUE_KEYS, table + " has " + dup.get(0).getLong(1) + " rows with key "
          + dup.get(0).getString(0));
    }
  }

  static void oneInteraction(Warehouse warehouse) {
    Dataset<Row> synced = warehouse.read(Tables.EMAIL_MESSAGES).where(col("synced"));
    Dataset<Row> interactions = warehouse.read(Tables.INTERACTIONS).select("interaction_id");
    example(synced.where(col("interaction_id").isNull()), "message_key",
        "synced message without an interaction_id in silver.email_messages: ");
    example(synced.join(interactions, synced.col("interaction_id").equalTo(interactions.col("interaction_id")),
        "left_anti"), "message_key", "synced message whose interaction is not in gold.interactions: ");
    Dataset<Row> drill = warehouse.read(Tables.INTERACTION_MESSAGES);
    example(drill.groupBy("message_key").agg(count(lit(1)).as("n")).where(col("n").gt(1)), "message_key",
        "message in more than one interaction in gold.interaction_messages: ");
    example(synced.join(drill, new String[] {"message_key"}, "left_anti"), "message_key",
        "synced message missing from gold.interaction_messages: ");
    Dataset<Row> meetings = warehouse.read(Tables.MEETINGS).where(col("synced"));
    example(meetings.join(interactions, meetings.col("interaction_id").equalTo(interactions.col("interaction_id")),
        "left_anti"), "meeting_key", "synced meeting whose interaction is not in gold.interactions: ");
  }

  static void metricRows(Warehouse warehouse) {
    missing(warehouse, Tables.USERS, Tables.USER_METRICS, "user_id");
    missing(warehouse, Tables.CUSTOMERS, Tables.CUSTOMER_METRICS, "customer_id");
    missing(warehouse, Tables.TEAM_MEMBERS, Tables.TEAM_ACTIVITY, "team_member_id");
  }

  private static void missing(Warehouse warehouse, Table entities, Table metrics, String id) {
    example(warehouse.read(entities).select(id).join(warehouse.read(metrics).select(id), new String[] {id}, "left_anti"),
        id, entities + " row without a row in " + metrics + ": ", METRIC_ROWS);
  }

  static void bronzeReconciles(Warehouse warehouse, Object details, Map<String, Long> before) {
    if (!(details instanceof StageCounts counts)) {
      return;
    }
    for (Map.Entry<String, Long> added : counts.rowsAdded().entrySet()) {
      Table t = Tables.byName(added.getKey()).orElseThrow();
      long was = before.getOrDefault(added.getKey(), 0L);
      long now = warehouse.exists(t) ? warehouse.read(t).count() : 0L;
      if (now != was + added.getValue()) {
        throw new InvariantViolation(BRONZE_RECONCILES, t + " had " + was + " rows and the ingest added "
            + added.getValue() + " new keys, but it now has " + now);
      }
    }
  }

  private static void example(Dataset<Row> offending, String keyColumn, String what) {
    example(offending, keyColumn, what, ONE_INTERACTION);
  }

  private static void example(Dataset<Row> offending, String keyColumn, String what, String invariant) {
    List<Row> first = offending.select(col(keyColumn).cast("string")).limit(1).collectAsList();
    if (!first.isEmpty()) {
      throw new InvariantViolation(invariant, what + keyColumn + "=" + first.get(0).getString(0));
    }
  }
}
