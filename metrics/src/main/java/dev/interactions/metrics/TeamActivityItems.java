package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** gold.team_activity_items: exactly the items behind each team member's 30-day counts. */
public final class TeamActivityItems {
  private TeamActivityItems() {}

  public static Dataset<Row> compute(Dataset<Row> items, AsOf asOf) {
    return items.where(asOf.inWindow("at", AsOf.DEFAULT_WINDOW))
        .select(explode(col("team_member_ids")).as("team_member_id"), col("interaction_id"), col("item_type"),
            col("item_key"), col("at"), asOf.t().as("as_of"));
  }
}
