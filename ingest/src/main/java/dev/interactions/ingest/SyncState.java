package dev.interactions.ingest;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.RowBuilder;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;

/**
 * One row of bronze.sync_state: how the last sync of one mailbox and source went, and where the
 * next one starts. A null cursor or last_success_at keeps the stored one when landed (a failed
 * attempt must not forget where the last good one ended).
 */
public record SyncState(
    String mailbox,
    String source,
    String origin,
    String authState,
    String cursor,
    String cursorKind,
    String status,
    Timestamp lastSuccessAt,
    Timestamp lastAttemptAt,
    String error,
    long resourcesSeen,
    long quarantined) implements java.io.Serializable {

  public static final String GMAIL = "gmail";
  public static final String CALENDAR = "calendar";

  public static final String ORIGIN_FILES = "files";
  public static final String ORIGIN_GOOGLE = "google";

  public static final String AUTH_OK = "ok";
  public static final String AUTH_REVOKED = "auth_revoked";
  public static final String NOT_CONNECTED = "not_connected";
  public static final String NOT_APPLICABLE = "not_applicable";

  public static final String OK = "ok";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";
  public static final String SYNCING = "syncing";

  public static final String HISTORY_ID = "historyId";
  public static final String SYNC_TOKEN = "syncToken";

  /**
   * This state landed over an earlier one of the same key in the same commit: what this one leaves
   * null (cursor, cursor_kind, last_success_at) stays as the earlier one says, as when landed apart.
   */
  public SyncState over(SyncState earlier) {
    boolean keepCursor = cursor == null;
    return new SyncState(mailbox, source, origin, authState, keepCursor ? earlier.cursor : cursor,
        keepCursor ? earlier.cursorKind : cursorKind, status,
        lastSuccessAt == null ? earlier.lastSuccessAt : lastSuccessAt, lastAttemptAt, error, resourcesSeen,
        quarantined);
  }

  public Row toRow(String runId) {
    return RowBuilder.of(Tables.SYNC_STATE.schema())
        .set("mailbox", mailbox)
        .set("source", source)
        .set("origin", origin)
        .set("auth_state", authState)
        .set("cursor", cursor)
        .set("cursor_kind", cursorKind)
        .set("status", status)
        .set("last_success_at", lastSuccessAt)
        .set("last_attempt_at", lastAttemptAt)
        .set("error", error)
        .set("resources_seen", resourcesSeen)
        .set("quarantined", quarantined)
        .set("run_id", runId)
        .build();
  }
}
