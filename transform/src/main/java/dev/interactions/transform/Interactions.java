package dev.interactions.transform;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udf;

import dev.interactions.core.mail.Subjects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/** gold.interactions and its long-form links and message drill-down, from silver. */
public final class Interactions {
  private static final UserDefinedFunction BASE_SUBJECT =
      udf((UDF1<String, String>) Subjects::stripReplyPrefixes, DataTypes.StringType);

  private Interactions() {}

  public static Dataset<Row> build(Dataset<Row> emailMessages, Dataset<Row> meetings) {
    return emails(emailMessages).unionByName(meetings(meetings));
  }

  /** One row per conversation of the given messages (each conversation's messages all among them). */
  public static Dataset<Row> emails(Dataset<Row> emailMessages) {
    return emailMessages.where(col("synced"))
        .groupBy("interaction_id")
        .agg(min(struct(col("sent_at"), col("message_key"), col("subject"))).as("first"),
            min("sent_at").as("started_at"),
            max("sent_at").as("last_activity_at"),
            count(lit(1)).as("message_count"),
            union("team_member_ids"), union("user_ids"), union("customer_ids"))
        .select(col("interaction_id"), lit("email").as("interaction_type"),
            BASE_SUBJECT.apply(col("first.subject")).as("subject"), col("started_at"), col("last_activity_at"),
            lit(null).cast("timestamp").as("ended_at"), col("message_count"),
            col("team_member_ids"), col("user_ids"), col("customer_ids"));
  }

  public static Dataset<Row> meetings(Dataset<Row> meetings) {
    return meetings.where(col("synced"))
        .select(col("interaction_id"), lit("meeting").as("interaction_type"), col("subject"),
            col("start_at").as("started_at"), col("start_at").as("last_activity_at"), col("end_at").as("ended_at"),
            lit(null).cast("long").as("message_count"),
            col("team_member_ids"), col("user_ids"), col("customer_ids"));
  }

  /** One row per interaction and linked user, customer or team member. */
  public static Dataset<Row> links(Dataset<Row> interactions) {
    return link(interactions, "user", "user_ids")
        .unionByName(link(interactions, "customer", "customer_ids"))
        .unionByName(link(interactions, "team_member", "team_member_ids"));
  }

  /** The emails behind each email interaction. */
  public static Dataset<Row> messages(Dataset<Row> emailMessages) {
    return emailMessages.where(col("synced"))
        .select("interaction_id", "message_key", "sent_at", "from_address", "direction", "subject", "snippet");
  }

  private static Dataset<Row> link(Dataset<Row> interactions, String role, String column) {
    return interactions.select(col("interaction_id"), lit(role).as("role"), explode(col(column)).as("id"));
  }

  private static Column union(String arrayColumn) {
    return array_sort(array_distinct(flatten(collect_list(arrayColumn)))).as(arrayColumn);
  }
}
