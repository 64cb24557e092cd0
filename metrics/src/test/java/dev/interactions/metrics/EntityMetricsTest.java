package dev.interactions.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.spark.CsvFormat;
import dev.interactions.core.spark.Seqs;
import dev.interactions.testkit.SparkTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * {@link EntityMetrics} on activity items built in the test, as of T = 2026-06-30T00:00:00Z
 * (SPEC.md "Metrics"): "last" only at or before T, counts only in [T - 30 days, T), meetings after
 * T for next_meeting_at, replies only from the entity itself, and a row for every entity.
 */
@SparkTest
class EntityMetricsTest {
  static final AsOf AS_OF = new AsOf(Instant.parse("2026-06-30T00:00:00Z"), List.of());
  static final StructType ITEMS = new StructType()
      .add("item_type", DataTypes.StringType)
      .add("at", DataTypes.TimestampType)
      .add("entity_ids", DataTypes.createArrayType(DataTypes.StringType))
      .add("sender_ids", DataTypes.createArrayType(DataTypes.StringType));
  static final StructType ENTITIES = new StructType()
      .add("id", DataTypes.StringType).add("name", DataTypes.StringType);

  final List<Row> items = new ArrayList<>();

  void email(String at, List<String> ids, String... senders) {
    items.add(RowFactory.create(ActivityItems.EMAIL, ts(at), Seqs.seq(ids), Seqs.seq(List.of(senders))));
  }

  void meeting(String at, List<String> ids) {
    items.add(RowFactory.create(ActivityItems.MEETING, ts(at), Seqs.seq(ids), Seqs.seq(List.<String>of())));
  }

  static Timestamp ts(String at) {
    return Timestamp.from(Instant.parse(at));
  }

  Dataset<Row> entities(SparkSession spark, String... ids) {
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      rows.add(RowFactory.create(id, "name of " + id));
    }
    return spark.createDataFrame(rows, ENTITIES);
  }

  static List<String> lines(Dataset<Row> rows) {
    return rows.orderBy("id").collectAsList().stream().map(CsvFormat::line).toList();
  }

  @Test
  void lastNextAndWindowCountsPerEntity(SparkSession spark) {
    // u1: the window's edges, T itself, and items after T.
    email("2026-05-30T23:59:59Z", List.of("u1"), "u1");
    email("2026-05-31T00:00:00Z", List.of("u1"));
    email("2026-06-20T08:00:00Z", List.of("u1"), "u1");
    email("2026-06-30T00:00:00Z", List.of("u1"));
    email("2026-06-30T00:00:01Z", List.of("u1"), "u1");
    meeting("2026-06-29T10:00:00Z", List.of("u1"));
    meeting("2026-07-03T10:00:00Z", List.of("u1"));
    meeting("2026-07-01T10:00:00Z", List.of("u1"));
    // u2 and u3 on one email sent by u3; u2 on a meeting exactly at T, last but not next nor in the window.
    email("2026-06-10T09:00:00Z", List.of("u2", "u3"), "u3");
    meeting("2026-06-30T00:00:00Z", List.of("u2"));
    // u4: only after T.
    email("2026-07-02T09:00:00Z", List.of("u4"), "u4");
    meeting("2026-07-05T09:00:00Z", List.of("u4"));
    // Attributed to an id that is not an entity: no row for it.
    email("2026-06-15T09:00:00Z", List.of("stranger"), "stranger");

    Dataset<Row> out = EntityMetrics.compute(spark.createDataFrame(items, ITEMS), "entity_ids", "sender_ids",
        entities(spark, "u1", "u2", "u3", "u4", "u5"), AS_OF, true);

    assertThat(out.columns()).containsExactly("id", "name", "as_of", "last_interaction_at", "last_email_at",
        "last_email_reply_at", "last_meeting_at", "next_meeting_at", "emails_30d", "meetings_30d");
    assertThat(lines(out)).containsExactly(
        "u1,name of u1,2026-06-30T00:00:00Z,2026-06-30T00:00:00Z,2026-06-30T00:00:00Z,2026-06-20T08:00:00Z,"
            + "2026-06-29T10:00:00Z,2026-07-01T10:00:00Z,2,1",
        "u2,name of u2,2026-06-30T00:00:00Z,2026-06-30T00:00:00Z,2026-06-10T09:00:00Z,,"
            + "2026-06-30T00:00:00Z,,1,0",
        "u3,name of u3,2026-06-30T00:00:00Z,2026-06-10T09:00:00Z,2026-06-10T09:00:00Z,2026-06-10T09:00:00Z,"
            + ",,1,0",
        "u4,name of u4,2026-06-30T00:00:00Z,,,,,2026-07-05T09:00:00Z,0,0",
        "u5,name of u5,2026-06-30T00:00:00Z,,,,,,0,0");
  }

  @Test
  void countsOnlyWithoutSendersAndWithExtraWindows(SparkSession spark) {
    email("2026-06-25T09:00:00Z", List.of("t1"), "t1");
    email("2026-06-05T09:00:00Z", List.of("t1", "t2"), "t1");
    meeting("2026-06-29T09:00:00Z", List.of("t2"));
    meeting("2026-04-15T09:00:00Z", List.of("t2"));
    Dataset<Row> itemsFrame = spark.createDataFrame(items, ITEMS);
    AsOf withWeek = new AsOf(AS_OF.instant(), List.of(7, 90));

    // Team activity's shape: no "last"/"next" columns, one pair of counts per window, 30 days first.
    Dataset<Row> counts = EntityMetrics.compute(itemsFrame, "entity_ids", null, entities(spark, "t1", "t2", "t3"),
        withWeek, false);
    assertThat(counts.columns()).containsExactly("id", "name", "as_of", "emails_30d", "meetings_30d",
        "emails_7d", "meetings_7d", "emails_90d", "meetings_90d");
    assertThat(lines(counts)).containsExactly(
        "t1,name of t1,2026-06-30T00:00:00Z,2,0,1,0,2,0",
        "t2,name of t2,2026-06-30T00:00:00Z,1,1,0,1,1,2",
        "t3,name of t3,2026-06-30T00:00:00Z,0,0,0,0,0,0");

    // Without a sender column nobody has replied.
    Dataset<Row> noSenders = EntityMetrics.compute(itemsFrame, "entity_ids", null, entities(spark, "t1"),
        AS_OF, true);
    assertThat(noSenders.select("id", "last_email_at", "last_email_reply_at").collectAsList())
        .extracting(CsvFormat::line).containsExactly("t1,2026-06-25T09:00:00Z,");
  }
}
