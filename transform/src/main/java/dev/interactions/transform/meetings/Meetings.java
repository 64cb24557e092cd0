package dev.interactions.transform.meetings;

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
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.attribution.InteractionRules;
import dev.interactions.transform.attribution.Verdict;
import dev.interactions.transform.conversations.Conversations;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructType;

/**
 * silver.meetings: one row per occurrence (iCalUID plus original start), the copy with the latest
 * {@code updated} giving every field, decided with the rules of SPEC.md "Meetings".
 */
public final class Meetings {
  static final Set<String> NOT_MEETINGS = Set.of("outOfOffice", "focusTime", "workingLocation");

  private static final StructType DECIDED = decidedSchema();

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
        .select(col("meeting_key"), col("i_cal_uid"), col("event_ids"), col("calendars"), col("summary").as("subject"),
            col("start_at"), col("end_at"), col("all_day"), col("status"), col("event_type"),
            col("organizer_email"), col("updated"), col("attendees"));
    Dataset<Row> decided = PerRow.flatMap(latest, DECIDED, (m, out) -> out.accept(decideOne(directory.value(), m)));
    return decided.withColumn("interaction_id",
        when(col("synced"), Conversations.interactionId("meeting", col("meeting_key"))));
  }

  static StructType decidedSchema() {
    return Tables.MEETINGS.schemaWithout("interaction_id");
  }

  /** Applies the exclusion rules in SPEC.md's order to one meeting (the latest-updated copy). */
  static Row decideOne(Directory dir, Row m) {
    String organizer = RowValues.string(m, "organizer_email");
    List<String> recipients = new ArrayList<>();
    for (Row a : RowValues.<Row>list(m, "attendees")) {
      // Bronze may hold attendees without an email (or null entries): they are nobody to attribute.
      String email = a == null ? null : RowValues.string(a, "email");
      boolean declined = email == null || "declined".equals(RowValues.string(a, "response_status"));
      if (!declined && !RowValues.flag(a, "resource") && !email.equals(organizer)) {
        recipients.add(email);
      }
    }
    String eventType = RowValues.string(m, "event_type");
    String earlier = "cancelled".equals(RowValues.string(m, "status")) ? InteractionRules.CANCELLED
        : eventType != null && NOT_MEETINGS.contains(eventType) ? InteractionRules.NOT_A_MEETING : null;
    Verdict v = InteractionRules.decide(dir, organizer, recipients, earlier);
    return v.fill(RowBuilder.of(DECIDED).setAll(m)).set("organizer", organizer).build();
  }
}
