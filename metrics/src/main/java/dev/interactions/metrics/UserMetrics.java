package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.user_metrics: per user, the items where its exact address is a participant. */
public final class UserMetrics {
  private UserMetrics() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> users, AsOf asOf) {
    return fromRows(EntityMetrics.itemRows(items, "user_ids", "sender_user_ids"), users, asOf);
  }

  /** @param rows the users' weighted rows ({@link EntityMetrics#fromRows}) */
  static Dataset<Row> fromRows(Dataset<Row> rows, Dataset<Row> users, AsOf asOf) {
    Dataset<Row> entities = users.select(col("user_id").as("id"), col("customer_id"), col("email"));
    return EntityMetrics.fromRows(rows, entities, asOf, true, Map.of()).withColumnRenamed("id", "user_id");
  }
}
