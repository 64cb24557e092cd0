package dev.interactions.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.RowBuilder;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Landing rows for bronze, built by column name, shared by every source: a Gmail Message or a
 * Calendar Event resource goes through the one parser ({@link GmailResources}, {@link
 * CalendarResources}) whether it came from a file or from the API, so both land the same columns.
 * A landing row has its table's columns without ingested_at and run_id (added when landing), plus
 * {@code q_reason} and {@code q_raw}, set only on a row bound for bronze.quarantine.
 */
public final class BronzeRows {
  /** The calendar both sources land: the owner's primary calendar. */
  public static final String PRIMARY = "primary";

  public static final StructType GMAIL = landingSchema(Tables.GMAIL_MESSAGES);
  public static final StructType CALENDAR = landingSchema(Tables.CALENDAR_EVENTS);

  /** The headers kept in their own columns, as lower-case names. */
  public static final List<String> HEADERS = List.of("from", "to", "cc", "bcc", "subject", "message-id",
      "in-reply-to", "references", "date");

  /** How much of an unlandable resource bronze.quarantine keeps. */
  public static final int RAW_LIMIT = 2000;

  private BronzeRows() {}

  /** A table's columns without ingested_at and run_id, plus the quarantine reason and excerpt. */
  public static StructType landingSchema(Table table) {
    return table.schemaWithout("ingested_at", "run_id")
        .add("q_reason", DataTypes.StringType)
        .add("q_raw", DataTypes.StringType);
  }

  /** A Gmail Message resource as a landing row, or a quarantine row saying why it cannot land. */
  public static Row gmail(String mailbox, String sourceRef, JsonNode resource, String raw) {
    GmailResources.Parsed p = GmailResources.parse(resource);
    if (p.problem() != null) {
      return quarantine(GMAIL, mailbox, sourceRef, p.problem(), truncate(raw));
    }
    RowBuilder row = RowBuilder.of(GMAIL)
        .setRecord(p.message(), "headers")
        .set("mailbox", mailbox)
        .set("raw_json", raw)
        .set("source_ref", sourceRef);
    // Each header the transform reads has its column: from_header, message_id_header, ...
    for (String header : HEADERS) {
      row.set(header.replace('-', '_') + "_header", p.message().header(header));
    }
    return row.build();
  }

  /**
   * A deleted message: only its key, the history id of the deletion and when it was seen. Landing
   * marks the stored copy deleted (keeping its fields) or stores the bare tombstone.
   */
  public static Row gmailTombstone(String mailbox, String id, Long historyId, Timestamp deletedAt,
      String sourceRef) {
    return RowBuilder.of(GMAIL)
        .set("mailbox", mailbox)
        .set("id", id)
        .set("history_id", historyId)
        .set("deleted_at", deletedAt)
        .set("source_ref", sourceRef)
        .build();
  }

  /** An event a full resync no longer lists: marks the stored copy deleted, keeping its fields. */
  public static Row calendarTombstone(String mailbox, String id, Timestamp deletedAt, String sourceRef) {
    return RowBuilder.of(CALENDAR)
        .set("mailbox", mailbox)
        .set("calendar_id", PRIMARY)
        .set("id", id)
        .set("deleted_at", deletedAt)
        .set("source_ref", sourceRef)
        .build();
  }

  /** A Calendar Event resource as a landing row of the primary calendar, or a quarantine row. */
  public static Row calendar(String mailbox, String sourceRef, JsonNode resource, String pageTimeZone,
      String raw) {
    CalendarResources.Parsed p = CalendarResources.parse(resource, pageTimeZone);
    if (p.problem() != null) {
      return quarantine(CALENDAR, mailbox, sourceRef, p.problem(), truncate(raw));
    }
    return RowBuilder.of(CALENDAR)
        .setRecord(p.event())
        .set("mailbox", mailbox)
        .set("calendar_id", PRIMARY)
        .set("raw_json", raw)
        .set("source_ref", sourceRef)
        .build();
  }

  /** A landing row that carries only its mailbox, ref and the reason it is quarantined. */
  public static Row quarantine(StructType landing, String mailbox, String ref, String reason, String raw) {
    return RowBuilder.of(landing)
        .set("mailbox", mailbox)
        .set("source_ref", ref)
        .set("q_reason", reason)
        .set("q_raw", raw)
        .build();
  }

  public static String truncate(String raw) {
    if (raw == null) {
      return null;
    }
    return raw.length() <= RAW_LIMIT ? raw : raw.substring(0, RAW_LIMIT);
  }
}
