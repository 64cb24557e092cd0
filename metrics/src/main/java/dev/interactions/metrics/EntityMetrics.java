package dev.interactions.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The metric columns of SPEC.md for any kind of entity (user, customer, team member): the items
 * attributed to each entity, aggregated as of T, then joined to the full list of entities so
 * that every one has a row (nulls and zeros where nothing happened).
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
   *     condition on an item's columns that it counts
   */
  static Dataset<Row> compute(Dataset<Row> items, String idsColumn, String senderIdsColumn, Dataset<Row> entities,
      AsOf asOf, boolean timestamps, Map<String, Column> extraCounts) {
    Column isEmail = col("item_type").equalTo(ActivityItems.EMAIL);
    Column isMeeting = col("item_type").equalTo(ActivityItems.MEETING);
    Column at = col("at");
    Column past = asOf.atOrBefore(at);

    Column senders = senderIdsColumn == null ? array().cast("array<string>") : col(senderIdsColumn);
    Dataset<Row> perEntity = items
        .select(explode(col(idsColumn)).as("id"), col("item_type"), col("at"), senders.as("senders"))
        .withColumn("from_entity", array_contains(col("senders"), col("id")));

    List<Column> aggregates = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (timestamps) {
      aggregates.add(max(when(past, at)).as("last_interaction_at"));
      aggregates.add(max(when(past.and(isEmail), at)).as("last_email_at"));
      aggregates.add(max(when(past.and(isEmail).and(col("from_entity")), at)).as("last_email_reply_at"));
      aggregates.add(max(when(past.and(isMeeting), at)).as("last_meeting_at"));
      aggregates.add(min(when(isMeeting.and(at.gt(asOf.t())), at)).as("next_meeting_at"));
      names.addAll(List.of("last_interaction_at", "last_email_at", "last_email_reply_at", "last_meeting_at",
          "next_meeting_at"));
    }
    List<String> counts = new ArrayList<>();
    for (int days : asOf.windowDays()) {
      aggregates.add(count(when(isEmail.and(asOf.inWindow(at, days)), 1)).as("emails_" + days + "d"));
      aggregates.add(count(when(isMeeting.and(asOf.inWindow(at, days)), 1)).as("meetings_" + days + "d"));
      counts.add("emails_" + days + "d");
      counts.add("meetings_" + days + "d");
    }
    extraCounts.forEach((name, condition) -> {
      aggregates.add(count(when(condition, 1)).as(name));
      counts.add(name);
    });
    Dataset<Row> figures = perEntity.groupBy("id")
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
