package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.daily_activity: per UTC day, team member and customer, that team member's synced emails
 * and meetings with that customer; an item with two customers counts in each customer's row.
 */
public final class DailyActivity {
  private DailyActivity() {}

  public static Dataset<Row> compute(Dataset<Row> items) {
    return items
        .select(to_date(col("at")).as("date"), explode(col("team_member_ids")).as("team_member_id"),
            col("customer_ids"), col("item_type"))
        .select(col("date"), col("team_member_id"), explode(col("customer_ids")).as("customer_id"), col("item_type"))
        .groupBy("date", "team_member_id", "customer_id")
        .agg(count(when(col("item_type").equalTo(ActivityItems.EMAIL), 1)).as("emails"),
            count(when(col("item_type").equalTo(ActivityItems.MEETING), 1)).as("meetings"));
  }
}
