package dev.interactions.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.team_activity: per team member, the synced emails and meetings one of its addresses took
 * part in, whether or not its own mailbox is connected, and the waits it answered: a reply counts
 * for the team member whose address (email or alias) sent the answering message.
 */
public final class TeamActivity {
  private TeamActivity() {}

  public static Dataset<Row> compute(Dataset<Row> items, Dataset<Row> teamMembers, Dataset<Row> waits, AsOf asOf) {
    return withReplies(counts(items, teamMembers, asOf), teamMembers, waits, asOf);
  }

  /** emails_30d and meetings_30d, without the replies. */
  static Dataset<Row> counts(Dataset<Row> items, Dataset<Row> teamMembers, AsOf asOf) {
    Dataset<Row> entities = teamMembers.select(col("team_member_id").as("id"), col("email"));
    return EntityMetrics.compute(items, "team_member_ids", null, entities, asOf, false)
        .withColumnRenamed("id", "team_member_id");
  }

  /** The counts with replies_30d and median_reply_minutes_30d added. */
  static Dataset<Row> withReplies(Dataset<Row> metrics, Dataset<Row> teamMembers, Dataset<Row> waits, AsOf asOf) {
    Dataset<Row> addresses = teamMembers.select(col("team_member_id"),
        explode(array_union(array(col("email")), coalesce(col("aliases"), ReplyTimes.emptyStrings()))).as("address"))
        .select(col("team_member_id"), lower(trim(col("address"))).as("address"));
    Dataset<Row> answered = Waits.answeredInWindow(waits, asOf);
    Dataset<Row> replies = answered.join(addresses, answered.col("answered_by").equalTo(addresses.col("address")))
        .select(col("team_member_id"), col("reply_minutes"));
    return ReplyTimes.addTo(metrics, ReplyTimes.perEntity(replies, "team_member_id"), "team_member_id",
        List.of("replies_30d"));
  }
}
