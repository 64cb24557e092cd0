package dev.interactions.ingest.google;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * What one Google ingest does, validated before anything runs.
 *
 * @param mailboxes the connected mailboxes to sync
 * @param notConnected mailboxes that should be synced but have no token (shown as not_connected)
 * @param backfill the first run's window, back from now
 * @param storeBodies how much of a message body lands in bronze
 * @param rootUrl replaces Google's API root URL (null: Google's)
 * @param tokenUri replaces Google's OAuth token endpoint (null: Google's)
 * @param mailboxTimeBudget how long one mailbox's backfill may run in one run before it stops
 *     {@code partial} and goes on next run (null: no limit)
 * @param quotaUserUnitsPerSecond Gmail quota units one mailbox may spend a second
 * @param quotaProjectUnitsPerMinute Gmail quota units the whole project may spend a minute
 */
public record GoogleOptions(
    List<String> mailboxes,
    List<String> notConnected,
    Period backfill,
    StoreBodies storeBodies,
    String rootUrl,
    String tokenUri,
    Duration mailboxTimeBudget,
    double quotaUserUnitsPerSecond,
    double quotaProjectUnitsPerMinute) implements java.io.Serializable {

  /** Google's published quotas and no time budget. */
  public GoogleOptions(List<String> mailboxes, List<String> notConnected, Period backfill, StoreBodies storeBodies,
      String rootUrl, String tokenUri) {
    this(mailboxes, notConnected, backfill, storeBodies, rootUrl, tokenUri, null,
        QuotaLimiter.DEFAULT_USER_UNITS_PER_SECOND, QuotaLimiter.DEFAULT_PROJECT_UNITS_PER_MINUTE);
  }

  public GoogleOptions withMailboxTimeBudget(Duration budget) {
    return new GoogleOptions(mailboxes, notConnected, backfill, storeBodies, rootUrl, tokenUri, budget,
        quotaUserUnitsPerSecond, quotaProjectUnitsPerMinute);
  }

  /** The client-side quota buckets these options ask for. */
  public QuotaLimiter quota() {
    return QuotaLimiter.of(quotaUserUnitsPerSecond, quotaProjectUnitsPerMinute);
  }

  /** A time budget like {@code 90s}, {@code 30m} or {@code 2h}. */
  public static Duration parseTimeBudget(String value) {
    if (value == null || !value.matches("[1-9][0-9]{0,5}[smh]")) {
      throw new IllegalArgumentException("mailbox-time-budget must be a number with a unit s, m or h (for example"
          + " 30m), not '" + value + "'");
    }
    long n = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** A positive quota figure. */
  public static double parseQuota(String value, String option) {
    try {
      double d = Double.parseDouble(value);
      if (d > 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw new IllegalArgumentException(option + " must be a positive number, not '" + value + "'");
  }

  /** {@code --store-bodies}: none and snippet fetch Gmail's metadata format, full the full one. */
  public enum StoreBodies {
    NONE, SNIPPET, FULL;

    public static StoreBodies parse(String value) {
      for (StoreBodies s : values()) {
        if (s.label().equals(value)) {
          return s;
        }
      }
      throw new IllegalArgumentException("store-bodies must be none, snippet or full, not '" + value + "'");
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final Period DEFAULT_BACKFILL = Period.ofMonths(6);

  /** A backfill window like {@code 30d}, {@code 8w} or {@code 6m}. */
  public static Period parseBackfill(String value) {
    if (value == null || !value.matches("[1-9][0-9]{0,4}[dwm]")) {
      throw new IllegalArgumentException("backfill must be a number with a unit d, w or m (for example 6m), not '"
          + value + "'");
    }
    int n = Integer.parseInt(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 'd' -> Period.ofDays(n);
      case 'w' -> Period.ofWeeks(n);
      default -> Period.ofMonths(n);
    };
  }

  /** Where the backfill window starts for a run at {@code now}. */
  public Instant backfillStart(Instant now) {
    return now.atOffset(ZoneOffset.UTC).minus(backfill).toInstant();
  }

  /** Calendar listings reach this far ahead, so that upcoming meetings are known. */
  public static Instant calendarEnd(Instant now) {
    return now.atOffset(ZoneOffset.UTC).plusMonths(12).toInstant();
  }
}
