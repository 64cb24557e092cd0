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
final class GmailSync extends MailboxSync {
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
  private BooleanSupplier overBudget = () -> false;
  private boolean stoppedAtBudget;
  private long batches;

  GmailSync(Gmail gmail, Context context) {
    super(context, "gmail:users/me/messages/", context.sink()::gmail);
    this.gmail = gmail;
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
  @Override
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
    return synced(next, stoppedAtBudget);
  }

  /**
   * History older than about a week is gone: list the whole window again, and mark deleted every
   * stored message of the window that the listing no longer returns.
   */
  private String resync() throws IOException, InterruptedException {
    Set<String> stored = storedInWindow();
    Set<String> listed = new LinkedHashSet<>();
    String next = backfill(listed, null, false);
    long historyId = new BigInteger(next).longValue();
    tombstoneUnlisted(stored, listed, (id, at) -> BronzeRows.gmailTombstone(mailbox(), id, historyId, at, ref(id)));
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
        : context.calls().call(() -> gmail.users().getProfile("me").setFields("historyId").execute()).getHistoryId();
    Instant start = context.options().backfillStart(context.now());
    Set<String> landed = resumeFrom == null ? Set.of() : context.stored().since(mailbox(), start);
    if (resumeFrom != null) {
      context.progress().resumed(mailbox());
    }
    if (resumable && resumeFrom == null) {
      Timestamp at = new Timestamp(System.currentTimeMillis());
      context.sink().state(new SyncState(mailbox(), SyncState.GMAIL, SyncState.ORIGIN_GOOGLE, SyncState.AUTH_OK,
          CHECKPOINT + historyId, SyncState.HISTORY_ID, SyncState.SYNCING, null, at, null, 0, 0));
    }
    String q = "after:" + start.getEpochSecond();
    boolean complete = eachPage(token -> gmail.users().messages().list("me")
            .setQ(q)
            .setIncludeSpamTrash(true)
            .setMaxResults(500L)
            .setPageToken(token)
            .setFields("messages/id,nextPageToken")
            .execute(),
        ListMessagesResponse::getNextPageToken,
        page -> {
          List<String> ids = new ArrayList<>();
          orEmpty(page.getMessages()).forEach(m -> ids.add(m.getId()));
          listed.addAll(ids);
          ids.removeAll(landed);
          context.progress().listed(mailbox(), ids.size(), page.getNextPageToken() == null);
          return fetch(ids, resumable);
        });
    if (!complete) {
      stoppedAtBudget = true;
      return CHECKPOINT + historyId;
    }
    return historyId.toString();
  }

  private String incremental(BigInteger start) throws IOException, InterruptedException {
    Set<String> changed = new LinkedHashSet<>();
    Map<String, BigInteger> gone = new LinkedHashMap<>();
    BigInteger[] latest = {start};
    eachPage(token -> gmail.users().history().list("me")
            .setStartHistoryId(start)
            .setHistoryTypes(HISTORY_TYPES)
            .setMaxResults(500L)
            .setPageToken(token)
            .setFields(HISTORY_FIELDS)
            .execute(),
        ListHistoryResponse::getNextPageToken,
        page -> {
          for (History h : orEmpty(page.getHistory())) {
            orEmpty(h.getMessagesAdded()).forEach(a -> changed.add(a.getMessage().getId()));
            orEmpty(h.getLabelsAdded()).forEach(a -> changed.add(a.getMessage().getId()));
            orEmpty(h.getLabelsRemoved()).forEach(a -> changed.add(a.getMessage().getId()));
            orEmpty(h.getMessagesDeleted()).forEach(d -> gone.put(d.getMessage().getId(), h.getId()));
          }
          if (page.getHistoryId() != null) {
            latest[0] = page.getHistoryId();
          }
          return true;
        });
    // A deletion is final: a message added or relabelled and then deleted is not fetched.
    changed.removeAll(gone.keySet());
    context.progress().listed(mailbox(), changed.size(), true);
    fetch(new ArrayList<>(changed), false);
    List<Row> tombstones = new ArrayList<>();
    Timestamp at = Timestamp.from(context.now());
    gone.forEach((id, h) -> tombstones.add(BronzeRows.gmailTombstone(mailbox(), id, h.longValue(), at, ref(id))));
    landDeleted(tombstones);
    return latest[0].toString();
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
      landFetched(rows);
      context.progress().fetched(mailbox(), rows.size());
      batches++;
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
                context.options().storeBodies());
            rows.add(BronzeRows.gmail(mailbox(), ref(id), stored, stored.toString()));
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
        context.calls().afterFailure(envelope, attempt);
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
      if (!todo.isEmpty() && !context.calls().pauseBeforeRetry(attempt, retryAfter)) {
        throw new IOException(todo.size() + " messages still failing after " + attempt + " attempts, first: "
            + todo.get(0));
      }
    }
    return rows;
  }

  private Gmail.Users.Messages.Get get(String id) throws IOException {
    Gmail.Users.Messages.Get get = gmail.users().messages().get("me", id);
    StoreBodies bodies = context.options().storeBodies();
    if (bodies == StoreBodies.FULL) {
      // Attachments are never downloaded: in the full format they are only referenced by id.
      return get.setFormat("full").setFields("id,threadId,labelIds,snippet,historyId,internalDate,payload");
    }
    String fields = bodies == StoreBodies.SNIPPET
        ? "id,threadId,labelIds,snippet,historyId,internalDate,payload/headers"
        : "id,threadId,labelIds,historyId,internalDate,payload/headers";
    return get.setFormat("metadata").setMetadataHeaders(HEADERS).setFields(fields);
  }

  private String mailbox() {
    return context.mailbox();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
