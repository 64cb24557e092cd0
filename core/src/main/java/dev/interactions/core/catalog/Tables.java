package dev.interactions.core.catalog;

import static dev.interactions.core.catalog.TableDefinitions.ATTENDEES;
import static dev.interactions.core.catalog.TableDefinitions.STRINGS;
import static dev.interactions.core.catalog.TableDefinitions.col;
import static dev.interactions.core.catalog.TableDefinitions.define;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import java.util.Optional;

/** The table catalog: every table of the warehouse, its schema, key and column meanings. */
public final class Tables {
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
          col("deleted_at", TimestampType, "When the Google source saw it deleted; a tombstone that no later copy revives, ignored by transform"),
          col("source_ref", StringType, "Where it came from: file:line, or the API resource"),
          col("ingested_at", TimestampType, "When this version was landed"),
          col("run_id", StringType, "The ingest run that landed this version"),
          col("retained_decision", StringType, "internal_only when transform stripped the copy to its bookkeeping "
              + "(ids, labels, dates; no addresses, subject, snippet or raw_json); later runs keep that decision"),
          col("retained_direction", StringType, "The direction decided before the copy was stripped"));

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
          col("deleted_at", TimestampType, "When a full resync no longer listed it; a tombstone that no later copy revives, ignored by transform"),
          col("source_ref", StringType, "Where it came from: file:line, or the API resource"),
          col("ingested_at", TimestampType, "When this version was landed"),
          col("run_id", StringType, "The ingest run that landed this version"));

  public static final Table SYNC_STATE =
      define("bronze", "sync_state", "Per mailbox and source: the sync cursor and how the last run went.",
          List.of("mailbox", "source"),
          col("mailbox", StringType, "Connected team member's address"),
          col("source", StringType, "gmail or calendar"),
          col("origin", StringType, "files or google"),
          col("auth_state", StringType, "ok, auth_revoked, not_connected (no token for this mailbox) or not_applicable (files)"),
          col("cursor", StringType, "Where the next incremental sync starts; null for files. Stored only with or after the data it covers"),
          col("cursor_kind", StringType, "historyId (gmail) or syncToken (calendar); null for files"),
          col("status", StringType, "ok, partial (stopped early, goes on next run), failed or syncing; null when never attempted"),
          col("last_success_at", TimestampType, "End of the last successful sync"),
          col("last_attempt_at", TimestampType, "End of the last attempt"),
          col("error", StringType, "Last error, one line, without secrets"),
          col("resources_seen", LongType, "Resources in the last attempt's input: read, or in files unchanged since read"),
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

  public static final Table INGESTED_FILES =
      define("bronze", "ingested_files", "Input files the files source read whole, with the size and modification "
          + "time they had: a later ingest skips a file whose size and time are unchanged.", List.of("source", "ref"),
          col("source", StringType, "gmail or calendar"),
          col("mailbox", StringType, "Mailbox folder the file is in"),
          col("ref", StringType, "The file's path relative to the input folder"),
          col("size_bytes", LongType, "Its size when read"),
          col("modified_at", TimestampType, "Its modification time when read"),
          col("resources", LongType, "Resources it held"),
          col("run_id", StringType, "The run that read it"));

  public static final Table SUPPRESSIONS =
      define("bronze", "suppressions", "People erased with forget: ingests drop every resource that holds one of "
          + "these addresses. Only a salted hash of each address is kept.", List.of("address_hash"),
          col("address_hash", StringType, "SHA-256 (hex) of the salt and the lower-cased address"),
          col("salt", StringType, "The warehouse's salt (the same on every row)"),
          col("suppressed_at", TimestampType, "When forget added it"));

  public static final Table RUNS =
      define("bronze", "runs", "The run log: one row per run and stage (ingest, transform, metrics), written when the "
          + "stage ends, whether it succeeded or not.", List.of("run_id", "stage"),
          col("run_id", StringType, "The run (recorded in every row it wrote)"),
          col("stage", StringType, "ingest, transform or metrics"),
          col("started_at", TimestampType, "When the stage started"),
          col("ended_at", TimestampType, "When it ended"),
          col("inputs_read", LongType, "Resources read (ingest), emails and meetings decided (transform), users, "
              + "customers and team members (metrics)"),
          col("rows_written", LongType, "Bronze rows inserted or updated (ingest), interactions (transform), "
              + "metric rows (metrics)"),
          col("quarantined", LongType, "Files or lines quarantined (ingest)"),
          col("outcome", StringType, "complete, partial (some mailboxes failed) or failed"),
          col("error", StringType, "Why it failed, one line; null otherwise"),
          col("host", StringType, "Host the run ran on"),
          col("pid", LongType, "Its process id"));

  // ---------------------------------------------------------------- silver
  public static final Table EMAIL_MESSAGES =
      define("silver", "email_messages", "One row per distinct email (copies merged by Message-ID), with its decision.",
          List.of("message_key"),
          col("message_key", StringType, "Message-ID without angle brackets; gmail:<mailbox>:<id> when it has none"),
          col("rfc822_message_id", StringType, "RFC 822 Message-ID without angle brackets, or null"),
          col("mailboxes", STRINGS, "Connected mailboxes holding a copy"),
          col("gmail_ids", STRINGS, "Gmail ids of the copies"),
          col("thread_keys", STRINGS, "<mailbox>/<threadId> of the copies"),
          col("sent_at", TimestampType, "Earliest Gmail internalDate among the copies (UTC)"),
          col("from_address", StringType, "Sender (From) of the earliest copy, normalised"),
          col("from_name", StringType, "Sender's display name, RFC 2047 decoded"),
          col("subject", StringType, "Subject of the earliest copy, RFC 2047 decoded"),
          col("snippet", StringType, "Gmail snippet of the earliest copy"),
          col("to_addresses", STRINGS, "To addresses over all copies"),
          col("cc_addresses", STRINGS, "Cc addresses over all copies"),
          col("bcc_addresses", STRINGS, "Bcc addresses (only in the sender's copy)"),
          col("reply_to_ids", STRINGS, "Message-IDs in In-Reply-To and References"),
          col("labels", STRINGS, "Gmail labels over all copies"),
          col("participants", STRINGS, "From, To, Cc, Bcc and the owners of the mailboxes holding a copy"),
          col("direction", StringType, "outbound (sender is a team member), inbound (a known contact) or third_party"),
          col("synced", BooleanType, "True when the email is a customer interaction"),
          col("exclusion_reason", StringType, "draft, spam_or_trash, internal_only, no_known_contact or third_party_sender"),
          col("team_member_ids", STRINGS, "Team members among the participants"),
          col("user_ids", STRINGS, "Users whose email is a participant"),
          col("customer_ids", STRINGS, "Customers of the known contacts among the participants"),
          col("sender_user_ids", STRINGS, "Users whose email is the sender"),
          col("sender_customer_ids", STRINGS, "Customers the sender is a contact of"),
          col("interaction_id", StringType, "The conversation it belongs to (synced emails only)"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table MEETINGS =
      define("silver", "meetings", "One row per meeting occurrence (iCalUID and original start), with its decision.",
          List.of("meeting_key"),
          col("meeting_key", StringType, "<iCalUID>|<original start or start, ISO 8601 UTC>"),
          col("i_cal_uid", StringType, "iCalUID"),
          col("event_ids", STRINGS, "Event ids of the copies"),
          col("calendars", STRINGS, "Connected mailboxes whose calendar holds a copy"),
          col("subject", StringType, "Summary of the latest-updated copy"),
          col("start_at", TimestampType, "Start (all-day: 00:00 UTC of its date)"),
          col("end_at", TimestampType, "End"),
          col("all_day", BooleanType, "Date-only event"),
          col("status", StringType, "Status of the latest-updated copy"),
          col("event_type", StringType, "eventType of the latest-updated copy"),
          col("organizer", StringType, "Organizer's address"),
          col("updated", TimestampType, "'updated' of the copy that gives the fields"),
          col("participants", STRINGS, "Organizer and attendees who did not decline; rooms excluded"),
          col("direction", StringType, "outbound (organized by a team member), inbound or third_party"),
          col("synced", BooleanType, "True when the meeting is a customer interaction"),
          col("exclusion_reason", StringType, "cancelled, not_a_meeting, internal_only, no_known_contact or third_party_sender"),
          col("team_member_ids", STRINGS, "Team members among the participants"),
          col("user_ids", STRINGS, "Users among the participants"),
          col("customer_ids", STRINGS, "Customers of the known contacts among the participants"),
          col("interaction_id", StringType, "The meeting's interaction (synced meetings only)"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table TEAM_MEMBERS =
      define("silver", "team_members", "Team members as used by the last transform.", List.of("team_member_id"),
          col("team_member_id", StringType, "Team member id"),
          col("email", StringType, "Primary address"),
          col("aliases", STRINGS, "Other addresses of the same person"),
          col("mailbox_connected", BooleanType, "True when bronze holds Gmail or Calendar data of its email"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table USERS =
      define("silver", "users", "Customer contacts as used by the last transform.", List.of("user_id"),
          col("user_id", StringType, "User id"),
          col("email", StringType, "Contact address, normalised"),
          col("customer_id", StringType, "The user's customer"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table CUSTOMERS =
      define("silver", "customers", "Customers as used by the last transform.", List.of("customer_id"),
          col("customer_id", StringType, "Customer id"),
          col("name", StringType, "Customer name"),
          col("domains", STRINGS, "Company domains (public mail domains ignored)"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table SETTINGS =
      define("silver", "settings", "The settings of the last transform (one row); metrics reads them.", List.of(),
          col("sync_to", StringType, "users or customers"),
          col("include_third_party_senders", BooleanType, "The include-third-party-senders setting"),
          col("internal_domains", STRINGS, "Effective internal domains"),
          col("public_mail_domains", STRINGS, "Public mail provider domains"),
          col("reference", StringType, "Where the reference data came from"),
          col("run_id", StringType, "The transform run"),
          col("transformed_at", TimestampType, "When it ran"));

  public static final Table REFERENCE_WARNINGS =
      define("silver", "reference_warnings", "Data-quality findings about the reference data of the last transform.",
          List.of("kind", "subject"),
          col("kind", StringType, "public_mail_customer_domain, email_on_several_users, internal_user_email, "
              + "team_member_without_mailbox, ..."),
          col("subject", StringType, "The id or address concerned"),
          col("detail", StringType, "What was found and what the pipeline does about it"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table TRANSFORM_STATE =
      define("silver", "transform_state", "Per bronze source: what the last complete transform consumed, so that "
          + "the next one recomputes only what changed since.", List.of("source"),
          col("source", StringType, "gmail or calendar"),
          col("ingested_at", TimestampType, "The latest bronze ingested_at the transform read: later rows are new"),
          col("inputs_fingerprint", StringType, "SHA-256 of what every decision depends on besides bronze (settings, "
              + "reference data, suppression list, rules version): a change means a full recompute"),
          col("run_id", StringType, "The transform run"),
          col("transformed_at", TimestampType, "When it ran"));

  // ---------------------------------------------------------------- gold
  public static final Table INTERACTIONS =
      define("gold", "interactions", "Customer interactions: email conversations and meetings.",
          List.of("interaction_id"),
          col("interaction_id", StringType, "Stable id: from the key of the conversation's earliest message, or the meeting"),
          col("interaction_type", StringType, "email or meeting"),
          col("subject", StringType, "Earliest message's subject without Re:/Fwd: prefixes, or the meeting's summary"),
          col("started_at", TimestampType, "First message sent_at, or meeting start"),
          col("last_activity_at", TimestampType, "Last message sent_at, or meeting start"),
          col("ended_at", TimestampType, "Meeting end (null for emails)"),
          col("message_count", LongType, "Messages in the conversation (null for meetings)"),
          col("team_member_ids", STRINGS, "Team members involved"),
          col("user_ids", STRINGS, "Users involved"),
          col("customer_ids", STRINGS, "Customers involved"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table INTERACTION_LINKS =
      define("gold", "interaction_links", "Long form of the interactions' ids, for joins: one row per interaction and linked id.",
          List.of("interaction_id", "role", "id"),
          col("interaction_id", StringType, "Interaction"),
          col("role", StringType, "user, customer or team_member"),
          col("id", StringType, "The user, customer or team member id"),
          col("run_id", StringType, "The transform run that wrote the table"));

  public static final Table INTERACTION_MESSAGES =
      define("gold", "interaction_messages", "Drill-down: the emails of each email interaction.",
          List.of("interaction_id", "message_key"),
          col("interaction_id", StringType, "Interaction"),
          col("message_key", StringType, "silver.email_messages key"),
          col("sent_at", TimestampType, "When it was sent"),
          col("from_address", StringType, "Sender"),
          col("direction", StringType, "outbound, inbound or third_party"),
          col("subject", StringType, "Subject as sent"),
          col("snippet", StringType, "Gmail snippet"),
          col("run_id", StringType, "The transform run that wrote the table"));

  // ---------------------------------------------------------------- gold metrics
  public static final Table USER_METRICS =
      define("gold", "user_metrics", "Per user (customer contact), as of one instant T: last interactions and "
          + "window counts. Extra windows (--windows) add emails_<N>d and meetings_<N>d.", List.of("user_id"),
          col("user_id", StringType, "User id"),
          col("customer_id", StringType, "The user's customer"),
          col("email", StringType, "The user's address (figures use this exact address)"),
          col("as_of", TimestampType, "T: the instant the figures are computed at"),
          col("last_interaction_at", TimestampType, "Latest email sent_at or meeting start <= T"),
          col("last_email_at", TimestampType, "Latest email sent_at <= T"),
          col("last_email_reply_at", TimestampType, "Latest email <= T sent from the user's address"),
          col("last_meeting_at", TimestampType, "Latest meeting start <= T"),
          col("next_meeting_at", TimestampType, "Earliest meeting start > T"),
          col("emails_30d", LongType, "Synced emails (messages, not conversations) with sent_at in [T - 30 days, T)"),
          col("meetings_30d", LongType, "Synced meetings starting in [T - 30 days, T)"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  public static final Table CUSTOMER_METRICS =
      define("gold", "customer_metrics", "Per customer, as of one instant T: the union over its contacts.",
          List.of("customer_id"),
          col("customer_id", StringType, "Customer id"),
          col("name", StringType, "Customer name"),
          col("as_of", TimestampType, "T: the instant the figures are computed at"),
          col("last_interaction_at", TimestampType, "Latest email sent_at or meeting start <= T"),
          col("last_email_at", TimestampType, "Latest email sent_at <= T"),
          col("last_email_reply_at", TimestampType, "Latest email <= T sent by one of the customer's contacts"),
          col("last_meeting_at", TimestampType, "Latest meeting start <= T"),
          col("next_meeting_at", TimestampType, "Earliest meeting start > T"),
          col("emails_30d", LongType, "Synced emails with sent_at in [T - 30 days, T)"),
          col("meetings_30d", LongType, "Synced meetings starting in [T - 30 days, T)"),
          col("awaiting_reply", LongType, "Its rows in gold.awaiting_reply: waits open at T, opened in the window"),
          col("median_reply_minutes_30d", DoubleType, "Median reply time in minutes of the waits opened in the window "
              + "in its conversations and answered by T; null when none"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  public static final Table TEAM_ACTIVITY =
      define("gold", "team_activity", "Per team member, as of one instant T: synced emails and meetings it took part in.",
          List.of("team_member_id"),
          col("team_member_id", StringType, "Team member id"),
          col("email", StringType, "The team member's primary address"),
          col("as_of", TimestampType, "T: the instant the figures are computed at"),
          col("emails_30d", LongType, "Synced emails with one of its addresses as participant, sent in [T - 30 days, T)"),
          col("meetings_30d", LongType, "Synced meetings with one of its addresses as participant, starting in the window"),
          col("replies_30d", LongType, "Waits opened in the window and answered by T by a message from one of its addresses"),
          col("median_reply_minutes_30d", DoubleType, "Median reply time in minutes of those replies; null when none"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  public static final Table TEAM_ACTIVITY_ITEMS =
      define("gold", "team_activity_items", "Drill-down: exactly the emails and meetings behind team_activity's 30-day counts.",
          List.of("team_member_id", "item_type", "item_key"),
          col("team_member_id", StringType, "Team member id"),
          col("interaction_id", StringType, "The interaction the item belongs to"),
          col("item_type", StringType, "email or meeting"),
          col("item_key", StringType, "silver.email_messages.message_key or silver.meetings.meeting_key"),
          col("at", TimestampType, "Email sent_at or meeting start"),
          col("as_of", TimestampType, "T"),
          col("run_id", StringType, "The metrics run that wrote the table"));

  public static final Table DAILY_ACTIVITY =
      define("gold", "daily_activity", "Per day, team member and customer: that team member's synced emails and "
          + "meetings with that customer (an item with two customers counts in each customer's row).",
          List.of("date", "team_member_id", "customer_id"),
          col("date", DateType, "UTC day of the email sent_at or meeting start"),
          col("team_member_id", StringType, "Team member id"),
          col("customer_id", StringType, "Customer id"),
          col("emails", LongType, "Synced emails that day"),
          col("meetings", LongType, "Synced meetings that day"),
          col("run_id", StringType, "The metrics run that last recomputed the row's day"));

  public static final Table METRIC_DAYS =
      define("gold", "metric_days", "What the metric figures are summed from: per user, customer or team member, "
          + "item type and UTC day, that day's items (as attributed in silver). Every run recomputes only the days "
          + "whose items changed (see gold.metric_day_prints); a figure as of T adds the whole days of its windows "
          + "to the items of the days T and the windows' starts fall in.",
          List.of("entity_type", "entity_id", "item_type", "day"),
          col("entity_type", StringType, "user, customer or team_member"),
          col("entity_id", StringType, "user_id, customer_id or team_member_id (ids the reference data may not hold)"),
          col("item_type", StringType, "email or meeting"),
          col("day", DateType, "UTC day of the email sent_at or meeting start"),
          col("items", LongType, "Synced items of the entity that day"),
          col("first_at", TimestampType, "The day's earliest item"),
          col("last_at", TimestampType, "The day's latest item"),
          col("last_from_at", TimestampType, "The day's latest email sent by the entity; null when none (and for team members)"),
          col("run_id", StringType, "The metrics run that last recomputed the row's day"));

  public static final Table METRIC_DAY_PRINTS =
      define("gold", "metric_day_prints", "Per item type and UTC day, a fingerprint of the day's synced items as "
          + "gold.metric_days and gold.daily_activity last summed them: a day whose fingerprint differs from "
          + "silver's is recomputed.", List.of("item_type", "day"),
          col("item_type", StringType, "email or meeting"),
          col("day", DateType, "UTC day"),
          col("items", LongType, "Synced items that day"),
          col("fingerprint", LongType, "XOR of a 64-bit hash of every item's attributed columns"),
          col("check_hash", IntegerType, "XOR of a second, 32-bit hash of the same columns"),
          col("run_id", StringType, "The metrics run that wrote the table"));

  public static final Table AWAITING_REPLY =
      define("gold", "awaiting_reply", "Email conversations waiting for an answer at T: one row per wait (an inbound "
          + "message after no or an outbound one, not answered by an outbound message at or before T) opened in "
          + "[T - 30 days, T).", List.of("interaction_id"),
          col("interaction_id", StringType, "The conversation"),
          col("opened_at", TimestampType, "sent_at of the inbound message that opened the wait"),
          col("from_address", StringType, "Sender of that message"),
          col("subject", StringType, "The conversation's subject, as in gold.interactions"),
          col("user_ids", STRINGS, "The conversation's users, as in gold.interactions (messages after T included)"),
          col("customer_ids", STRINGS, "The conversation's customers, as in gold.interactions"),
          col("team_member_ids", STRINGS, "The conversation's team members, as in gold.interactions"),
          col("waiting_hours", DoubleType, "T - opened_at, in hours (to the millisecond)"),
          col("as_of", TimestampType, "T"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  public static final Table CUSTOMER_ENGAGEMENT =
      define("gold", "customer_engagement", "Per customer, as of T: activity in the window against its earlier "
          + "baseline, and the trend.", List.of("customer_id"),
          col("customer_id", StringType, "Customer id"),
          col("as_of", TimestampType, "T"),
          col("activity_30d", LongType, "emails_30d + meetings_30d"),
          col("baseline_30d", DoubleType, "Synced emails and meetings in [T - 120 days, T - 30 days), divided by 3"),
          col("trend", StringType, "First match: none (both zero), new (baseline zero), dark (activity zero), "
              + "dropping (activity < 0.5 x baseline), rising (activity > 1.5 x baseline and >= 3), steady"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  public static final Table METRIC_HISTORY =
      define("gold", "metric_history", "The metric and signal figures of every user, customer and team member, one "
          + "row per T a metrics run computed (each run replaces the rows of its T). Only the 30-day window's columns; "
          + "columns an entity type does not have are null.", List.of("as_of", "entity_type", "entity_id"),
          col("as_of", TimestampType, "T: the instant the figures are computed at"),
          col("entity_type", StringType, "user, customer or team_member"),
          col("entity_id", StringType, "user_id, customer_id or team_member_id"),
          col("customer_id", StringType, "A user's customer; a customer's own id; null for team members"),
          col("last_interaction_at", TimestampType, "As in gold.user_metrics and gold.customer_metrics"),
          col("last_email_at", TimestampType, "As in gold.user_metrics and gold.customer_metrics"),
          col("last_email_reply_at", TimestampType, "As in gold.user_metrics and gold.customer_metrics"),
          col("last_meeting_at", TimestampType, "As in gold.user_metrics and gold.customer_metrics"),
          col("next_meeting_at", TimestampType, "As in gold.user_metrics and gold.customer_metrics"),
          col("emails_30d", LongType, "As in the entity's metric table"),
          col("meetings_30d", LongType, "As in the entity's metric table"),
          col("replies_30d", LongType, "Team members: as in gold.team_activity"),
          col("median_reply_minutes_30d", DoubleType, "Team members and customers: as in gold.team_activity and "
              + "gold.customer_metrics"),
          col("awaiting_reply", LongType, "Customers: as in gold.customer_metrics"),
          col("activity_30d", LongType, "Customers: as in gold.customer_engagement"),
          col("baseline_30d", DoubleType, "Customers: as in gold.customer_engagement"),
          col("trend", StringType, "Customers: as in gold.customer_engagement"),
          col("run_id", StringType, "The metrics run that wrote the row"));

  private Tables() {}

  /** Every table in the catalog, in data-flow order. */
  public static List<Table> all() {
    return TableDefinitions.all();
  }

  /** A table by qualified name, for example {@code silver.email_messages}. */
  public static Optional<Table> byName(String qualifiedName) {
    return TableDefinitions.byName(qualifiedName);
  }
}
