package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_metrics: per customer, the distinct items of its contacts (its users' addresses in
 * mode users, its domain-matched addresses in mode customers, as transform attributed them).
 */
public final class CustomerMetrics {
  private CustomerMetrics() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> customers, AsOf asOf) {
    Dataset<Row> entities = customers.select(col("customer_id").as("id"), col("name"));
    return EntityMetrics.compute(items, "customer_ids", "sender_customer_ids", entities, asOf, true)
        .withColumnRenamed("id", "customer_id");
  }
}
