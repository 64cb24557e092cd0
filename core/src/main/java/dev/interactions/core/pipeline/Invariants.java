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
import java.util.function.BiFunction;
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
      Tables.CUSTOMER_ENGAGEMENT, Tables.METRIC_DAYS, Tables.METRIC_DAY_PRINTS);

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

  /**
   * Every invariant of the stage; the first broken one throws. The checks over tables run as one
   * Spark query (a union of each check's first offender), not one query each: on a small night a
   * query's fixed cost is most of its time, and a stage has up to a dozen checks.
   */
  public static void check(Warehouse warehouse, String stage, Object details, Map<String, Long> before) {
    List<Check> checks = new ArrayList<>();
    for (Table t : written(stage)) {
      if (!t.key().isEmpty() && warehouse.exists(t)) {
        checks.add(uniqueKeys(warehouse, t));
      }
    }
    switch (stage) {
      case "transform" -> checks.addAll(oneInteraction(warehouse));
      case "metrics" -> checks.addAll(metricRows(warehouse));
      default -> { }
    }
    throwFirstBroken(checks);
    if (stage.equals("ingest")) {
      bronzeReconciles(warehouse, details, before);
    }
  }

  /**
   * One invariant over tables: the rows that break it, as {@code example} (a key, as a string) and
   * {@code n} (how many rows share it, or null), and the message an example makes.
   */
  record Check(String invariant, Dataset<Row> offenders, BiFunction<String, Long, String> message) {}

  /** Runs the checks in one query and throws for the first, in list order, that has an offender. */
  static void throwFirstBroken(List<Check> checks) {
    Dataset<Row> firsts = null;
    for (int i = 0; i < checks.size(); i++) {
      Dataset<Row> first = checks.get(i).offenders().limit(1)
          .select(lit(i).as("check"), col("example").cast("string").as("example"), col("n").cast("long").as("n"));
      firsts = firsts == null ? first : firsts.unionAll(first);
    }
    if (firsts == null) {
      return;
    }
    Row broken = firsts.orderBy("check").limit(1).collectAsList().stream().findFirst().orElse(null);
    if (broken != null) {
      Check c = checks.get(broken.getInt(0));
      throw new InvariantViolation(c.invariant(), c.message().apply(broken.getString(1),
          broken.isNullAt(2) ? null : broken.getLong(2)));
    }
  }

  static Check uniqueKeys(Warehouse warehouse, Table table) {
    Column[] key = table.key().stream().map(c -> col(c)).toArray(Column[]::new);
    Dataset<Row> dup = warehouse.read(table).groupBy(key).agg(count(lit(1)).as("n")).where(col("n").gt(1))
        .select(concat_ws(", ", table.key().stream().map(c -> concat_ws("=", lit(c), col(c))).toArray(Column[]::new))
            .as("example"), col("n"));
    return new Check(UNIQUE_KEYS, dup, (example, n) -> table + " has " + n + " rows with key " + example);
  }

  static List<Check> oneInteraction(Warehouse warehouse) {
    Dataset<Row> synced = warehouse.read(Tables.EMAIL_MESSAGES).where(col("synced"));
    Dataset<Row> interactions = warehouse.read(Tables.INTERACTIONS).select("interaction_id");
    Dataset<Row> drill = warehouse.read(Tables.INTERACTION_MESSAGES);
    Dataset<Row> meetings = warehouse.read(Tables.MEETINGS).where(col("synced"));
    return List.of(
        example(synced.where(col("interaction_id").isNull()), "message_key",
            "synced message without an interaction_id in silver.email_messages: ", ONE_INTERACTION),
        example(synced.join(interactions, synced.col("interaction_id").equalTo(interactions.col("interaction_id")),
            "left_anti"), "message_key", "synced message whose interaction is not in gold.interactions: ",
            ONE_INTERACTION),
        example(drill.groupBy("message_key").agg(count(lit(1)).as("n")).where(col("n").gt(1)), "message_key",
            "message in more than one interaction in gold.interaction_messages: ", ONE_INTERACTION),
        example(synced.join(drill, new String[] {"message_key"}, "left_anti"), "message_key",
            "synced message missing from gold.interaction_messages: ", ONE_INTERACTION),
        example(meetings.join(interactions, meetings.col("interaction_id").equalTo(interactions.col("interaction_id")),
            "left_anti"), "meeting_key", "synced meeting whose interaction is not in gold.interactions: ",
            ONE_INTERACTION));
  }

  static List<Check> metricRows(Warehouse warehouse) {
    return List.of(missing(warehouse, Tables.USERS, Tables.USER_METRICS, "user_id"),
        missing(warehouse, Tables.CUSTOMERS, Tables.CUSTOMER_METRICS, "customer_id"),
        missing(warehouse, Tables.TEAM_MEMBERS, Tables.TEAM_ACTIVITY, "team_member_id"));
  }

  private static Check missing(Warehouse warehouse, Table entities, Table metrics, String id) {
    return example(warehouse.read(entities).select(id)
        .join(warehouse.read(metrics).select(id), new String[] {id}, "left_anti"),
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

  private static Check example(Dataset<Row> offending, String keyColumn, String what, String invariant) {
    return new Check(invariant, offending.select(col(keyColumn).as("example"), lit(null).cast("long").as("n")),
        (example, n) -> what + keyColumn + "=" + example);
  }
}
