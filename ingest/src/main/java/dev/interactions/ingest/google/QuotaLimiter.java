package dev.interactions.ingest.google;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps Gmail calls under the per-user and per-project quotas on the client side: each call takes
 * its cost in quota units from its mailbox's bucket and from the project's before it goes out
 * (a retry costs again, as it does at Google). Calendar calls cost no Gmail units.
 */
public final class QuotaLimiter {
  /** Google's published defaults. */
  public static final double DEFAULT_USER_UNITS_PER_SECOND = 250;
  public static final double DEFAULT_PROJECT_UNITS_PER_MINUTE = 1_200_000;

  private final TokenBucket project;
  private final Map<String, TokenBucket> users = new ConcurrentHashMap<>();
  private final Function<String, TokenBucket> newUserBucket;
  private final double userUnitsPerSecond;
  private final double projectUnitsPerMinute;

  /** Buckets made elsewhere (its rates unknown: NaN). */
  public QuotaLimiter(TokenBucket project, Function<String, TokenBucket> newUserBucket) {
    this(project, newUserBucket, Double.NaN, Double.NaN);
  }

  private QuotaLimiter(TokenBucket project, Function<String, TokenBucket> newUserBucket, double userUnitsPerSecond,
      double projectUnitsPerMinute) {
    this.project = project;
    this.newUserBucket = newUserBucket;
    this.userUnitsPerSecond = userUnitsPerSecond;
    this.projectUnitsPerMinute = projectUnitsPerMinute;
  }

  /** Buckets on the real clock; the project's per-minute budget flows in per second. */
  public static QuotaLimiter of(double userUnitsPerSecond, double projectUnitsPerMinute) {
    TokenBucket project = TokenBucket.perSecond(projectUnitsPerMinute / 60);
    return new QuotaLimiter(project, mailbox -> TokenBucket.perSecond(userUnitsPerSecond), userUnitsPerSecond,
        projectUnitsPerMinute);
  }

  /** The per-mailbox rate this limiter was made with (NaN when built from buckets). */
  public double userUnitsPerSecond() {
    return userUnitsPerSecond;
  }

  /** The project's rate this limiter was made with (NaN when built from buckets). */
  public double projectUnitsPerMinute() {
    return projectUnitsPerMinute;
  }

  public static QuotaLimiter defaults() {
    return of(DEFAULT_USER_UNITS_PER_SECOND, DEFAULT_PROJECT_UNITS_PER_MINUTE);
  }

  /** Waits until a call to {@code path} may go out for {@code mailbox} (null: the project's budget only). */
  public void take(String mailbox, String path) throws InterruptedException {
    int units = units(path);
    if (units == 0) {
      return;
    }
    if (mailbox != null) {
      users.computeIfAbsent(mailbox, newUserBucket).take(units);
    }
    project.take(units);
  }

  /**
   * Gmail's quota units per method (Google's "Usage limits" table) for the read calls this source
   * can make; another Gmail call counts as 5, a batch envelope and Calendar calls as none (the
   * parts of a batch each pay their own).
   */
  static int units(String path) {
    int at = path.indexOf("/gmail/v1/users/");
    if (at < 0) {
      return 0;
    }
    String[] p = path.substring(at + "/gmail/v1/users/".length()).split("/");
    // p[0] is the user ("me"), p[1] the collection; messages.get, .list and .attachments.get all cost 5.
    String collection = p.length > 1 ? p[1] : "";
    return switch (collection) {
      case "profile" -> 1;
      case "history" -> 2;
      case "labels" -> 1;
      case "threads" -> 10;
      default -> 5;
    };
  }
}
