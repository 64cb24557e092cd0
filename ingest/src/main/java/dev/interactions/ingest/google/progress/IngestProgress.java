package dev.interactions.ingest.google.progress;

import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.google.progress.MailboxProgress.Snapshot;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * How far a Google ingest is: the mailbox syncs report what they listed and fetched (from several
 * threads at once), a daemon thread prints a line per active mailbox every {@code every}, and
 * {@link #stop()} prints a table of every mailbox's counts and rates. Lines carry only addresses
 * and counts, never a token. It goes to its own stream (stderr in the CLI): stdout keeps the results.
 */
public final class IngestProgress {
  /** A line per active mailbox at least this often unless told otherwise. */
  public static final Duration DEFAULT_EVERY = Duration.ofSeconds(10);

  /** The progress of the runs whose driver is in this JVM, by run id: sync tasks here report into it. */
  private static final Map<String, IngestProgress> RUNS = new ConcurrentHashMap<>();

  private final PrintStream out;
  private final Duration every;
  private final LongSupplier nanos;
  private final Map<String, MailboxProgress> mailboxes = new ConcurrentHashMap<>();
  private ScheduledExecutorService reporter;
  private volatile long runStartNanos;
  private volatile boolean stopped;

  IngestProgress(PrintStream out, Duration every, LongSupplier nanos) {
    if (every.isZero() || every.isNegative()) {
      throw new IllegalArgumentException("progress interval must be positive, not " + every);
    }
    this.out = out;
    this.every = every;
    this.nanos = nanos;
    this.runStartNanos = nanos.getAsLong();
  }

  /** Lines and table on {@code out}, a line per active mailbox every {@code every}. */
  public static IngestProgress to(PrintStream out, Duration every) {
    return new IngestProgress(out, every, System::nanoTime);
  }

  /** Counts, but prints nothing (library use and tests that do not look at progress). */
  public static IngestProgress silent() {
    return new IngestProgress(null, DEFAULT_EVERY, System::nanoTime);
  }

  /** An interval like {@code 10s} or {@code 2m}. */
  public static Duration parseEvery(String value) {
    if (value == null || !value.matches("[1-9][0-9]{0,4}[sm]")) {
      throw new IllegalArgumentException("progress-every must be a number with a unit s or m (for example 10s), not '"
          + value + "'");
    }
    long n = Long.parseLong(value.substring(0, value.length() - 1));
    return value.endsWith("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
  }

  public Duration every() {
    return every;
  }

  /** Sync tasks of run {@code runId} that run in this JVM report here until {@link #unregister}. */
  public void register(String runId) {
    RUNS.put(runId, this);
  }

  public void unregister(String runId) {
    RUNS.remove(runId, this);
  }

  /** The progress of run {@code runId} when its driver is in this JVM, else null. */
  public static IngestProgress ofRun(String runId) {
    return RUNS.get(runId);
  }

  /** One mailbox's counts, as a task hands them to a driver in another JVM. */
  public record Counts(long listed, long fetched, long events, boolean listingDone) implements java.io.Serializable {
  }

  /** What was counted for {@code mailbox} here. */
  public Counts counts(String mailbox) {
    MailboxProgress m = mailbox(mailbox);
    return new Counts(m.listed.get(), m.fetched.get(), m.events.get(), m.listingDone);
  }

  /** Adds counts from a task elsewhere. */
  public void add(String mailbox, Counts c) {
    MailboxProgress m = mailbox(mailbox);
    m.listed.addAndGet(c.listed());
    m.fetched.addAndGet(c.fetched());
    m.events.addAndGet(c.events());
    m.listingDone = c.listingDone();
  }

  /**
   * A backfill goes on from its checkpoint and lists the window again, counting only what is left:
   * what it fetched so far counts as listed, the listing as not done.
   */
  public void resumed(String mailbox) {
    MailboxProgress m = mailbox(mailbox);
    m.listed.set(m.fetched.get());
    m.listingDone = false;
  }

  /** Stops the reporter without a summary (a task's own lines, where its driver is elsewhere). */
  public synchronized void stopLines() {
    stopped = true;
    if (reporter != null) {
      reporter.shutdownNow();
    }
  }

  /** The run starts: rates in the total count from here; the reporter starts ticking. */
  public synchronized void start() {
    runStartNanos = nanos.getAsLong();
    if (out != null && reporter == null && !stopped) {
      reporter = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ingest-progress");
        t.setDaemon(true);
        return t;
      });
      long ms = every.toMillis();
      reporter.scheduleAtFixedRate(this::report, ms, ms, TimeUnit.MILLISECONDS);
    }
  }

  /** A mailbox's sync begins: its rate counts from here. */
  public void started(String mailbox) {
    mailbox(mailbox);
  }

  /** {@code n} more message ids to fetch; {@code last} when that was the listing's last page. */
  public void listed(String mailbox, long n, boolean last) {
    MailboxProgress m = mailbox(mailbox);
    m.listed.addAndGet(n);
    if (last) {
      m.listingDone = true;
    }
  }

  public void fetched(String mailbox, long n) {
    mailbox(mailbox).fetched.addAndGet(n);
  }

  public void events(String mailbox, long n) {
    mailbox(mailbox).events.addAndGet(n);
  }

  /** A source's final state ({@code syncing} checkpoints are ignored); both in means the mailbox is done. */
  public void ended(String mailbox, String source, String status) {
    if (status == null || SyncState.SYNCING.equals(status)) {
      return;
    }
    MailboxProgress m = mailbox(mailbox);
    if (SyncState.GMAIL.equals(source)) {
      m.gmailStatus = status;
    } else if (SyncState.CALENDAR.equals(source)) {
      m.calendarStatus = status;
    }
    synchronized (m) {
      if (m.gmailStatus != null && m.calendarStatus != null && !m.done()) {
        m.endedNanos = nanos.getAsLong();
      }
    }
  }

  /** The lines of the mailboxes still syncing, as the reporter prints them now. */
  List<String> lines() {
    long now = nanos.getAsLong();
    return sorted().stream().filter(m -> !m.done()).map(m -> ProgressFormat.line(m.snapshot(now))).toList();
  }

  /** The summary table as it stands. */
  String summary() {
    long now = nanos.getAsLong();
    List<Snapshot> rows = sorted().stream().map(m -> m.snapshot(now)).toList();
    return ProgressFormat.table(rows, (now - runStartNanos) / 1e9);
  }

  /**
   * Stops the reporter and prints the summary table; called once the run ends, failed or not (a
   * second call does nothing). A mailbox that never finished counts its time up to here.
   */
  public void stop() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      if (reporter != null) {
        reporter.shutdownNow();
      }
    }
    long now = nanos.getAsLong();
    for (MailboxProgress m : mailboxes.values()) {
      synchronized (m) {
        if (!m.done()) {
          m.endedNanos = now;
        }
      }
    }
    if (out != null && !mailboxes.isEmpty()) {
      out.print("ingest summary:\n" + summary());
      out.flush();
    }
  }

  private void report() {
    try {
      if (stopped) {
        return;
      }
      for (String line : lines()) {
        out.println(line);
      }
      out.flush();
    } catch (RuntimeException e) {
      // A failed line must not end the reporting (a scheduled task that throws is never run again).
    }
  }

  private MailboxProgress mailbox(String mailbox) {
    return mailboxes.computeIfAbsent(mailbox, m -> new MailboxProgress(m, nanos.getAsLong()));
  }

  private List<MailboxProgress> sorted() {
    return mailboxes.values().stream().sorted(Comparator.comparing(m -> m.mailbox)).toList();
  }
}
