package dev.interactions.metrics;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.customer_engagement: each customer's activity in the window against its baseline, the
 * monthly average of the three 30-day periods before it, counted like emails_30d and meetings_30d
 * (messages and meetings, not conversations), and the trend the two give.
 */
public final class CustomerEngagement {
  static final int BASELINE_START_DAYS = 120;
  static final int BASELINE_PERIODS = 3;

  private CustomerEngagement() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> customers, AsOf asOf) {
    Column at = col("at");
    Dataset<Row> counts = items.select(explode(col("customer_ids")).as("customer_id"), at)
        .groupBy("customer_id")
        .agg(count(when(asOf.inWindow(at, AsOf.DEFAULT_WINDOW), 1)).as("activity"),
            count(when(asOf.inPeriod(at, BASELINE_START_DAYS, AsOf.DEFAULT_WINDOW), 1)).as("baseline_items"));

    Dataset<Row> all = customers.select("customer_id");
    Column activity = coalesce(counts.col("activity"), lit(0L));
    Column baseline = coalesce(counts.col("baseline_items"), lit(0L)).divide(lit((double) BASELINE_PERIODS));
    Dataset<Row> figures = all.join(counts, all.col("customer_id").equalTo(counts.col("customer_id")), "left")
        .select(all.col("customer_id"), activity.as("activity_30d"), baseline.as("baseline_30d"));

    Column a = col("activity_30d");
    Column b = col("baseline_30d");
    Column trend = when(a.equalTo(0).and(b.equalTo(0)), "none")
        .when(b.equalTo(0), "new")
        .when(a.equalTo(0), "dark")
        .when(a.lt(b.multiply(0.5)), "dropping")
        .when(a.gt(b.multiply(1.5)).and(a.geq(3)), "rising")
        .otherwise("steady");
    return figures.select(col("customer_id"), asOf.t().as("as_of"), a, b, trend.as("trend"));
  }
}
