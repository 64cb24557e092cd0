package dev.interactions.ingest.google;

import dev.interactions.ingest.google.LandingSink.Synced;
import dev.interactions.ingest.google.progress.IngestProgress;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.spark.sql.Row;

/**
 * What the Gmail and the Calendar sync of one mailbox share: where they land, how they call
 * Google, how they page through a listing, and how a full resync turns what the listing no
 * longer returns into tombstones.
 */
abstract class MailboxSync {
  /**
   * The ids bronze holds, not deleted, for a mailbox and source since an instant. A task cannot
   * read bronze: it has the ids its driver gave it, or throws {@link StoredIdsNeeded}.
   */
  @FunctionalInterface
  interface StoredIds {
    Set<String> since(String mailbox, Instant start);
  }

  /** The sync needs the stored ids, which the driver did not give: it goes again once they are there. */
  static final class StoredIdsNeeded extends RuntimeException {
    StoredIdsNeeded() {
      super("stored ids needed", null, false, false);
    }
  }

  /** One mailbox's sync of one source, as the ingest sets it up. */
  record Context(GoogleCalls calls, String mailbox, GoogleOptions options, Instant now, LandingSink sink,
      StoredIds stored, IngestProgress progress) {
  }

  /** One page of a listing, asked for by page token (null for the first). */
  @FunctionalInterface
  interface PageCall<R> {
    R execute(String pageToken) throws IOException;
  }

  /** What to do with a page; false stops the listing. */
  @FunctionalInterface
  interface PageHandler<R> {
    boolean accept(R page) throws IOException, InterruptedException;
  }

  /** The page token of a listing's next page, or null after the last. */
  @FunctionalInterface
  interface NextPage<R> {
    String of(R page);
  }

  /** Where a source's rows land. */
  @FunctionalInterface
  interface Rows {
    void land(List<Row> rows) throws InterruptedException;
  }

  protected final Context context;
  private final String refPrefix;
  private final Rows rows;
  protected long fetched;
  protected long deleted;
  protected long quarantined;

  /**
   * @param refPrefix the API path before an id, for the {@code source_ref} of each row
   * @param rows where this source's rows land
   */
  MailboxSync(Context context, String refPrefix, Rows rows) {
    this.context = context;
    this.refPrefix = refPrefix;
    this.rows = rows;
  }

  /** Syncs from the stored cursor (null: the whole window) and says where the next sync starts. */
  abstract Synced run(String cursor) throws IOException, InterruptedException;

  /** The id's reference in the API, kept with every row it lands. */
  final String ref(String id) {
    return refPrefix + id;
  }

  /**
   * Calls every page of a listing (each under the retry policy) until its last or until the
   * handler says stop; returns whether it reached the last page.
   */
  final <R> boolean eachPage(PageCall<R> call, NextPage<R> next, PageHandler<R> handler)
      throws IOException, InterruptedException {
    String token = null;
    do {
      String asked = token;
      R page = context.calls().call(() -> call.execute(asked));
      if (!handler.accept(page)) {
        return false;
      }
      token = next.of(page);
    } while (token != null);
    return true;
  }

  /** Lands a batch of fetched rows, counting the quarantined ones. */
  final void landFetched(List<Row> fetchedRows) throws InterruptedException {
    for (Row row : fetchedRows) {
      if (row.getAs("q_reason") != null) {
        quarantined++;
      }
    }
    fetched += fetchedRows.size();
    if (!fetchedRows.isEmpty()) {
      rows.land(fetchedRows);
    }
  }

  /** The stored ids of the window, read before a full listing replaces an expired cursor. */
  final Set<String> storedInWindow() {
    return context.stored().since(context.mailbox(), context.options().backfillStart(context.now()));
  }

  /**
   * After a full listing that replaced an expired cursor: every id of the window stored before it
   * that the listing no longer returned was deleted meanwhile, and gets a tombstone.
   */
  final void tombstoneUnlisted(Set<String> stored, Set<String> listed, BiFunction<String, Timestamp, Row> tombstone)
      throws InterruptedException {
    Set<String> missing = new LinkedHashSet<>(stored);
    missing.removeAll(listed);
    List<Row> tombstones = new ArrayList<>();
    Timestamp at = Timestamp.from(context.now());
    for (String id : missing) {
      tombstones.add(tombstone.apply(id, at));
    }
    landDeleted(tombstones);
  }

  /** Lands tombstones, counting them. */
  final void landDeleted(List<Row> tombstones) throws InterruptedException {
    deleted += tombstones.size();
    if (!tombstones.isEmpty()) {
      rows.land(tombstones);
    }
  }

  final Synced synced(String cursor, boolean partial) {
    return new Synced(cursor, fetched, deleted, quarantined, partial);
  }
}
