package dev.interactions.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.try_element_at;

import dev.interactions.core.mail.Addresses;
import dev.interactions.core.spark.RowValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

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
    return countsFromRows(EntityMetrics.itemRows(items, "team_member_ids", null), teamMembers, asOf);
  }

  /** @param rows the team members' weighted rows ({@link EntityMetrics#fromRows}) */
  static Dataset<Row> countsFromRows(Dataset<Row> rows, Dataset<Row> teamMembers, AsOf asOf) {
    Dataset<Row> entities = teamMembers.select(col("team_member_id").as("id"), col("email"));
    return EntityMetrics.fromRows(rows, entities, asOf, false, Map.of()).withColumnRenamed("id", "team_member_id");
  }

  /** The counts with replies_30d and median_reply_minutes_30d added. */
  static Dataset<Row> withReplies(Dataset<Row> metrics, Dataset<Row> teamMembers, Dataset<Row> waits, AsOf asOf) {
    Dataset<Row> replies = Waits.answeredInWindow(waits, asOf)
        .select(explode(try_element_at(ownersByAddress(teamMembers), col("answered_by"))).as("team_member_id"),
            col("reply_minutes"));
    return ReplyTimes.addTo(metrics, ReplyTimes.perEntity(replies, "team_member_id"), "team_member_id",
        List.of("replies_30d"));
  }

  /**
   * Every team member address (email or alias, normalised) and the team members it belongs to, as
   * a map literal: the team is a small reference table, read once on the driver, so that the
   * replies need neither a join nor a broadcast of their own.
   */
  static Column ownersByAddress(Dataset<Row> teamMembers) {
    Map<String, Set<String>> owners = new TreeMap<>();
    for (Row r : teamMembers.select("team_member_id", "email", "aliases").collectAsList()) {
      List<String> addresses = new ArrayList<>(RowValues.<String>list(r, "aliases"));
      addresses.add(RowValues.string(r, "email"));
      for (String raw : addresses) {
        String address = Addresses.normalize(raw);
        if (address != null) {
          owners.computeIfAbsent(address, a -> new TreeSet<>()).add(RowValues.string(r, "team_member_id"));
        }
      }
    }
    List<Column> entries = new ArrayList<>();
    owners.forEach((address, ids) -> {
      entries.add(lit(address));
      entries.add(array(ids.stream().map(functions::lit).toArray(Column[]::new)));
    });
    return entries.isEmpty()
        ? map().cast("map<string,array<string>>")
        : map(entries.toArray(Column[]::new));
  }
}
