package dev.interactions.transform.meetings;

import static dev.interactions.core.spark.Seqs.seq;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.RowValues;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.attribution.InteractionRules;
import dev.interactions.transform.attribution.Verdict;
import dev.interactions.transform.conversations.Conversations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * silver.meetings: one row per occurrence (iCalUID plus original start), the copy with the latest
 * {@code updated} giving every field, decided with the rules of SPEC.md "Meetings".
 */
public final class Meetings {
  static final Set<String> NOT_MEETINGS = Set.of("outOfOffice", "focusTime", "workingLocation");

  private Meetings() {}

  public static Dataset<Row> build(Dataset<Row> events, Broadcast<Directory> directory) {
    Dataset<Row> keyed = events.withColumn("meeting_key", concat(
        coalesce(col("i_cal_uid"), col("id")), lit("|"),
        // An event without any start still has a key: its iCalUID (or id) and an empty time part.
        coalesce(date_format(coalesce(col("original_start_at"), col("start_at")), "yyyy-MM-dd'T'HH:mm:ss'Z'"),
            lit(""))));
    Dataset<Row> copies = keyed.groupBy("meeting_key").agg(
        array_sort(collect_set("mailbox")).as("calendars"),
        array_sort(collect_set("id")).as("event_ids"));
    Dataset<Row> latest = keyed
        .withColumn("_rank", row_number().over(Window.partitionBy("meeting_key")
            .orderBy(col("updated").desc_nulls_last(), col("mailbox"), col("id"))))
        .where(col("_rank").equalTo(1))
        .join(copies, "meeting_key")
        .select(col("meeting_key"), col("i_cal_uid"), col("event_ids"), col("calendars"), col("summary"),
            col("start_at"), col("end_at"), col("all_day"), col("status"), col("event_type"),
            col("organizer_email"), col("updated"), col("attendees"));
    Dataset<Row> decided = latest.mapPartitions(new Decide(directory), Encoders.row(decidedSchema()));
    return decided.withColumn("interaction_id",
        when(col("synced"), Conversations.interactionId("meeting", col("meeting_key"))));
  }

  static StructType decidedSchema() {
    StructType s = new StructType();
    for (var f : Tables.MEETINGS.schema().fields()) {
      if (!f.name().equals("interaction_id")) {
        s = s.add(f);
      }
    }
    return s;
  }

  static final class Decide implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Directory> directory;

    Decide(Broadcast<Directory> directory) {
      this.directory = directory;
    }

    @Override
    public java.util.Iterator<Row> call(java.util.Iterator<Row> rows) {
      Directory dir = directory.value();
      List<Row> out = new ArrayList<>();
      rows.forEachRemaining(r -> out.add(decideOne(dir, r)));
      return out.iterator();
    }
  }

  static Row decideOne(Directory dir, Row m) {
    String organizer = m.getString(10);
    List<String> recipients = new ArrayList<>();
    List<Row> attendees = RowValues.list(m, "attendees");
    for (Row a : attendees) {
      // Bronze may hold attendees without an email (or null entries): they are nobody to attribute.
      String email = a == null ? null : RowValues.string(a, "email");
      boolean declined = email == null || "declined".equals(RowValues.string(a, "response_status"));
      if (!declined && !RowValues.flag(a, "resource") && !email.equals(organizer)) {
        recipients.add(email);
      }
    }
    String eventType = RowValues.string(m, "event_type");
    String earlier = "cancelled".equals(m.getString(8)) ? InteractionRules.CANCELLED
        : eventType != null && NOT_MEETINGS.contains(eventType) ? InteractionRules.NOT_A_MEETING : null;
    Verdict v = InteractionRules.decide(dir, organizer, recipients, earlier);
    return RowFactory.create(m.get(0), m.get(1), m.get(2), m.get(3), m.get(4), m.get(5), m.get(6), m.get(7),
        m.get(8), m.get(9), organizer, m.get(11), seq(v.participants()), v.direction(), v.synced(),
        v.exclusionReason(), seq(v.teamMemberIds()), seq(v.userIds()), seq(v.customerIds()));
  }
}
