package dev.interactions.ingest.google;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import dev.interactions.ingest.BronzeLanding;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.progress.IngestProgress;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lands the live Gmail and Calendar data of the connected mailboxes into bronze, in rounds. Each
 * round is one Spark job: the mailboxes still going are spread over its tasks, each task syncs its
 * mailboxes side by side with its own Google clients and hands back what they fetched, and the
 * driver lands it in one MERGE per table (a Delta commit costs hundreds of milliseconds; tasks
 * never write). A mailbox's new cursor is recorded only in or after the commit that landed the
 * data it covers, and a backfill stops at a checkpoint at each round's end, so a run killed
 * part-way keeps what it landed.
 */
public final class GoogleIngest {
  private static final Logger LOG = LoggerFactory.getLogger(GoogleIngest.class);

  /** Rows held before they are landed in one MERGE per table. */
  public static final int FLUSH_ROWS = 10_000;
  /** A round lasts about this long at most, so a long backfill lands as it goes. */
  static final Duration ROUND = Duration.ofSeconds(30);
  /** The job group of the sync rounds' Spark jobs. */
  public static final String JOB_GROUP = "google-sync";

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
   * Lands whenever a round has fetched about {@code rows} rows: the most a run killed part-way
   * fetches again, at the cost of a Delta commit per round.
   */
  public GoogleIngest landEvery(int rows) {
    return landEvery(rows, afterFlush);
  }

