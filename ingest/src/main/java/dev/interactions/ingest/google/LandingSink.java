package dev.interactions.ingest.google;

import dev.interactions.ingest.SyncState;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Where mailbox syncs hand what they fetched. Rows and states are landed in the order handed in,
 * so a sync hands its state (with the new cursor) after all the rows that cursor covers.
 */
interface LandingSink {
  void gmail(List<Row> rows) throws InterruptedException;

  void calendar(List<Row> rows) throws InterruptedException;

  void state(SyncState state) throws InterruptedException;

  /**
   * What one source's sync of one mailbox fetched, and where the next sync starts; {@code partial}
   * when it stopped at its time budget (the cursor is then a backfill checkpoint).
   */
  record Synced(String cursor, long fetched, long deleted, long quarantined, boolean partial) {
    Synced(String cursor, long fetched, long deleted, long quarantined) {
      this(cursor, fetched, deleted, quarantined, false);
    }
  }
}
