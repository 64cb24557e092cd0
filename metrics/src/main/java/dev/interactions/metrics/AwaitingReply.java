package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_millis;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.awaiting_reply: the waits open at T and opened in the window, with their conversation's
 * subject and ids as gold.interactions holds them (its messages after T included), so that a
 * dashboard shows the whole conversation it links to.
 */
public final class AwaitingReply {
  private AwaitingReply() {}

  /** @param waits the waits with their conversations ({@link Waits#inWindowWithConversations}) */
  public static Dataset<Row> compute(Dataset<Row> waits, AsOf asOf) {
    return Waits.openInWindow(waits, asOf)
        .select(col("interaction_id"), col("opened_at"), col("from_address"), col("subject"), col("user_ids"),
            col("customer_ids"), col("team_member_ids"),
            unix_millis(asOf.t()).minus(unix_millis(col("opened_at"))).divide(lit(3_600_000.0)).as("waiting_hours"),
            asOf.t().as("as_of"));
  }
}
