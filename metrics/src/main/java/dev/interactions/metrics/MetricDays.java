package dev.interactions.metrics;

import static org.apache.spark.sql.functions.bit_xor;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.xxhash64;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gold.metric_days, what the metric figures are summed from, and gold.daily_activity, both per UTC
 * day and independent of T: each run recomputes only the days whose items changed since the last
 * run, found by comparing a fingerprint per item type and day of silver's items with the one the
 * sums were made from (gold.metric_day_prints). The fingerprints take one pass over the items with
 * no shuffle beyond a row per day; whatever rewrote silver (a night, a full transform, forget), the
 * days it changed are the days whose fingerprints differ.
 */
final class MetricDays {
  private static final Logger LOG = LoggerFactory.getLogger(MetricDays.class);
  /** The item columns the sums and daily_activity depend on (and a few more: a spare recompute is harmless). */
  private static final List<String> FINGERPRINTED = List.of("item_key", "at", "interaction_id", "team_member_ids",
      "user_ids", "customer_ids", "sender_user_ids", "sender_customer_ids", "from_address", "direction");

  private MetricDays() {}

  /** What a refresh did: how many item-type days it recomputed, and whether it rebuilt all of them. */
  record Refresh(int recomputedDays, boolean rebuilt) {}

  /**
   * Brings gold.metric_days and gold.daily_activity up to date with the items, then records the
   * fingerprints they now match. A run killed before that last step recomputes the same days again.
   *
   * @param items {@link ActivityItems}, persisted: read several times
   * @param rebuild recompute every day (metrics --full)
   */
  static Refresh refresh(Warehouse warehouse, Dataset<Row> items, boolean rebuild) {
    Map<List<Object>, Row> now = byDay(prints(items).collectAsList());
    boolean haveSums = warehouse.exists(Tables.METRIC_DAY_PRINTS) && warehouse.exists(Tables.METRIC_DAYS)
        && warehouse.exists(Tables.DAILY_ACTIVITY);
    Map<List<Object>, Row> before = haveSums && !rebuild
        ? byDay(warehouse.read(Tables.METRIC_DAY_PRINTS).collectAsList()) : null;
    Refresh done;
    if (before == null) {
      replaceAll(warehouse, items);
      done = new Refresh(now.size(), true);
    } else {
      TreeSet<LocalDate> emailDays = new TreeSet<>();
      TreeSet<LocalDate> meetingDays = new TreeSet<>();
      TreeSet<List<Object>> keys = new TreeSet<>(MetricDays::compareKeys);
      keys.addAll(now.keySet());
      keys.addAll(before.keySet());
      for (List<Object> k : keys) {
        if (!samePrint(now.get(k), before.get(k))) {
          (k.get(0).equals(ActivityItems.EMAIL) ? emailDays : meetingDays).add((LocalDate) k.get(1));
        }
      }
      int changed = emailDays.size() + meetingDays.size();
      if (changed > 0 && changed * 2 > now.size()) {
        // Most days changed (new reference data re-attributes everything): one rewrite is cheaper.
        replaceAll(warehouse, items);
        done = new Refresh(changed, true);
      } else {
        if (changed > 0) {
          replaceDays(warehouse, items, emailDays, meetingDays);
        }
        done = new Refresh(changed, false);
      }
    }
    savePrints(warehouse, now);
    LOG.info("metrics: {} item-type days {}", done.recomputedDays(),
        done.rebuilt() ? "summed (all of them)" : "recomputed, the others kept");
    return done;
  }

  /**
   * The weighted rows of one kind of entity for the figures as of T: the days that T and the
   * periods' starts split, item by item; every other day from its sums.
   */
  static Dataset<Row> figureRows(Dataset<Row> metricDays, Dataset<Row> items, String entityType, String idsColumn,
      String senderIdsColumn, AsOf asOf) {
    Object[] split = asOf.splitDays().stream().map(Date::valueOf).toArray();
    Dataset<Row> wholeDays = metricDays
        .where(col("entity_type").equalTo(entityType).and(col("day").isin(split).unary_$bang()))
        .select(col("entity_id").as("id"), col("item_type"), col("items").as("n"), col("last_at").as("at"),
            col("first_at"), col("last_at"), col("last_from_at"));
    Dataset<Row> splitItems = EntityMetrics.itemRows(items.where(to_date(col("at")).isin(split)), idsColumn,
        senderIdsColumn);
    return wholeDays.unionByName(splitItems);
  }

