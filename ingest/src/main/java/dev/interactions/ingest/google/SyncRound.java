package dev.interactions.ingest.google;

import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.progress.IngestProgress;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * One Spark task of a sync round: builds its own Google clients, syncs each of its mailboxes on a
 * thread of its own (a mailbox is bound by its per-user quota, not by a core), and hands back what
 * they fetched. It never writes: the driver lands the round.
 */
final class SyncRound implements FlatMapFunction<Iterator<SyncRound.Work>, SyncRound.Result> {
  /** Mailboxes synced side by side in one task at most. */
  static final int MAX_THREADS = 32;

  /**
   * One mailbox's share of a round. The credentials travel here, in the task's own partition,
   * rather than in the function: Spark broadcasts a stage's function, and broadcast blocks can
   * reach local disk.
   *
   * @param cursors the sources still to sync this run, in order, each with its cursor (null: backfill)
   * @param stored for a source whose sync needs them, the ids bronze holds of its window
   */
  record Work(String mailbox, Map<String, String> cursors, Map<String, Set<String>> stored,
      MailboxCredentials credentials) implements Serializable {
  }

  /**
   * What a round did for one mailbox.
   *
   * @param states checkpoints and final states in the order made; they land with or after the rows
   * @param continuing sources that stopped at the round's end, with the cursor to go on from
   * @param needIds sources that need their stored ids to sync (a full resync): none of their rows is here
   * @param counts the progress counted in a JVM without the driver's progress, else null
   * @param partition the Spark partition that synced it
   */
  record Result(String mailbox, List<Row> gmail, List<Row> calendar, List<SyncState> states,
      Map<String, String> continuing, Set<String> needIds, IngestProgress.Counts counts, int partition)
      implements Serializable {
  }

  /**
   * What every task of a round shares; no secret.
   *
   * @param tasks how many tasks share the project's quota this round
   * @param roundEndMillis wall-clock time at which a backfill stops at its checkpoint until next round
   * @param rowsPerMailbox rows after which a backfill stops until next round
   * @param mailboxDeadlineMillis wall-clock end of the mailbox time budget (Long.MAX_VALUE: none)
   */
  record Plan(GoogleSettings settings, GoogleOptions options, Instant now, String runId, Duration progressEvery,
      int tasks, long roundEndMillis, long rowsPerMailbox, long mailboxDeadlineMillis) implements Serializable {
  }

  private final Plan plan;

  SyncRound(Plan plan) {
    this.plan = plan;
  }

  @Override
  public Iterator<Result> call(Iterator<Work> input) throws Exception {
    List<Work> work = new ArrayList<>();
    input.forEachRemaining(work::add);
    if (work.isEmpty()) {
      return List.<Result>of().iterator();
    }
    int partition = TaskContext.get() == null ? -1 : TaskContext.get().partitionId();
    GoogleClients clients = plan.settings().clients(plan.tasks());
    IngestProgress shared = IngestProgress.ofRun(plan.runId());
    // Where the driver is in another JVM, this task prints its own lines to its stderr.
    IngestProgress progress = shared != null ? shared : IngestProgress.to(System.err, plan.progressEvery());
    if (shared == null) {
      progress.start();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(MAX_THREADS, work.size()), r -> {
      Thread t = new Thread(r, "google-sync");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Work w : work) {
        futures.add(pool.submit(() -> new MailboxRound(plan, clients, progress, w).run(
            shared == null, partition)));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        out.add(f.get());
      }
      return out.iterator();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      pool.shutdownNow();
      if (shared == null) {
        progress.stopLines();
      }
    }
  }
}
