package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
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
  /** The customer counts' column of items in the baseline period. */
  static final String BASELINE_ITEMS = "baseline_items";

  private CustomerEngagement() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> customers, AsOf asOf) {
    return of(CustomerMetrics.counts(items, customers, asOf, true), asOf);
  }

  /** An item in [T - 120 days, T - 30 days): the baseline's three periods. */
  static Column inBaseline(AsOf asOf) {
    return asOf.inPeriod(col("at"), BASELINE_START_DAYS, AsOf.DEFAULT_WINDOW);
  }

  /**
   * The engagement rows from the customer counts with {@link #BASELINE_ITEMS}: activity_30d is
   * emails_30d + meetings_30d, as SPEC.md defines it.
   */
  static Dataset<Row> of(Dataset<Row> customerCounts, AsOf asOf) {
    Column a = col("activity_30d");
    Column b = col("baseline_30d");
    Column trend = when(a.equalTo(0).and(b.equalTo(0)), "none")
        .when(b.equalTo(0), "new")
        .when(a.equalTo(0), "dark")
        .when(a.lt(b.multiply(0.5)), "dropping")
        .when(a.gt(b.multiply(1.5)).and(a.geq(3)), "rising")
        .otherwise("steady");
    return customerCounts
        .select(col("customer_id"), col("emails_30d").plus(col("meetings_30d")).as("activity_30d"),
            col(BASELINE_ITEMS).divide(lit((double) BASELINE_PERIODS)).as("baseline_30d"))
        .select(col("customer_id"), asOf.t().as("as_of"), a, b, trend.as("trend"));
  }
}
