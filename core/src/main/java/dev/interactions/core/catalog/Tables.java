package dev.interactions.core.catalog;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The table catalog: every table of the warehouse, its schema, key and column meanings. */
public final class Tables {
  private static final Map<String, Table> ALL = new LinkedHashMap<>();

  private static final DataType STRINGS = DataTypes.createArrayType(StringType, true);
  private static final ArrayType ATTENDEES =
      DataTypes.createArrayType(
          new StructType()
              .add("email", StringType)
              .add("response_status", StringType)
              .add("resource", BooleanType)
              .add("organizer", BooleanType));

  // ---------------------------------------------------------------- bronze
  public static final Table GMAIL_MESSAGES =
      define("bronze", "gmail_messages", "One Gmail Message resource per mailbox and Gmail id, as ingested.",
          List.of("mailbox", "id"),
          col("mailbox", StringType, "Connected team member's address whose mailbox holds this copy"),
          col("id", StringType, "Gmail message id (unique within the mailbox)"),
          col("thread_id", StringType, "Gmail threadId (meaningful within the mailbox only)"),
          col("history_id", LongType, "Gmail historyId of this copy; a re-ingest replaces the row only when newer"),
          col("internal_date", TimestampType, "Gmail internalDate (UTC)"),
          col("label_ids", STRINGS, "Gmail labelIds"),
          col("snippet", StringType, "Gmail snippet"),
          col("from_header", StringType, "Raw From header value(s)"),
          col("to_header", StringType, "Raw To header value(s), joined with ', '"),
          col("cc_header", StringType, "Raw Cc header value(s)"),
          col("bcc_header", StringType, "Raw Bcc header value(s) (sender's copy only)"),
          col("subject_header", StringType, "Raw Subject header value"),
          col("message_id_header", StringType, "Raw Message-ID header value"),
          col("in_reply_to_header", StringType, "Raw In-Reply-To header value"),
          col("references_header", StringType, "Raw References header value"),
          col("date_header", StringType, "Raw Date header value"),
          col("raw_json", StringType, "The resource as received"),
          col("source_ref", StringType, "Where it came from: file:line, or the API resource"),
          col("ingested_at", TimestampType, "When this version was landed"),
          col("run_id", StringType, "The ingest run that landed this version"));

  public static final Table CALENDAR_EVENTS =
      define("bronze", "calendar_events", "One Calendar Event resource per mailbox, calendar and event id, as ingested.",
          List.of("mailbox", "calendar_id", "id"),
          col("mailbox", StringType, "Connected team member's address whose calendar holds this copy"),
          col("calendar_id", StringType, "Calendar id; 'primary' for the files source and the owner's primary calendar"),
          col("id", StringType, "Event id (instances of recurring events have their own)"),
          col("i_cal_uid", StringType, "iCalUID, shared by the copies in every attendee's calendar"),
          col("updated", TimestampType, "Event 'updated'; a re-ingest replaces the row only when newer"),
          col("status", StringType, "confirmed, tentative or cancelled"),
          col("event_type", StringType, "default, outOfOffice, focusTime, workingLocation, ..."),
          col("summary", StringType, "Event title"),
          col("recurring_event_id", StringType, "Parent recurring event id of an instance"),
          col("start_at", TimestampType, "Start instant (all-day events: 00:00 UTC of the start date)"),
          col("end_at", TimestampType, "End instant (all-day events: 00:00 UTC of the end date)"),
          col("all_day", BooleanType, "True for date-only (all-day) events"),
          col("original_start_at", TimestampType, "originalStartTime of a recurring instance"),
          col("organizer_email", StringType, "Organizer's address, normalised"),
          col("attendees", ATTENDEES, "Attendees: normalised email, responseStatus, resource and organizer flags"),
          col("raw_json", StringType, "The resource as received"),
          col("source_ref", StringType, "Where it came from: file:line, or the API resource"),
          col("ingested_at", TimestampType, "When this version was landed"),
          col("run_id", StringType, "The ingest run that landed this version"));

  public static final Table SYNC_STATE =
      define("bronze", "sync_state", "Per mailbox and source: the sync cursor and how the last run went.",
          List.of("mailbox", "source"),
          col("mailbox", StringType, "Connected team member's address"),
          col("source", StringType, "gmail or calendar"),
          col("origin", StringType, "files, or the Google auth method used"),
          col("cursor", StringType, "Where the next incremental sync starts (historyId, syncToken); null for files"),
          col("status", StringType, "ok, failed or partial"),
          col("auth_state", StringType, "ok, failed or not_applicable (files)"),
          col("last_success_at", TimestampType, "End of the last successful sync"),
          col("last_attempt_at", TimestampType, "End of the last attempt"),
          col("error", StringType, "Last error, one line, without secrets"),
          col("resources_seen", LongType, "Resources read in the last attempt"),
          col("quarantined", LongType, "Files or lines quarantined in the last attempt"),
          col("run_id", StringType, "The last run that touched this row"));

  public static final Table QUARANTINE =
      define("bronze", "quarantine", "Input that could not be landed, with the reason; one row per source, mailbox and ref.",
          List.of("source", "mailbox", "ref"),
          col("source", StringType, "gmail or calendar"),
          col("mailbox", StringType, "Mailbox folder or account the input belongs to"),
          col("ref", StringType, "file:line relative to the input folder, or the API resource id"),
          col("reason", StringType, "Why it was not landed"),
          col("raw", StringType, "The offending input, truncated"),
          col("quarantined_at", TimestampType, "When it was first quarantined"),
          col("run_id", StringType, "The run that quarantined it"));

  private Tables() {}

  /** Every table in the catalog, in data-flow order. */
  public static List<Table> all() {
    return new ArrayList<>(ALL.values());
  }

  /** A table by qualified name, for example {@code silver.email_messages}. */
  public static Optional<Table> byName(String qualifiedName) {
    return Optional.ofNullable(ALL.get(qualifiedName));
  }

  /** A column with its meaning stored in the schema's metadata (read by the data dictionary). */
  static StructField col(String name, DataType type, String comment) {
    Metadata md = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type, true, md);
  }

  static Table define(String layer, String name, String description, List<String> key, StructField... columns) {
    Table table = new Table(layer, name, new StructType(columns), List.copyOf(key), description);
    if (ALL.putIfAbsent(table.qualifiedName(), table) != null) {
      throw new IllegalStateException("table defined twice: " + table);
    }
    return table;
  }

  static DataType strings() {
    return STRINGS;
  }
}
