package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/** The instant T the metrics are computed at, and its windows [T - N days, T). */
public record AsOf(Instant instant, List<Integer> windowDays) {
  public static final int DEFAULT_WINDOW = 30;

  public AsOf {
    TreeSet<Integer> days = new TreeSet<>(windowDays);
    days.add(DEFAULT_WINDOW);
    for (int d : days) {
      if (d < 1) {
        throw new IllegalArgumentException("a window must be at least 1 day, not " + d);
      }
    }
    // The 30-day window comes first: its columns always exist and lead.
    days.remove(DEFAULT_WINDOW);
    List<Integer> ordered = new java.util.ArrayList<>(List.of(DEFAULT_WINDOW));
    ordered.addAll(days);
    windowDays = List.copyOf(ordered);
  }

  public Column t() {
    return lit(Timestamp.from(instant));
  }

  /** At or before T: counts as "last". */
  public Column atOrBefore(Column at) {
    return at.leq(t());
  }

  public Column inWindow(Column at, int days) {
    return at.geq(windowStart(days)).and(at.lt(t()));
  }

  /** T - N days: the window's first instant. */
  public Column windowStart(int days) {
    return lit(Timestamp.from(instant.minus(Duration.ofDays(days))));
  }

  /** In [T - fromDays, T - toDays): an earlier period, such as the engagement baseline. */
  public Column inPeriod(Column at, int fromDays, int toDays) {
    return at.geq(lit(Timestamp.from(instant.minus(Duration.ofDays(fromDays)))))
        .and(at.lt(lit(Timestamp.from(instant.minus(Duration.ofDays(toDays))))));
  }

  /**
   * The UTC days that T and the start of each period it counts (every window, the engagement
   * baseline's start) fall in: the only days split by a period's edge. Any other day is wholly
   * inside or outside each period, so its items count by the day's sums.
   */
  public List<LocalDate> splitDays() {
    TreeSet<LocalDate> out = new TreeSet<>();
    out.add(day(instant));
    for (int d : windowDays) {
      out.add(day(instant.minus(Duration.ofDays(d))));
    }
    out.add(day(instant.minus(Duration.ofDays(CustomerEngagement.BASELINE_START_DAYS))));
    return List.copyOf(out);
  }

  private static LocalDate day(Instant i) {
    return LocalDate.ofInstant(i, ZoneOffset.UTC);
  }

  public Column inWindow(String atColumn, int days) {
    return inWindow(col(atColumn), days);
  }
}
