package dev.interactions.ingest.google;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import dev.interactions.ingest.BronzeLanding;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.LandingSink.Synced;
import dev.interactions.ingest.google.progress.IngestProgress;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the live Gmail and Calendar data of the connected mailboxes into bronze. Mailboxes are
 * fetched on the driver by a bounded thread pool through Google's client classes; what they fetch
 * is landed by one thread in large chunks (a Delta commit costs hundreds of milliseconds), and a
 * mailbox's new cursor is recorded only in or after the commit that landed the data it covers.
 */
public final class GoogleIngest {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleIngest.class);

  /** Rows held before they are landed in one MERGE per table. */
  public static final int FLUSH_ROWS = 10_000;
  static final int MAX_THREADS = 4;

  private final Warehouse warehouse;
  private final RunContext run;
  private final GoogleClients clients;
  private final MailboxCredentials credentials;
  private int flushRows = FLUSH_ROWS;
  private Runnable afterFlush = () -> {};
  private IngestProgress progress = IngestProgress.silent();

  public GoogleIngest(Warehouse warehouse, RunContext run, GoogleClients clients, MailboxCredentials credentials) {
    this.warehouse = warehouse;
    this.run = run;
    this.clients = clients;
    this.credentials = credentials;
  }

  /**
   * Lands whenever {@code rows} rows are held: the most a run killed part-way fetches again, at
   * the cost of a Delta commit per chunk.
   */
  public GoogleIngest landEvery(int rows) {
    return landEvery(rows, afterFlush);
  }

  /**
   * Lands whenever {@code rows} rows are held, and runs {@code afterFlush} after each commit: tests
   * use it to stop a run between two commits, as a kill would.
   */
  GoogleIngest landEvery(int rows, Runnable afterFlush) {
    this.flushRows = rows;
    this.afterFlush = afterFlush;
    return this;
  }

  /** Where the run reports how far it is (default: nowhere). */
  public GoogleIngest withProgress(IngestProgress progress) {
    this.progress = progress;
    return this;
  }

  /** How every mailbox and source went. */
  public record Report(List<SyncState> states, int connected) {
    public List<SyncState> failed() {
      return states.stream().filter(s -> SyncState.FAILED.equals(s.status())).toList();
    }

    /** 0 when every connected mailbox synced, 3 when some failed and others landed, 1 when none could. */
    public int exitStatus() {
      long failedMailboxes = failed().stream().map(SyncState::mailbox).distinct().count();
      if (connected == 0 || failedMailboxes == connected) {
        return 1;
      }
      return failedMailboxes > 0 ? 3 : 0;
    }
  }

  private record Chunk(String source, List<Row> rows) {}

  private static final Object DONE = new Object();

  public Report ingest(GoogleOptions options) throws InterruptedException {
    Instant now = run.startedAt();
    Map<String, String> cursors = storedCursors();
    BlockingQueue<Object> queue = new ArrayBlockingQueue<>(64);
    LandingSink sink = new LandingSink() {
      @Override
      public void gmail(List<Row> rows) throws InterruptedException {
        queue.put(new Chunk(SyncState.GMAIL, rows));
      }

      @Override
      public void calendar(List<Row> rows) throws InterruptedException {
        queue.put(new Chunk(SyncState.CALENDAR, rows));
      }

      @Override
      public void state(SyncState state) throws InterruptedException {
        progress.ended(state.mailbox(), state.source(), state.status());
        queue.put(state);
      }
    };
    List<String> mailboxes = options.mailboxes();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(MAX_THREADS, mailboxes.size())), r -> {
      Thread t = new Thread(r, "google-sync");
      t.setDaemon(true);
      return t;
    });
    List<SyncState> states = new ArrayList<>();
    progress.start();
    try {
      for (String mailbox : mailboxes) {
        pool.submit(() -> {
          try {
            progress.started(mailbox);
            syncMailbox(mailbox, options, now, cursors, sink);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            try {
              queue.put(DONE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        });
      }
      land(queue, mailboxes.size(), states, options);
    } finally {
      pool.shutdownNow();
      progress.stop();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    return new Report(states, mailboxes.size());
  }

  private void syncMailbox(String mailbox, GoogleOptions options, Instant now, Map<String, String> cursors,
      LandingSink sink) throws InterruptedException {
    var credential = clients.credentials(credentials, mailbox);
    long deadline = options.mailboxTimeBudget() == null ? Long.MAX_VALUE
        : System.nanoTime() + options.mailboxTimeBudget().toNanos();
    for (String source : List.of(SyncState.GMAIL, SyncState.CALENDAR)) {
      String cursor = cursors.get(mailbox + "|" + source);
      String kind = source.equals(SyncState.GMAIL) ? SyncState.HISTORY_ID : SyncState.SYNC_TOKEN;
      Timestamp attempt;
      try {
        boolean gmail = source.equals(SyncState.GMAIL);
        var context = new MailboxSync.Context(clients.calls(), mailbox, options, now, sink,
            gmail ? this::storedMessages : this::storedEvents, progress);
        MailboxSync sync = gmail
            ? new GmailSync(clients.gmail(credential, mailbox), context)
                .withBudget(() -> System.nanoTime() - deadline > 0)
            : new CalendarSync(clients.calendar(credential), context);
        Synced synced = sync.run(cursor);
        attempt = new Timestamp(System.currentTimeMillis());
        LOG.info("{} {}: {} fetched, {} deleted ({}{})", mailbox, source, synced.fetched(), synced.deleted(),
            cursor == null || cursor.startsWith(GmailSync.CHECKPOINT) ? "backfill" : "incremental",
            synced.partial() ? ", stopped at the time budget" : "");
        sink.state(new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE, SyncState.AUTH_OK, synced.cursor(), kind,
            synced.partial() ? SyncState.PARTIAL : SyncState.OK, synced.partial() ? null : attempt, attempt,
            synced.partial() ? "stopped at the mailbox time budget; goes on next run" : null, synced.fetched(),
            synced.quarantined()));
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        attempt = new Timestamp(System.currentTimeMillis());
        String refused = credentials.refusal(e);
        boolean revoked = refused != null;
        String error = revoked ? credentials.whenRefused(refused) : describe(e);
        LOG.warn("{} {}: sync failed: {}", mailbox, source, error);
        sink.state(new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE,
            revoked ? SyncState.AUTH_REVOKED : SyncState.AUTH_OK, null, null, SyncState.FAILED, null, attempt,
            error, 0, 0));
      }
    }
  }

  /** Lands chunks as they come until every mailbox is done; states go with or after their data. */
  private void land(BlockingQueue<Object> queue, int workers, List<SyncState> states, GoogleOptions options)
      throws InterruptedException {
    List<Row> gmail = new ArrayList<>();
    List<Row> calendar = new ArrayList<>();
    List<SyncState> pending = new ArrayList<>();
    int done = 0;
    while (done < workers) {
      Object item = queue.take();
      if (item == DONE) {
        done++;
      } else if (item instanceof Chunk c) {
        (c.source().equals(SyncState.GMAIL) ? gmail : calendar).addAll(c.rows());
      } else if (item instanceof SyncState s) {
        pending.add(s);
        if (!SyncState.SYNCING.equals(s.status())) {
          states.add(s);
        }
      }
      if (gmail.size() + calendar.size() >= flushRows) {
        flush(gmail, calendar, pending);
      }
    }
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (String mailbox : options.notConnected()) {
      for (String source : List.of(SyncState.GMAIL, SyncState.CALENDAR)) {
        SyncState s = new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE, SyncState.NOT_CONNECTED, null, null,
            null, null, now, "not connected: no refresh token for this mailbox in the credentials file", 0, 0);
        pending.add(s);
        states.add(s);
      }
    }
    flush(gmail, calendar, pending);
  }

  private void flush(List<Row> gmail, List<Row> calendar, List<SyncState> pending) {
    BronzeLanding landing = new BronzeLanding(warehouse, run);
    if (!gmail.isEmpty()) {
      landing.landGmail(good(gmail, BronzeRows.GMAIL));
      quarantine(landing, gmail, BronzeRows.GMAIL, SyncState.GMAIL);
    }
    if (!calendar.isEmpty()) {
      landing.landCalendar(good(calendar, BronzeRows.CALENDAR));
      quarantine(landing, calendar, BronzeRows.CALENDAR, SyncState.CALENDAR);
    }
    if (!pending.isEmpty()) {
      // One row per key in a MERGE: a mailbox's checkpoint and its final state may share a commit.
      Map<String, SyncState> latest = new java.util.LinkedHashMap<>();
      pending.forEach(s -> latest.merge(s.mailbox() + "|" + s.source(), s, (earlier, later) -> later.over(earlier)));
      List<Row> rows = latest.values().stream().map(s -> s.toRow(run.runId())).toList();
      landing.recordSyncState(warehouse.spark().createDataFrame(rows, Tables.SYNC_STATE.schema()));
    }
    gmail.clear();
    calendar.clear();
    pending.clear();
    afterFlush.run();
  }

  private Dataset<Row> good(List<Row> rows, StructType schema) {
    return warehouse.spark().createDataFrame(rows, schema).where(col("q_reason").isNull()).drop("q_reason", "q_raw");
  }

  private void quarantine(BronzeLanding landing, List<Row> rows, StructType schema, String source) {
    if (rows.stream().noneMatch(r -> r.getAs("q_reason") != null)) {
      return;
    }
    landing.quarantine(warehouse.spark().createDataFrame(rows, schema).where(col("q_reason").isNotNull())
        .select(lit(source).as("source"), col("mailbox"), col("source_ref").as("ref"), col("q_reason").as("reason"),
            col("q_raw").as("raw")));
  }

  /** Each mailbox's and source's stored cursor from an earlier Google sync. */
  private Map<String, String> storedCursors() {
    Map<String, String> out = new HashMap<>();
    if (!warehouse.exists(Tables.SYNC_STATE)) {
      return out;
    }
    for (Row r : warehouse.read(Tables.SYNC_STATE)
        .where(col("origin").equalTo(SyncState.ORIGIN_GOOGLE).and(col("cursor").isNotNull()))
        .select("mailbox", "source", "cursor").collectAsList()) {
      out.put(RowValues.string(r, "mailbox") + "|" + RowValues.string(r, "source"), RowValues.string(r, "cursor"));
    }
    return out;
  }

  /** Stored, not deleted, messages of a mailbox received since {@code start} (for a full resync). */
  private Set<String> storedMessages(String mailbox, Instant start) {
    return ids(warehouse.read(Tables.GMAIL_MESSAGES).where(col("mailbox").equalTo(mailbox)
        .and(col("deleted_at").isNull()).and(col("internal_date").geq(Timestamp.from(start)))));
  }

  /** Stored, not deleted, events of a mailbox starting since {@code start} (for a full resync). */
  private Set<String> storedEvents(String mailbox, Instant start) {
    return ids(warehouse.read(Tables.CALENDAR_EVENTS).where(col("mailbox").equalTo(mailbox)
        .and(col("deleted_at").isNull())
        .and(coalesce(col("start_at"), col("original_start_at")).geq(Timestamp.from(start)))));
  }

  private static Set<String> ids(Dataset<Row> rows) {
    Set<String> out = new HashSet<>();
    rows.select("id").collectAsList().forEach(r -> out.add(RowValues.string(r, "id")));
    return out;
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
