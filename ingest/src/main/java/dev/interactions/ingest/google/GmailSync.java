package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.History;
import com.google.api.services.gmail.model.HistoryLabelAdded;
import com.google.api.services.gmail.model.HistoryLabelRemoved;
import com.google.api.services.gmail.model.HistoryMessageAdded;
import com.google.api.services.gmail.model.HistoryMessageDeleted;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.ListMessagesResponse;
import com.google.api.services.gmail.model.Message;
import dev.interactions.ingest.BodyPolicy;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.GoogleOptions.StoreBodies;
import dev.interactions.ingest.google.LandingSink.Synced;
import java.io.IOException;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.spark.sql.Row;

/**
 * Syncs one mailbox's Gmail: the first run lists the backfill window (spam and trash included, so
 * that a later move to spam is seen) and fetches each message; later runs read history.list from
 * the stored historyId: added and relabelled messages are fetched again (the new copy carries the
 * current labels and a newer historyId), deleted ones become tombstones. An expired historyId
 * (404) means a full listing of the window again.
 */
final class GmailSync {
  /** Google advises at most 50 calls a batch. */
  static final int BATCH_SIZE = 50;

  /** The headers the transform reads; metadata format returns only these. */
  static final List<String> HEADERS = BodyPolicy.HEADERS;

  private static final List<String> HISTORY_TYPES = List.of("messageAdded", "messageDeleted", "labelAdded",
      "labelRemoved");
  private static final String HISTORY_FIELDS = "history(id,messagesAdded/message/id,messagesDeleted/message/id,"
      + "labelsAdded/message/id,labelsRemoved/message/id),historyId,nextPageToken";
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private final Gmail gmail;
  private final String mailbox;
  private final GoogleOptions options;
  private final Instant now;
  private final LandingSink sink;
  private final StoredIds stored;
  private final GoogleCalls calls;
  private BooleanSupplier overBudget = () -> false;
  private boolean stoppedAtBudget;
  private long batches;
  private long fetched;
  private long deleted;
  private long quarantined;

  /** The ids bronze holds, not deleted, for a mailbox and source since an instant. */
  @FunctionalInterface
  interface StoredIds {
    Set<String> since(String mailbox, Instant start);
  }

  GmailSync(Gmail gmail, GoogleCalls calls, String mailbox, GoogleOptions options, Instant now, LandingSink sink,
      StoredIds stored) {
    this.gmail = gmail;
    this.calls = calls;
    this.mailbox = mailbox;
    this.options = options;
    this.now = now;
    this.sink = sink;
    this.stored = stored;
  }

  /**
   * A backfill's cursor until it has fetched the whole window: the historyId read before its
   * listing, so that the incremental run after it starts from there.
   */
  static final String CHECKPOINT = "backfill:";

  /** A backfill stops (partial, resumable) when this says so; at least one batch is fetched each run. */
  GmailSync withBudget(BooleanSupplier overBudget) {
    this.overBudget = overBudget;
    return this;
  }

  /** Syncs from the stored historyId (null: backfill; a checkpoint: resume it); returns the cursor to store. */
  Synced run(String cursor) throws IOException, InterruptedException {
    String next;
    if (cursor == null) {
      next = backfill(new LinkedHashSet<>(), null, true);
    } else if (cursor.startsWith(CHECKPOINT)) {
      next = backfill(new LinkedHashSet<>(), new BigInteger(cursor.substring(CHECKPOINT.length())), true);
    } else {
      try {
        next = incremental(new BigInteger(cursor));
      } catch (GoogleJsonResponseException e) {
        if (e.getStatusCode() != 404) {
          throw e;
        }
        next = resync();
      }
    }
    return new Synced(next, fetched, deleted, quarantined, stoppedAtBudget);
  }

  /**
   * History older than about a week is gone: list the whole window again, and mark deleted every
   * stored message of the window that the listing no longer returns.
   */
  private String resync() throws IOException, InterruptedException {
    Set<String> listed = new LinkedHashSet<>();
    String next = backfill(listed, null, false);
    Set<String> missing = new LinkedHashSet<>(stored.since(mailbox, options.backfillStart(now)));
    missing.removeAll(listed);
    List<Row> tombstones = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    for (String id : missing) {
      tombstones.add(BronzeRows.gmailTombstone(mailbox, id, new BigInteger(next).longValue(), at, ref(id)));
    }
    deleted += tombstones.size();
    if (!tombstones.isEmpty()) {
      sink.gmail(tombstones);
    }
    return next;
  }

