package dev.interactions.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metric columns of SPEC.md for any kind of entity (user, customer, team member), aggregated as
 * of T from weighted rows, then joined to the full list of entities so that every one has a row
 * (nulls and zeros where nothing happened). A weighted row is one item of one entity ({@link
 * #itemRows}, n = 1) or one whole day of them ({@link MetricDays}): n items, their earliest and
 * latest instants, and the latest the entity sent. A whole day is never split by T or a period's
 * start ({@link AsOf#splitDays}), so its latest instant decides for all of its items whether they
 * count.
 */
final class EntityMetrics {
  private EntityMetrics() {}

  /**
   * @param items {@link ActivityItems}
   * @param idsColumn the items' array of entity ids (user_ids, customer_ids, team_member_ids)
   * @param senderIdsColumn the items' array of entities that sent it (for last_email_reply_at), or null
   * @param entities one row per entity, with column {@code id}
   * @param timestamps whether to compute the "last" and "next" columns (team activity has none)
   */
  static Dataset<Row> compute(Dataset<Row> items, String idsColumn, String senderIdsColumn, Dataset<Row> entities,
      AsOf asOf, boolean timestamps) {
    return compute(items, idsColumn, senderIdsColumn, entities, asOf, timestamps, Map.of());
  }

  /**
   * @param extraCounts more count columns, after the windows' (0 where none): each name and the
   *     condition on an item's {@code at} that it counts
   */
  static Dataset<Row> compute(Dataset<Row> items, String idsColumn, String senderIdsColumn, Dataset<Row> entities,
      AsOf asOf, boolean timestamps, Map<String, Column> extraCounts) {
    return fromRows(itemRows(items, idsColumn, senderIdsColumn), entities, asOf, timestamps, extraCounts);
  }

  /**
   * One weighted row per item and entity it is attributed to: id, item_type, n = 1, at, first_at,
   * last_at, and last_from_at (at when the entity sent it, else null).
   */
  static Dataset<Row> itemRows(Dataset<Row> items, String idsColumn, String senderIdsColumn) {
    Column senders = senderIdsColumn == null ? array().cast("array<string>") : col(senderIdsColumn);
    return items
        .select(explode(col(idsColumn)).as("id"), col("item_type"), col("at"), senders.as("senders"))
        .select(col("id"), col("item_type"), lit(1L).as("n"), col("at"), col("at").as("first_at"),
            col("at").as("last_at"), when(array_contains(col("senders"), col("id")), col("at")).as("last_from_at"));
  }

  /** The figures from weighted rows ({@link #itemRows}, or whole days and split days' items). */
  static Dataset<Row> fromRows(Dataset<Row> rows, Dataset<Row> entities, AsOf asOf, boolean timestamps,
      Map<String, Column> extraCounts) {
    Column isEmail = col("item_type").equalTo(ActivityItems.EMAIL);
    Column isMeeting = col("item_type").equalTo(ActivityItems.MEETING);
    Column at = col("at");
    Column lastAt = col("last_at");
    Column past = asOf.atOrBefore(lastAt);

    List<Column> aggregates = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (timestamps) {
      aggregates.add(max(when(past, lastAt)).as("last_interaction_at"));
      aggregates.add(max(when(past.and(isEmail), lastAt)).as("last_email_at"));
      aggregates.add(max(when(asOf.atOrBefore(col("last_from_at")).and(isEmail), col("last_from_at")))
          .as("last_email_reply_at"));
      aggregates.add(max(when(past.and(isMeeting), lastAt)).as("last_meeting_at"));
      aggregates.add(min(when(isMeeting.and(col("first_at").gt(asOf.t())), col("first_at"))).as("next_meeting_at"));
      names.addAll(List.of("last_interaction_at", "last_email_at", "last_email_reply_at", "last_meeting_at",
          "next_meeting_at"));
    }
    List<String> counts = new ArrayList<>();
    for (int days : asOf.windowDays()) {
      aggregates.add(sum(when(isEmail.and(asOf.inWindow(at, days)), col("n"))).as("emails_" + days + "d"));
      aggregates.add(sum(when(isMeeting.and(asOf.inWindow(at, days)), col("n"))).as("meetings_" + days + "d"));
      counts.add("emails_" + days + "d");
      counts.add("meetings_" + days + "d");
    }
    extraCounts.forEach((name, condition) -> {
      aggregates.add(sum(when(condition, col("n"))).as(name));
      counts.add(name);
    });
    Dataset<Row> figures = rows.groupBy("id")
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));

    List<Column> out = new ArrayList<>();
    for (String c : entities.columns()) {
      out.add(entities.col(c));
    }
    out.add(asOf.t().as("as_of"));
    for (String n : names) {
      out.add(figures.col(n));
    }
    for (String n : counts) {
      out.add(coalesce(figures.col(n), lit(0L)).as(n));
    }
    return entities.join(figures, entities.col("id").equalTo(figures.col("id")), "left")
        .select(out.toArray(Column[]::new));
  }
}
