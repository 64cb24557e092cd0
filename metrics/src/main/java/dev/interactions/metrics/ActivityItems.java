package dev.interactions.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Synced emails and meetings in one long form: what every metric counts. One row per email
 * message (not conversation) or meeting, with the ids it is attributed to, and for emails the
 * sender and direction the waits read (null for meetings), so that the signals need no second
 * scan of the messages.
 */
public final class ActivityItems {
  public static final String EMAIL = "email";
  public static final String MEETING = "meeting";

  private ActivityItems() {}

  public static Dataset<Row> of(Dataset<Row> emailMessages, Dataset<Row> meetings) {
    // An item without an instant counts in no figure and on no day.
    Dataset<Row> emails = emailMessages.where(col("synced").and(col("sent_at").isNotNull())).select(
        lit(EMAIL).as("item_type"), col("message_key").as("item_key"), col("interaction_id"),
        col("sent_at").as("at"), col("team_member_ids"), col("user_ids"), col("customer_ids"),
        col("sender_user_ids"), col("sender_customer_ids"), col("from_address"), col("direction"));
    Dataset<Row> meetingItems = meetings.where(col("synced").and(col("start_at").isNotNull())).select(
        lit(MEETING).as("item_type"), col("meeting_key").as("item_key"), col("interaction_id"),
        col("start_at").as("at"), col("team_member_ids"), col("user_ids"), col("customer_ids"),
        array().cast("array<string>").as("sender_user_ids"), array().cast("array<string>").as("sender_customer_ids"),
        lit(null).cast("string").as("from_address"), lit(null).cast("string").as("direction"));
    return emails.unionByName(meetingItems);
  }
}