  /**
   * Lands whenever a round has fetched about {@code rows} rows, and runs {@code afterFlush} after
   * each commit: tests use it to stop a run between two commits, as a kill would.
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

  public Report ingest(GoogleOptions options) throws InterruptedException {
    Instant now = run.startedAt();
    Instant start = options.backfillStart(now);
    GoogleSettings settings = clients.settings();
    long deadline = options.mailboxTimeBudget() == null ? Long.MAX_VALUE
        : System.currentTimeMillis() + options.mailboxTimeBudget().toMillis();
    Map<String, String> cursors = storedCursors();
    Map<String, SyncRound.Work> going = new LinkedHashMap<>();
    for (String mailbox : options.mailboxes()) {
      Map<String, String> sources = new LinkedHashMap<>();
      Map<String, Set<String>> stored = new HashMap<>();
      for (String source : List.of(SyncState.GMAIL, SyncState.CALENDAR)) {
        String cursor = cursors.get(mailbox + "|" + source);
        sources.put(source, cursor);
        if (cursor != null && cursor.startsWith(GmailSync.CHECKPOINT)) {
          stored.put(source, storedMessages(mailbox, start));
        }
      }
      going.put(mailbox, new SyncRound.Work(mailbox, sources, stored, credentials));
    }
    List<SyncState> states = new ArrayList<>();
    Map<String, long[]> counts = new HashMap<>();
    progress.register(run.runId());
    progress.start();
    options.mailboxes().forEach(progress::started);
    JavaFutureAction<List<SyncRound.Result>> fetching = null;
    try {
      if (!going.isEmpty()) {
        fetching = startRound(1, new ArrayList<>(going.values()), settings, options, now, deadline, false);
      }
      for (int round = 1; ; round++) {
        List<SyncRound.Result> results = fetching == null ? List.of() : awaitRound(fetching);
        fetching = null;
        List<Row> gmail = new ArrayList<>();
        List<Row> calendar = new ArrayList<>();
        List<SyncState> pending = new ArrayList<>();
        Map<String, SyncRound.Work> next = new LinkedHashMap<>();
        for (SyncRound.Result r : results) {
          SyncRound.Work before = going.get(r.mailbox());
          gmail.addAll(r.gmail());
          calendar.addAll(r.calendar());
          for (SyncState s : r.states()) {
            SyncState total = cumulative(s, counts);
            pending.add(total);
            if (!SyncState.SYNCING.equals(s.status())) {
              states.add(total);
              progress.ended(s.mailbox(), s.source(), s.status());
            }
          }
          if (r.counts() != null) {
            String gmailCursor = before.cursors().get(SyncState.GMAIL);
            if (gmailCursor != null && gmailCursor.startsWith(GmailSync.CHECKPOINT)) {
              progress.resumed(r.mailbox());
            }
            progress.add(r.mailbox(), r.counts());
          }
          SyncRound.Work after = nextWork(before, r);
          if (after != null) {
            next.put(r.mailbox(), after);
          }
        }
        boolean last = next.isEmpty();
        if (last) {
          pending.addAll(notConnected(options, states));
        }
        // The next round fetches while this one lands: the mailboxes' quota does not wait for a
        // commit. Not when a full resync waits for stored ids (this commit changes them), nor with
        // one task slot, which the sync would hold and the commit wait for.
        boolean overlap = !last && next.values().stream().allMatch(GoogleIngest::hasStoredIds)
            && defaultParallelism() > 1;
        if (overlap) {
          fetching = startRound(round + 1, new ArrayList<>(next.values()), settings, options, now, deadline, true);
        }
        try {
          flush(gmail, calendar, pending);
        } catch (RuntimeException | Error e) {
          // As a kill would: what the next round fetched is dropped, and fetched again by the rerun.
          if (fetching != null) {
            fetching.cancel(true);
          }
          throw e;
        }
        if (last) {
          break;
        }
        if (!overlap) {
          // Stored ids read after the commit, for the full resyncs that asked for them.
          next.replaceAll((mailbox, w) -> withStoredIds(w, start));
          fetching = startRound(round + 1, new ArrayList<>(next.values()), settings, options, now, deadline, false);
        }
        going = next;
      }
    } finally {
      progress.unregister(run.runId());
      progress.stop();
    }
    return new Report(states, options.mailboxes().size());
  }

  /**
   * Starts one round as one Spark job: as many tasks as mailboxes, at most the default parallelism,
   * less one slot when it runs beside a commit, whose jobs need a slot of their own. A task's
   * mailboxes run on threads of their own, so one task can keep a whole team busy.
   */
  private JavaFutureAction<List<SyncRound.Result>> startRound(int round, List<SyncRound.Work> work,
      GoogleSettings settings, GoogleOptions options, Instant now, long deadline, boolean besideCommit) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(warehouse.spark().sparkContext());
    int slots = besideCommit ? Math.max(1, defaultParallelism() - 1) : defaultParallelism();
    int tasks = Math.max(1, Math.min(work.size(), slots));
    SyncRound.Plan plan = new SyncRound.Plan(settings, options, now, run.runId(), progress.every(), tasks,
        System.currentTimeMillis() + ROUND.toMillis(), Math.max(1, flushRows / work.size()), deadline);
    LOG.info("Google sync round {}: {} mailboxes in {} tasks{}", round, work.size(), tasks,
        besideCommit ? ", beside the commit of the round before" : "");
    // The job group is read when the job is submitted, so clearing it after leaves the commits out of it.
    jsc.setJobGroup(JOB_GROUP, "Google sync, round " + round, true);
    try {
      return jsc.parallelize(work, tasks).mapPartitions(new SyncRound(plan)).collectAsync();
    } finally {
      jsc.clearJobGroup();
    }
  }

  private static List<SyncRound.Result> awaitRound(JavaFutureAction<List<SyncRound.Result>> fetching)
      throws InterruptedException {
    try {
      return fetching.get();
    } catch (InterruptedException e) {
      fetching.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("a Google sync round failed: " + cause.getMessage(), cause);
    }
  }

  private int defaultParallelism() {
    return warehouse.spark().sparkContext().defaultParallelism();
  }

  /** Whether every source the work still syncs has the stored ids its sync may ask for. */
  private static boolean hasStoredIds(SyncRound.Work w) {
    return w.stored().keySet().containsAll(w.cursors().keySet());
  }

  /** What a mailbox still has to do next round, or null when it is done for this run. */
  private SyncRound.Work nextWork(SyncRound.Work before, SyncRound.Result r) {
    Map<String, String> sources = new LinkedHashMap<>();
    Map<String, Set<String>> stored = new HashMap<>();
    for (String source : before.cursors().keySet()) {
      if (r.continuing().containsKey(source)) {
        sources.put(source, r.continuing().get(source));
        // A resumed backfill skips what is landed: what bronze held, and what this run fetched.
        Set<String> landed = new HashSet<>(before.stored().getOrDefault(source, Set.of()));
        for (Row row : source.equals(SyncState.GMAIL) ? r.gmail() : r.calendar()) {
          String id = row.getAs("id");
          if (id != null) {
            landed.add(id);
          }
        }
        stored.put(source, landed);
      } else if (r.needIds().contains(source)) {
        sources.put(source, before.cursors().get(source));
      }
    }
    return sources.isEmpty() ? null : new SyncRound.Work(before.mailbox(), sources, stored, credentials);
  }

  /** The work with the stored ids of every source that has none yet (only full resyncs need them). */
  private SyncRound.Work withStoredIds(SyncRound.Work w, Instant start) {
    Map<String, Set<String>> stored = new HashMap<>(w.stored());
    for (String source : w.cursors().keySet()) {
      stored.computeIfAbsent(source, s -> s.equals(SyncState.GMAIL) ? storedMessages(w.mailbox(), start)
          : storedEvents(w.mailbox(), start));
    }
    return new SyncRound.Work(w.mailbox(), w.cursors(), stored, w.credentials());
  }

  /** A state with the counts of the run so far: a backfill over several rounds counts them all. */
  private static SyncState cumulative(SyncState s, Map<String, long[]> counts) {
    long[] before = counts.computeIfAbsent(s.mailbox() + "|" + s.source(), k -> new long[2]);
    SyncState total = new SyncState(s.mailbox(), s.source(), s.origin(), s.authState(), s.cursor(), s.cursorKind(),
        s.status(), s.lastSuccessAt(), s.lastAttemptAt(), s.error(), before[0] + s.resourcesSeen(),
        before[1] + s.quarantined());
    if (SyncState.SYNCING.equals(s.status())) {
      before[0] = total.resourcesSeen();
      before[1] = total.quarantined();
    }
    return total;
  }

  private static List<SyncState> notConnected(GoogleOptions options, List<SyncState> states) {
    List<SyncState> out = new ArrayList<>();
    Timestamp now = new Timestamp(System.currentTimeMillis());
    for (String mailbox : options.notConnected()) {
      for (String source : List.of(SyncState.GMAIL, SyncState.CALENDAR)) {
        SyncState s = new SyncState(mailbox, source, SyncState.ORIGIN_GOOGLE, SyncState.NOT_CONNECTED, null, null,
            null, null, now, "not connected: no refresh token for this mailbox in the credentials file", 0, 0);
        out.add(s);
        states.add(s);
      }
    }
    return out;
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
      Map<String, SyncState> latest = new LinkedHashMap<>();
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
    if (!warehouse.exists(Tables.GMAIL_MESSAGES)) {
      return new HashSet<>();
    }
    return ids(warehouse.read(Tables.GMAIL_MESSAGES).where(col("mailbox").equalTo(mailbox)
        .and(col("deleted_at").isNull()).and(col("internal_date").geq(Timestamp.from(start)))));
  }

  /** Stored, not deleted, events of a mailbox starting since {@code start} (for a full resync). */
  private Set<String> storedEvents(String mailbox, Instant start) {
    if (!warehouse.exists(Tables.CALENDAR_EVENTS)) {
      return new HashSet<>();
    }
    return ids(warehouse.read(Tables.CALENDAR_EVENTS).where(col("mailbox").equalTo(mailbox)
        .and(col("deleted_at").isNull())
        .and(coalesce(col("start_at"), col("original_start_at")).geq(Timestamp.from(start)))));
  }

  private static Set<String> ids(Dataset<Row> rows) {
    Set<String> out = new HashSet<>();
    rows.select("id").collectAsList().forEach(r -> out.add(RowValues.string(r, "id")));
    return out;
  }
}
