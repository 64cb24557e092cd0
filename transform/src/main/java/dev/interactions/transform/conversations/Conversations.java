package dev.interactions.transform.conversations;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Threads synced emails into conversations (SPEC.md "Threading"): a graph over message ids where
 * each synced message links to the ids in its In-Reply-To and References, and to its Gmail
 * threads (per mailbox). Ids that are only referenced, or belong to excluded messages, can link
 * messages but never join a conversation.
 */
public final class Conversations {
  /** Prefix of a Gmail thread's node; a Message-ID never contains a space. */
  private static final String THREAD_NODE = "thread ";

  private Conversations() {}

  /**
   * @param messages decided messages (message_key, sent_at, synced, reply_to_ids, thread_keys)
   * @return message_key and interaction_id of every synced message
   */
  public static Dataset<Row> interactionIds(Dataset<Row> messages) {
    Dataset<Row> synced = messages.where(col("synced"))
        .select("message_key", "sent_at", "reply_to_ids", "thread_keys");
    Dataset<Row> replyEdges = synced
        .select(col("message_key").as("src"), explode(col("reply_to_ids")).as("dst"));
    Dataset<Row> threadEdges = synced
        .select(col("message_key").as("src"), explode(col("thread_keys")).as("thread"))
        .select(col("src"), concat(lit(THREAD_NODE), col("thread")).as("dst"));
    Dataset<Row> components = ConnectedComponents.of(replyEdges.union(threadEdges));

    // A message without any link is a conversation of its own.
    Dataset<Row> membership = synced
        .join(components, synced.col("message_key").equalTo(components.col("node")), "left")
        .select(col("message_key"), col("sent_at"), coalesce(col("component"), col("message_key")).as("component"));
    Dataset<Row> firstMessage = membership.groupBy("component")
        .agg(min(struct(col("sent_at"), col("message_key"))).as("first"))
        .select(col("component"), interactionId("email", col("first.message_key")).as("interaction_id"));
    return membership.join(firstMessage, "component").select("message_key", "interaction_id");
  }

  /** A stable id from a type and a natural key. */
  public static Column interactionId(String type, Column key) {
    return concat(lit(idPrefix(type)), substring(sha2(concat(lit(type + ":"), key), 256), 1, 24));
  }

  /** What every interaction id of a type starts with: its initial and a dash. */
  public static String idPrefix(String type) {
    return type.substring(0, 1) + "-";
  }
}
