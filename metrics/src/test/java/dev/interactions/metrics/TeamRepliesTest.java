package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.testkit.SparkTestBase;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Which team member a reply counts for (SPEC.md "Signals": the one whose address, email or alias,
 * sent the answering message), on waits built directly (T = 2026-06-30T00:00:00Z).
 */
class TeamRepliesTest extends SparkTestBase {
  static final AsOf T = new AsOf(Instant.parse("2026-06-30T00:00:00Z"), List.of(30));
  static final StructType WAITS = new StructType()
      .add("opened_at", DataTypes.TimestampType)
      .add("answered_at", DataTypes.TimestampType)
      .add("answered_by", DataTypes.StringType)
      .add("reply_minutes", DataTypes.DoubleType);

  static String answered(String by, double minutes) {
    return "{\"opened_at\": \"2026-06-20T09:00:00Z\", \"answered_at\": \"2026-06-20T10:00:00Z\", "
        + "\"answered_by\": \"" + by + "\", \"reply_minutes\": " + minutes + "}";
  }

  @Test
  void aReplyCountsOnceForTheTeamMemberOwningItsAddress() {
    Dataset<Row> teamMembers = tableRows(Tables.TEAM_MEMBERS,
        // An alias that differs from the email only in case is the same address: one reply, not two.
        "{\"team_member_id\": \"t1\", \"email\": \"ana@helio.app\", \"aliases\": [\"Ana@Helio.app\", \"ana.s@helio.app\"]}",
        "{\"team_member_id\": \"t2\", \"email\": \"bo@helio.app\"}",
        "{\"team_member_id\": \"t3\", \"email\": \"cy@helio.app\", \"aliases\": []}");
    Dataset<Row> waits = jsonRows(WAITS,
        answered("ana@helio.app", 10), answered("ana.s@helio.app", 30), answered("bo@helio.app", 5),
        answered("someone@else.com", 7),
        // Opened before the window: not counted. Still open: not a reply.
        "{\"opened_at\": \"2026-05-01T09:00:00Z\", \"answered_at\": \"2026-05-01T10:00:00Z\", "
            + "\"answered_by\": \"bo@helio.app\", \"reply_minutes\": 60.0}",
        "{\"opened_at\": \"2026-06-25T09:00:00Z\"}");
    Dataset<Row> counts = tableRows(Tables.TEAM_MEMBERS, "{\"team_member_id\": \"t1\"}", "{\"team_member_id\": \"t2\"}",
        "{\"team_member_id\": \"t3\"}").select("team_member_id");

    List<String> rows = TeamActivity.withReplies(counts, teamMembers, waits, T)
        .select("team_member_id", "replies_30d", "median_reply_minutes_30d").collectAsList().stream()
        .map(CsvFormat::line).toList();
    assertThat(rows).containsExactlyInAnyOrder("t1,2,20.0", "t2,1,5.0", "t3,0,");
  }

  @Test
  void noTeamMembersMeansNoReplies() {
    Dataset<Row> none = tableRows(Tables.TEAM_MEMBERS);
    Dataset<Row> counts = tableRows(Tables.TEAM_MEMBERS, "{\"team_member_id\": \"t1\"}").select("team_member_id");
    List<String> rows = TeamActivity.withReplies(counts, none, jsonRows(WAITS, answered("ana@helio.app", 10)), T)
        .select("team_member_id", "replies_30d", "median_reply_minutes_30d").collectAsList().stream()
        .map(CsvFormat::line).toList();
    assertThat(rows).containsExactly("t1,0,");
  }
}