  /**
   * Lists the window and fetches what it lists. A resumable backfill records its checkpoint first
   * (landed with or before its first rows); resuming one ({@code resumeFrom}, the checkpoint's
   * historyId) skips what bronze already holds, since changes after that historyId reach bronze
   * through the incremental run that follows. A resync is not resumable: it must refetch everything.
   */
  private String backfill(Set<String> listed, BigInteger resumeFrom, boolean resumable)
      throws IOException, InterruptedException {
    // The mailbox's historyId before listing: changes made while listing are read next time.
    BigInteger historyId = resumeFrom != null ? resumeFrom
        : calls.call(() -> gmail.users().getProfile("me").setFields("historyId").execute()).getHistoryId();
    Set<String> landed = resumeFrom == null ? Set.of() : stored.since(mailbox, options.backfillStart(now));
    if (resumable && resumeFrom == null) {
      Timestamp at = new Timestamp(System.currentTimeMillis());
      sink.state(new SyncState(mailbox, SyncState.GMAIL, SyncState.ORIGIN_GOOGLE, SyncState.AUTH_OK,
          CHECKPOINT + historyId, SyncState.HISTORY_ID, SyncState.SYNCING, null, at, null, 0, 0));
    }
    String q = "after:" + options.backfillStart(now).getEpochSecond();
    String page = null;
    do {
      String token = page;
      ListMessagesResponse r = calls.call(() -> gmail.users().messages().list("me")
          .setQ(q)
          .setIncludeSpamTrash(true)
          .setMaxResults(500L)
          .setPageToken(token)
          .setFields("messages/id,nextPageToken")
          .execute());
      List<String> ids = new ArrayList<>();
      if (r.getMessages() != null) {
        r.getMessages().forEach(m -> ids.add(m.getId()));
      }
      listed.addAll(ids);
      ids.removeAll(landed);
      if (!fetch(ids, resumable)) {
        stoppedAtBudget = true;
        return CHECKPOINT + historyId;
      }
      page = r.getNextPageToken();
    } while (page != null);
    return historyId.toString();
  }

  private String incremental(BigInteger start) throws IOException, InterruptedException {
    Set<String> changed = new LinkedHashSet<>();
    Map<String, BigInteger> gone = new LinkedHashMap<>();
    String page = null;
    BigInteger latest = start;
    do {
      String token = page;
      ListHistoryResponse r = calls.call(() -> gmail.users().history().list("me")
          .setStartHistoryId(start)
          .setHistoryTypes(HISTORY_TYPES)
          .setMaxResults(500L)
          .setPageToken(token)
          .setFields(HISTORY_FIELDS)
          .execute());
      if (r.getHistory() != null) {
        for (History h : r.getHistory()) {
          for (HistoryMessageAdded a : orEmpty(h.getMessagesAdded())) {
            changed.add(a.getMessage().getId());
          }
          for (HistoryLabelAdded a : orEmpty(h.getLabelsAdded())) {
            changed.add(a.getMessage().getId());
          }
          for (HistoryLabelRemoved a : orEmpty(h.getLabelsRemoved())) {
            changed.add(a.getMessage().getId());
          }
          for (HistoryMessageDeleted d : orEmpty(h.getMessagesDeleted())) {
            gone.put(d.getMessage().getId(), h.getId());
          }
        }
      }
      if (r.getHistoryId() != null) {
        latest = r.getHistoryId();
      }
      page = r.getNextPageToken();
    } while (page != null);
    // A deletion is final: a message added or relabelled and then deleted is not fetched.
    changed.removeAll(gone.keySet());
    fetch(new ArrayList<>(changed), false);
    List<Row> tombstones = new ArrayList<>();
    Timestamp at = Timestamp.from(now);
    gone.forEach((id, h) -> tombstones.add(BronzeRows.gmailTombstone(mailbox, id, h.longValue(), at, ref(id))));
    deleted += tombstones.size();
    if (!tombstones.isEmpty()) {
      sink.gmail(tombstones);
    }
    return latest.toString();
  }

