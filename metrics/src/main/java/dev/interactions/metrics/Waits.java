package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.last;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * The waits of SPEC.md "Signals": in each email conversation, ordered by (sent_at, message_key),
 * an inbound message opens a wait when no inbound message has come since the last outbound one;
 * the next outbound message answers it. One row per wait: interaction_id, opened_at,
 * from_address, answered_at, answered_by (the answering sender) and reply_minutes, the last three
 * null while the wait is open at T.
 */
public final class Waits {
  static final String INBOUND = "inbound";
  static final String OUTBOUND = "outbound";

  private Waits() {}

  /** @param items {@link ActivityItems}: the synced emails, with their sender and direction */
  public static Dataset<Row> of(Dataset<Row> items, AsOf asOf) {
    // Third-party messages neither open nor answer, so they leave the sequence; messages after T
    // do not exist yet as of T, so a reply after T leaves the wait open.
    Dataset<Row> messages = items
        .where(col("item_type").equalTo(ActivityItems.EMAIL).and(col("interaction_id").isNotNull())
            .and(asOf.atOrBefore(col("at"))).and(col("direction").isin(INBOUND, OUTBOUND)))
        .select(col("interaction_id"), col("item_key").as("message_key"), col("at").as("sent_at"),
            col("from_address"), col("direction"));

    // Both figures read each conversation backwards, newest first, so that one sort serves them:
    // the previous message is the next row, and the next outbound message a running "last" (a
    // growing frame is one pass, where a frame from here to the end would be quadratic in a
    // conversation's length). The opener itself is inbound, so including it changes nothing.
    WindowSpec newestFirst = Window.partitionBy("interaction_id")
        .orderBy(col("sent_at").desc(), col("message_key").desc());
    WindowSpec backwards = newestFirst.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Column previous = lead(col("direction"), 1).over(newestFirst);
    Column opensWait = col("direction").equalTo(INBOUND).and(previous.isNull().or(previous.equalTo(OUTBOUND)));
    Column nextOutbound = last(when(col("direction").equalTo(OUTBOUND),
        struct(col("sent_at").as("at"), col("from_address").as("by"))), true).over(backwards);

    return messages
        .withColumn("opens_wait", opensWait)
        .withColumn("answer", nextOutbound)
        .where(col("opens_wait"))
        .select(col("interaction_id"), col("sent_at").as("opened_at"), col("from_address"),
            col("answer.at").as("answered_at"), col("answer.by").as("answered_by"),
            // Durations from epoch milliseconds: never truncated to seconds.
            unix_millis(col("answer.at")).minus(unix_millis(col("sent_at"))).divide(lit(60_000.0))
                .as("reply_minutes"));
  }

  /**
   * The waits every signal reads, those opened in the window (open at T or answered by then), with
   * their conversation's subject and ids as gold.interactions holds them. Only conversations active
   * since the window's start can hold such a wait (an opener is one of its messages), so only their
   * messages are ordered: the sort is in proportion to the window, not to the history.
   *
   * @param items {@link ActivityItems}
   */
  public static Dataset<Row> inWindowWithConversations(Dataset<Row> items, Dataset<Row> interactions, AsOf asOf) {
    Dataset<Row> conversations = interactions
        .where(col("interaction_type").equalTo("email")
            .and(col("last_activity_at").geq(asOf.windowStart(AsOf.DEFAULT_WINDOW))))
        .select("interaction_id", "subject", "user_ids", "customer_ids", "team_member_ids");
    Dataset<Row> recent = items.join(conversations.select("interaction_id"), new String[] {"interaction_id"},
        "left_semi");
    return of(recent, asOf).where(openInWindow(asOf).or(answeredInWindow(asOf)))
        .join(conversations, "interaction_id");
  }

  /** A wait opened in the 30-day window and answered by T: the ones reply figures count. */
  static Column answeredInWindow(AsOf asOf) {
    return col("answered_at").isNotNull().and(asOf.inWindow("opened_at", AsOf.DEFAULT_WINDOW));
  }

  /** A wait still open at T and opened in the window: a row of gold.awaiting_reply. */
  static Column openInWindow(AsOf asOf) {
    return col("answered_at").isNull().and(asOf.inWindow("opened_at", AsOf.DEFAULT_WINDOW));
  }

  public static Dataset<Row> answeredInWindow(Dataset<Row> waits, AsOf asOf) {
    return waits.where(answeredInWindow(asOf));
  }

  public static Dataset<Row> openInWindow(Dataset<Row> waits, AsOf asOf) {
    return waits.where(openInWindow(asOf));
  }
}