  /** gold.metric_days' rows of the given items: per entity, item type and day. */
  static Dataset<Row> sums(Dataset<Row> items) {
    Dataset<Row> rows = EntityMetrics.itemRows(items, "user_ids", "sender_user_ids")
        .withColumn("entity_type", lit(MetricHistory.USER))
        .unionByName(EntityMetrics.itemRows(items, "customer_ids", "sender_customer_ids")
            .withColumn("entity_type", lit(MetricHistory.CUSTOMER)))
        .unionByName(EntityMetrics.itemRows(items, "team_member_ids", null)
            .withColumn("entity_type", lit(MetricHistory.TEAM_MEMBER)));
    return rows.groupBy(col("entity_type"), col("id").as("entity_id"), col("item_type"), to_date(col("at")).as("day"))
        .agg(sum(col("n")).as("items"), min(col("first_at")).as("first_at"), max(col("last_at")).as("last_at"),
            max(col("last_from_at")).as("last_from_at"));
  }

  /**
   * Per item type and day: the items, and two hashes XOR-ed over them. Separators between the
   * columns keep a null or empty value from shifting the next one into its place.
   */
  static Dataset<Row> prints(Dataset<Row> items) {
    List<Column> parts = new ArrayList<>();
    for (int i = 0; i < FINGERPRINTED.size(); i++) {
      parts.add(lit(i));
      parts.add(col(FINGERPRINTED.get(i)));
    }
    Column[] p = parts.toArray(Column[]::new);
    return items.groupBy(col("item_type"), to_date(col("at")).as("day"))
        .agg(count(lit(1)).as("items"), bit_xor(xxhash64(p)).as("fingerprint"), bit_xor(hash(p)).as("check_hash"));
  }

  private static void replaceAll(Warehouse warehouse, Dataset<Row> items) {
    // Files by day range: a night's days are then in few files, which is all its replaceWhere rewrites.
    warehouse.replace(Tables.METRIC_DAYS, sums(items).repartitionByRange(col("day")));
    warehouse.replace(Tables.DAILY_ACTIVITY, DailyActivity.compute(items).repartitionByRange(col("date")));
  }

  private static void replaceDays(Warehouse warehouse, Dataset<Row> items, TreeSet<LocalDate> emailDays,
      TreeSet<LocalDate> meetingDays) {
    List<String> sumsOfDays = new ArrayList<>();
    Column itemsOfDays = lit(false);
    for (var e : Map.of(ActivityItems.EMAIL, emailDays, ActivityItems.MEETING, meetingDays).entrySet()) {
      if (!e.getValue().isEmpty()) {
        sumsOfDays.add("(item_type = '" + e.getKey() + "' AND day IN (" + dateList(e.getValue()) + "))");
        itemsOfDays = itemsOfDays.or(col("item_type").equalTo(e.getKey())
            .and(to_date(col("at")).isin(e.getValue().stream().map(Date::valueOf).toArray())));
      }
    }
    warehouse.replaceWhere(Tables.METRIC_DAYS, sums(items.where(itemsOfDays)), String.join(" OR ", sumsOfDays));
    // A day of daily_activity holds both item types: a day changed in either is recomputed whole.
    TreeSet<LocalDate> days = new TreeSet<>(emailDays);
    days.addAll(meetingDays);
    warehouse.replaceWhere(Tables.DAILY_ACTIVITY,
        DailyActivity.compute(items.where(to_date(col("at")).isin(days.stream().map(Date::valueOf).toArray()))),
        "date IN (" + dateList(days) + ")");
  }

  private static void savePrints(Warehouse warehouse, Map<List<Object>, Row> now) {
    List<Row> rows = new ArrayList<>();
    for (Row r : now.values()) {
      rows.add(RowBuilder.of(Tables.METRIC_DAY_PRINTS.schema())
          .set("item_type", RowValues.string(r, "item_type"))
          .set("day", RowValues.value(r, "day"))
          .set("items", RowValues.value(r, "items"))
          .set("fingerprint", RowValues.value(r, "fingerprint"))
          .set("check_hash", RowValues.value(r, "check_hash"))
          .build());
    }
    warehouse.replace(Tables.METRIC_DAY_PRINTS,
        warehouse.spark().createDataFrame(rows, Tables.METRIC_DAY_PRINTS.schema()));
  }

  private static Map<List<Object>, Row> byDay(List<Row> prints) {
    Map<List<Object>, Row> out = new HashMap<>();
    for (Row r : prints) {
      Date day = RowValues.value(r, "day");
      out.put(List.of(RowValues.string(r, "item_type"), day.toLocalDate()), r);
    }
    return out;
  }

  private static boolean samePrint(Row a, Row b) {
    if (a == null || b == null) {
      return a == b;
    }
    return Objects.equals(a.getAs("items"), b.getAs("items"))
        && Objects.equals(a.getAs("fingerprint"), b.getAs("fingerprint"))
        && Objects.equals(a.getAs("check_hash"), b.getAs("check_hash"));
  }

  private static int compareKeys(List<Object> a, List<Object> b) {
    int c = ((String) a.get(0)).compareTo((String) b.get(0));
    return c != 0 ? c : ((LocalDate) a.get(1)).compareTo((LocalDate) b.get(1));
  }

  private static String dateList(TreeSet<LocalDate> days) {
    return days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", "));
  }
}
