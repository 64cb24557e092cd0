package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.team_activity: per team member, the synced emails and meetings one of its addresses took
 * part in, whether or not its own mailbox is connected.
 */
public final class TeamActivity {
  private TeamActivity() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> teamMembers, AsOf asOf) {
    Dataset<Row> entities = teamMembers.select(col("team_member_id").as("id"), col("email"));
    return EntityMetrics.compute(items, "team_member_ids", null, entities, asOf, false)
        .withColumnRenamed("id", "team_member_id");
  }
}
