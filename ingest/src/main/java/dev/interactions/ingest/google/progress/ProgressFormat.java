package dev.interactions.ingest.google.progress;

import dev.interactions.ingest.google.progress.MailboxProgress.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of the progress lines and of the summary table; pure, so tests need no clock or Spark. */
final class ProgressFormat {
  private static final String[] HEADER = {"mailbox", "listed", "fetched", "msg/s", "events", "time", "gmail",
      "calendar"};

  private ProgressFormat() {}

  /**
   * One active mailbox, e.g. {@code progress a@x.com: listed 1500+, fetched 450 (30%), 45.0 msg/s,
   * eta >=23s, 12 events, 10s elapsed}; "+" and ">=" while the listing still goes on.
   */
  static String line(Snapshot s) {
    String more = s.listingDone() ? "" : "+";
    String percent = s.listed() == 0 ? "" : String.format(Locale.ROOT, " (%d%%)", Math.min(100,
        s.fetched() * 100 / s.listed()));
    double eta = s.etaSeconds();
    String etaText = eta < 0 ? "?" : (s.listingDone() ? "" : ">=") + duration(eta);
    return String.format(Locale.ROOT, "progress %s: listed %d%s, fetched %d%s, %s msg/s, eta %s, %d events, %s elapsed",
        s.mailbox(), s.listed(), more, s.fetched(), percent, rate(s.rate()), etaText, s.events(),
        duration(s.seconds()));
  }

  /** The table at the end of a run: a row per mailbox and a total (its rate over the run's time). */
  static String table(List<Snapshot> rows, double runSeconds) {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    long listed = 0;
    long fetched = 0;
    long events = 0;
    for (Snapshot s : rows) {
      cells.add(new String[] {s.mailbox(), Long.toString(s.listed()), Long.toString(s.fetched()), rate(s.rate()),
          Long.toString(s.events()), duration(s.seconds()), status(s.gmailStatus(), s.done()),
          status(s.calendarStatus(), s.done())});
      listed += s.listed();
      fetched += s.fetched();
      events += s.events();
    }
    cells.add(new String[] {"total", Long.toString(listed), Long.toString(fetched),
        rate(runSeconds <= 0 ? 0 : fetched / runSeconds), Long.toString(events), duration(runSeconds), "", ""});
    int[] width = new int[HEADER.length];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        // Text columns left-aligned, numbers right-aligned so that digits line up.
        boolean text = i == 0 || i >= 6;
        String cell = text ? pad(row[i], width[i], false) : pad(row[i], width[i], true);
        line.append(i == 0 ? "" : "  ").append(cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Whole seconds, minutes or hours: lines seconds apart need nothing finer. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%.1f", perSecond);
  }

  private static String status(String status, boolean done) {
    return status != null ? status : done ? "-" : "running";
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return right ? fill + s : s + fill;
  }
}
