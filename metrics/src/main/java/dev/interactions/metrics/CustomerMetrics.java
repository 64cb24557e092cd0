package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_metrics: per customer, the distinct items of its contacts (its users' addresses in
 * mode users, its domain-matched addresses in mode customers, as transform attributed them), and
 * the signals of its conversations (those whose customer_ids include it): open waits and reply times.
 */
public final class CustomerMetrics {
  private CustomerMetrics() {}

  /** @param waits the waits with their conversations ({@link Waits#inWindowWithConversations}) */
  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> customers, Dataset<Row> waits, AsOf asOf) {
    return withSignals(counts(items, customers, asOf), waits, asOf);
  }

  /** The metric columns without the signals. */
  static Dataset<Row> counts(Dataset<Row> items, Dataset<Row> customers, AsOf asOf) {
    return counts(items, customers, asOf, false);
  }

  /**
   * @param baseline also count each customer's items in the engagement baseline period (column
   *     {@link CustomerEngagement#BASELINE_ITEMS}), so that gold.customer_engagement comes from
   *     the same aggregation
   */
  static Dataset<Row> counts(Dataset<Row> items, Dataset<Row> customers, AsOf asOf, boolean baseline) {
    return countsFromRows(EntityMetrics.itemRows(items, "customer_ids", "sender_customer_ids"), customers, asOf,
        baseline);
  }

  /** @param rows the customers' weighted rows ({@link EntityMetrics#fromRows}) */
  static Dataset<Row> countsFromRows(Dataset<Row> rows, Dataset<Row> customers, AsOf asOf, boolean baseline) {
    Dataset<Row> entities = customers.select(col("customer_id").as("id"), col("name"));
    Map<String, Column> extra = baseline
        ? Map.of(CustomerEngagement.BASELINE_ITEMS, CustomerEngagement.inBaseline(asOf))
        : Map.of();
    return EntityMetrics.fromRows(rows, entities, asOf, true, extra).withColumnRenamed("id", "customer_id");
  }

  /**
   * The counts with awaiting_reply (the customer's rows in gold.awaiting_reply) and
   * median_reply_minutes_30d added, both from one pass over the waits of its conversations.
   */
  static Dataset<Row> withSignals(Dataset<Row> metrics, Dataset<Row> waits, AsOf asOf) {
    Column open = Waits.openInWindow(asOf);
    Column answered = Waits.answeredInWindow(asOf);
    // median ignores nulls: an open wait counts for awaiting_reply only.
    Dataset<Row> figures = waits.where(open.or(answered))
        .select(explode(col("customer_ids")).as("customer_id"), open.as("open"),
            when(answered, col("reply_minutes")).as("reply_minutes"))
        .groupBy("customer_id")
        .agg(count(when(col("open"), 1)).as("awaiting_reply"),
            median(col("reply_minutes")).as("median_reply_minutes_30d"));
    return ReplyTimes.addTo(metrics, figures, "customer_id", List.of("awaiting_reply"));
  }
}
