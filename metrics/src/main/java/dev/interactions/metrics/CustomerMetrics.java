package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_metrics: per customer, the distinct items of its contacts (its users' addresses in
 * mode users, its domain-matched addresses in mode customers, as transform attributed them), and
 * the signals of its conversations (those whose customer_ids include it): open waits and reply times.
 */
public final class CustomerMetrics {
  private CustomerMetrics() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> customers, Dataset<Row> waits,
      Dataset<Row> awaitingReply, Dataset<Row> interactions, AsOf asOf) {
    return withSignals(counts(items, customers, asOf), waits, awaitingReply, interactions, asOf);
  }

  /** The metric columns without the signals. */
  static Dataset<Row> counts(Dataset<Row> items, Dataset<Row> customers, AsOf asOf) {
    Dataset<Row> entities = customers.select(col("customer_id").as("id"), col("name"));
    return EntityMetrics.compute(items, "customer_ids", "sender_customer_ids", entities, asOf, true)
        .withColumnRenamed("id", "customer_id");
  }

  /** The counts with awaiting_reply and median_reply_minutes_30d added. */
  static Dataset<Row> withSignals(Dataset<Row> metrics, Dataset<Row> waits, Dataset<Row> awaitingReply,
      Dataset<Row> interactions, AsOf asOf) {
    Dataset<Row> awaiting = awaitingReply.select(explode(col("customer_ids")).as("customer_id"))
        .groupBy("customer_id").agg(count(lit(1)).as("awaiting_reply"));
    Dataset<Row> conversationCustomers = interactions
        .select(col("interaction_id"), explode(col("customer_ids")).as("customer_id"));
    Dataset<Row> replies = Waits.answeredInWindow(waits, asOf).join(conversationCustomers, "interaction_id")
        .select(col("customer_id"), col("reply_minutes"));
    Dataset<Row> medians = ReplyTimes.perEntity(replies, "customer_id").drop("replies_30d");

    Dataset<Row> withAwaiting = ReplyTimes.addTo(metrics, awaiting, "customer_id", List.of("awaiting_reply"));
    return ReplyTimes.addTo(withAwaiting, medians, "customer_id", List.of());
  }
}
