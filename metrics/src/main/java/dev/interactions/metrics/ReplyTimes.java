package dev.interactions.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Reply counts and median reply times per entity, and how they join the metric rows: every entity
 * keeps its row, with zero and null where it has none.
 */
final class ReplyTimes {
  private ReplyTimes() {}

  /** Per {@code idColumn}: replies_30d and median_reply_minutes_30d of the given answered waits. */
  static Dataset<Row> perEntity(Dataset<Row> answeredWaits, String idColumn) {
    // median is exact (the mean of the two middle values for an even count), unlike percentile_approx.
    return answeredWaits.groupBy(idColumn)
        .agg(count(lit(1)).as("replies_30d"), median(col("reply_minutes")).as("median_reply_minutes_30d"));
  }

  /**
   * The metric rows with the figures' columns added (left join on {@code idColumn}); count columns
   * (the given names) become 0 where the entity has no row in figures.
   */
  static Dataset<Row> addTo(Dataset<Row> metrics, Dataset<Row> figures, String idColumn, List<String> countColumns) {
    List<Column> out = new ArrayList<>();
    for (String c : metrics.columns()) {
      out.add(metrics.col(c));
    }
    for (String c : figures.columns()) {
      if (c.equals(idColumn)) {
        continue;
      }
      out.add(countColumns.contains(c) ? coalesce(figures.col(c), lit(0L)).as(c) : figures.col(c));
    }
    return metrics.join(figures, metrics.col(idColumn).equalTo(figures.col(idColumn)), "left")
        .select(out.toArray(Column[]::new));
  }
}
