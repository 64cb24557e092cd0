package dev.interactions.ingest.google.progress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One mailbox's counters during a run. Sync threads add to them while the reporter reads them, so
 * each is atomic; a line may mix counts a few messages apart, which a progress line can afford.
 */
final class MailboxProgress {
  final String mailbox;
  final long startedNanos;
  final AtomicLong listed = new AtomicLong();
  final AtomicLong fetched = new AtomicLong();
  final AtomicLong events = new AtomicLong();
  volatile boolean listingDone;
  volatile String gmailStatus;
  volatile String calendarStatus;
  volatile long endedNanos = -1;

  MailboxProgress(String mailbox, long startedNanos) {
    this.mailbox = mailbox;
    this.startedNanos = startedNanos;
  }

  boolean done() {
    return endedNanos >= 0;
  }

  /** A copy of the counters at {@code nowNanos}, for one line or one row of the table. */
  Snapshot snapshot(long nowNanos) {
    long end = done() ? endedNanos : nowNanos;
    return new Snapshot(mailbox, listed.get(), fetched.get(), events.get(), listingDone,
        Math.max(0, end - startedNanos) / 1e9, gmailStatus, calendarStatus, done());
  }

  /** What the format needs: counts, seconds since the mailbox started, and how each source ended. */
  record Snapshot(String mailbox, long listed, long fetched, long events, boolean listingDone, double seconds,
      String gmailStatus, String calendarStatus, boolean done) {
    /** Messages fetched a second since the mailbox started; 0 before any time has passed. */
    double rate() {
      return seconds <= 0 ? 0 : fetched / seconds;
    }

    /**
     * Seconds left at the current rate for what is listed and not fetched yet; -1 when unknown
     * (nothing fetched yet). While listing goes on this is a lower bound.
     */
    double etaSeconds() {
      long left = Math.max(0, listed - fetched);
      if (left == 0) {
        // Nothing left of what is listed: done, or the listing has not got ahead of the fetching yet.
        return listingDone ? 0 : -1;
      }
      double rate = rate();
      return rate <= 0 ? -1 : left / rate;
    }
  }
}
