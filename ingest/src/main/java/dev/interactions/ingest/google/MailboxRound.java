package dev.interactions.ingest.google;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.LandingSink.Synced;
import dev.interactions.ingest.google.MailboxSync.StoredIdsNeeded;
import dev.interactions.ingest.google.progress.IngestProgress;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One mailbox's part of a sync round, inside a task: each source it still has to sync runs from
 * its cursor; a Gmail backfill stops at its checkpoint when the round ends (it goes on next round)
 * or when the mailbox time budget is spent (it ends {@code partial} for the run).
 */
final class MailboxRound {
  private static final Logger LOG = LoggerFactory.getLogger(MailboxRound.class);

  private final SyncRound.Plan plan;
  private final GoogleClients clients;
  private final IngestProgress progress;
  private final SyncRound.Work work;
  private final MailboxCredentials credentials;
  private final List<Row> gmail = new ArrayList<>();
  private final List<Row> calendar = new ArrayList<>();
  private final List<SyncState> states = new ArrayList<>();
  private final Map<String, String> continuing = new LinkedHashMap<>();
  private final Set<String> needIds = new LinkedHashSet<>();

  MailboxRound(SyncRound.Plan plan, GoogleClients clients, IngestProgress progress, SyncRound.Work work) {
    this.plan = plan;
    this.clients = clients;
    this.progress = progress;
    this.work = work;
    this.credentials = work.credentials();
  }

  /** Syncs the mailbox's sources for this round; {@code ownCounts} hands back what the progress counted. */
  SyncRound.Result run(boolean ownCounts, int partition) throws InterruptedException {
    String mailbox = work.mailbox();
    LandingSink sink = new LandingSink() {
      @Override
      public void gmail(List<Row> rows) {
        gmail.addAll(rows);
      }

      @Override
      public void calendar(List<Row> rows) {
        calendar.addAll(rows);
      }

      @Override
      public void state(SyncState state) {
        states.add(state);
      }
    };
    var credential = clients.credentials(credentials, mailbox);
    for (var entry : work.cursors().entrySet()) {
      String source = entry.getKey();
      String cursor = entry.getValue();
      boolean isGmail = source.equals(SyncState.GMAIL);
      String kind = isGmail ? SyncState.HISTORY_ID : SyncState.SYNC_TOKEN;
      Set<String> stored = work.stored().get(source);
      MailboxSync.StoredIds ids = (m, start) -> {
        if (stored == null) {
          throw new StoredIdsNeeded();
        }
        return stored;
      };
      try {
        var context = new MailboxSync.Context(clients.calls(), mailbox, plan.options(), plan.now(), sink, ids,
            progress);
        MailboxSync sync = isGmail
            ? new GmailSync(clients.gmail(credential, mailbox), context).withBudget(this::stopBackfill)
            : new CalendarSync(clients.calendar(credential), context);
        Synced synced = sync.run(cursor);
        Timestamp attempt = new Timestamp(System.currentTimeMillis());
        if (synced.partial() && !overMailboxBudget()) {
          // The round ended: the next one goes on from the checkpoint.
          continuing.put(source, synced.cursor());
          states.add(new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE, SyncState.AUTH_OK, synced.cursor(),
              kind, SyncState.SYNCING, null, attempt, null, synced.fetched(), synced.quarantined()));
          continue;
        }
        LOG.info("{} {}: {} fetched, {} deleted ({}{})", mailbox, source, synced.fetched(), synced.deleted(),
            cursor == null || cursor.startsWith(GmailSync.CHECKPOINT) ? "backfill" : "incremental",
            synced.partial() ? ", stopped at the time budget" : "");
        states.add(new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE, SyncState.AUTH_OK, synced.cursor(), kind,
            synced.partial() ? SyncState.PARTIAL : SyncState.OK, synced.partial() ? null : attempt, attempt,
            synced.partial() ? "stopped at the mailbox time budget; goes on next run" : null, synced.fetched(),
            synced.quarantined()));
      } catch (StoredIdsNeeded e) {
        needIds.add(source);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        Timestamp attempt = new Timestamp(System.currentTimeMillis());
        String refused = credentials.refusal(e);
        boolean revoked = refused != null;
        String error = revoked ? credentials.whenRefused(refused) : describe(e);
        LOG.warn("{} {}: sync failed: {}", mailbox, source, error);
        states.add(new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE,
            revoked ? SyncState.AUTH_REVOKED : SyncState.AUTH_OK, null, null, SyncState.FAILED, null, attempt,
            error, 0, 0));
      }
    }
    return new SyncRound.Result(mailbox, gmail, calendar, states, continuing, needIds,
        ownCounts ? progress.counts(mailbox) : null, partition);
  }

  private boolean overMailboxBudget() {
    return System.currentTimeMillis() >= plan.mailboxDeadlineMillis();
  }

  /** A backfill stops at its checkpoint at the round's end, at its share of rows, or at the mailbox budget. */
  private boolean stopBackfill() {
    return gmail.size() >= plan.rowsPerMailbox() || System.currentTimeMillis() >= plan.roundEndMillis()
        || overMailboxBudget();
  }

  /** One line, without secrets: Google's error message when there is one. */
  private String describe(Exception e) {
    String message;
    if (e instanceof GoogleJsonResponseException g && g.getDetails() != null) {
      message = g.getStatusCode() + " " + g.getDetails().getMessage();
    } else {
      message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    String line = message.strip().lines().findFirst().orElse(message);
    return credentials.redact(line.length() > 300 ? line.substring(0, 300) + "..." : line);
  }
}