  /**
   * Fetches messages in batches of {@link #BATCH_SIZE}; one gone since it was listed is skipped.
   * Returns false when it stopped at the time budget ({@code budgeted} only).
   */
  private boolean fetch(List<String> ids, boolean budgeted) throws IOException, InterruptedException {
    for (int from = 0; from < ids.size(); from += BATCH_SIZE) {
      if (budgeted && batches > 0 && overBudget.getAsBoolean()) {
        return false;
      }
      List<Row> rows = fetchBatch(ids.subList(from, Math.min(ids.size(), from + BATCH_SIZE)));
      batches++;
      fetched += rows.size();
      sink.gmail(rows);
    }
    return true;
  }

  /**
   * One batch of messages.get. Only the calls that failed with a transient answer are sent again
   * (in a smaller batch, after the policy's wait); a failed envelope sends again what is left.
   */
  private List<Row> fetchBatch(List<String> chunk) throws IOException, InterruptedException {
    List<Row> rows = new ArrayList<>();
    List<String> todo = new ArrayList<>(chunk);
    for (int attempt = 1; !todo.isEmpty(); attempt++) {
      Set<String> done = new LinkedHashSet<>();
      Map<String, String> retry = new LinkedHashMap<>();
      List<String> failures = new ArrayList<>();
      BatchRequest batch = gmail.batch(gmail.getRequestFactory().getInitializer());
      for (String id : todo) {
        get(id).queue(batch, new JsonBatchCallback<Message>() {
          @Override
          public void onSuccess(Message message, HttpHeaders headers) throws IOException {
            // The fields asked for already leave bodies out; the policy makes sure of it.
            JsonNode stored = BodyPolicy.strip(JACKSON.readTree(GoogleClients.JSON.toString(message)),
                options.storeBodies());
            Row row = BronzeRows.gmail(mailbox, ref(id), stored, stored.toString());
            if (row.getAs("q_reason") != null) {
              quarantined++;
            }
            rows.add(row);
            done.add(id);
          }

          @Override
          public void onFailure(GoogleJsonError error, HttpHeaders headers) {
            done.add(id);
            if (GoogleCalls.retryable(error)) {
              retry.put(id, headers == null ? null : headers.getRetryAfter());
            } else if (error.getCode() != 404) {
              failures.add("messages.get " + id + ": " + error.getCode() + " " + error.getMessage());
            }
          }
        });
      }
      try {
        batch.execute();
      } catch (IOException envelope) {
        calls.afterFailure(envelope, attempt);
        if (!failures.isEmpty()) {
          throw new IOException("messages.get failed: " + failures.get(0));
        }
        todo.removeAll(done);
        todo.addAll(retry.keySet());
        continue;
      }
      if (!failures.isEmpty()) {
        throw new IOException(failures.size() + " of " + todo.size() + " messages could not be fetched, first: "
            + failures.get(0));
      }
      todo = new ArrayList<>(retry.keySet());
      String retryAfter = retry.values().stream().filter(v -> v != null).findFirst().orElse(null);
      if (!todo.isEmpty() && !calls.pauseBeforeRetry(attempt, retryAfter)) {
        throw new IOException(todo.size() + " messages still failing after " + attempt + " attempts, first: "
            + todo.get(0));
      }
    }
    return rows;
  }

  private Gmail.Users.Messages.Get get(String id) throws IOException {
    Gmail.Users.Messages.Get get = gmail.users().messages().get("me", id);
    if (options.storeBodies() == StoreBodies.FULL) {
      // Attachments are never downloaded: in the full format they are only referenced by id.
      return get.setFormat("full").setFields("id,threadId,labelIds,snippet,historyId,internalDate,payload");
    }
    String fields = options.storeBodies() == StoreBodies.SNIPPET
        ? "id,threadId,labelIds,snippet,historyId,internalDate,payload/headers"
        : "id,threadId,labelIds,historyId,internalDate,payload/headers";
    return get.setFormat("metadata").setMetadataHeaders(HEADERS).setFields(fields);
  }

  private static String ref(String id) {
    return "gmail:users/me/messages/" + id;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
