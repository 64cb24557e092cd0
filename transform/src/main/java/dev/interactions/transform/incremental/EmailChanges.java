package dev.interactions.transform.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.conversations.Conversations;
import dev.interactions.transform.emails.EmailCopies;
import dev.interactions.transform.emails.EmailMessages;
import java.sql.Timestamp;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One night's emails: the messages whose bronze copies changed since the last transform, and every
 * conversation they touch, decided and threaded again; the rest of silver stays as it is.
 *
 * <p>A conversation is a connected component, and the old components share no node (Message-ID,
 * referenced id, Gmail thread) with each other. So the components after the night are found among
 * the changed messages and the old conversations that share a node with them: threading those alone
 * gives the same conversations, with the same ids, as threading everything.
 *
 * <p>Each step is checkpointed locally: a night stacks many small steps over the same tables, and
 * planning them nested (Spark re-plans and prints the whole tree at every stage) cost several
 * times the full run's work. A lost executor fails the run; the next one redoes the night.
 *
 * @param messages the recomputed rows of silver.email_messages, interaction ids included
 * @param replacedKeys message_key of every silver row they replace (a deleted message has no new row)
 * @param replacedInteractions interaction_id of every conversation, old or new, that they touch
 * @param copies parsed bronze copies of the changed messages, for stripping internal mail
 * @param changedMessages how many messages had a copy change
 */
public record EmailChanges(Dataset<Row> messages, Dataset<Row> replacedKeys, Dataset<Row> replacedInteractions,
    Dataset<Row> copies, long changedMessages) {

  /**
   * @param bronze bronze.gmail_messages, tombstones included
   * @param silver silver.email_messages as the last transform left it, pinned
   * @param since the latest ingested_at the last transform read; null: every row is new
   * @param upTo the latest ingested_at now: rows landed after this wait for the next run
   */
  public static EmailChanges since(Dataset<Row> bronze, Dataset<Row> silver, Timestamp since, Timestamp upTo,
      Broadcast<Directory> directory) {
    Column window = col("ingested_at").leq(upTo);
    if (since != null) {
      window = window.and(col("ingested_at").gt(since));
    }
    // Deleted copies count as changes: their message loses a copy, or goes.
    Dataset<Row> changed = EmailCopies.parse(bronze.where(window)).select("message_key", "mailbox", "gmail_id")
        .localCheckpoint();
    Dataset<Row> changedKeys = changed.select("message_key").distinct().localCheckpoint();
    // What silver held of them, read once: both the copies and the conversations come from it.
    Dataset<Row> before = silver.join(changedKeys, "message_key")
        .select("message_key", "mailboxes", "gmail_ids", "interaction_id")
        .localCheckpoint();

    // Every live copy of a changed message: the changed ones and those its old row lists.
    Dataset<Row> listed = before.select(explode(col("mailboxes")).as("mailbox"), col("gmail_ids"))
        .select(col("mailbox"), explode(col("gmail_ids")).as("id"));
    Dataset<Row> candidates = changed.select(col("mailbox"), col("gmail_id").as("id")).union(listed).distinct();
    Dataset<Row> copies = EmailCopies.parse(bronze.where(col("deleted_at").isNull())
            .join(candidates, new String[] {"mailbox", "id"}, "left_semi"))
        .join(changedKeys, new String[] {"message_key"}, "left_semi")
        .localCheckpoint();
    Dataset<Row> decided = EmailMessages.decide(EmailMessages.merge(copies), directory)
        .localCheckpoint();

    // The old conversations a changed message was in, or shares a node with now.
    Dataset<Row> synced = decided.where(col("synced"));
    Dataset<Row> ids = synced.select(col("message_key").as("node"))
        .union(synced.select(explode(col("reply_to_ids")).as("node"))).distinct();
    Dataset<Row> threads = synced.select(explode(col("thread_keys")).as("node")).distinct();
    Dataset<Row> old = silver.where(col("synced"));
    Dataset<Row> touched = before.where(col("interaction_id").isNotNull()).select("interaction_id")
        .union(old.join(ids, old.col("message_key").equalTo(ids.col("node")), "left_semi").select("interaction_id"))
        .union(old.select(col("interaction_id"), explode(col("reply_to_ids")).as("node"))
            .join(ids, new String[] {"node"}, "left_semi").select("interaction_id"))
        .union(old.select(col("interaction_id"), explode(col("thread_keys")).as("node"))
            .join(threads, new String[] {"node"}, "left_semi").select("interaction_id"))
        .distinct()
        .localCheckpoint();

    // Their other messages keep their decisions: their copies and the decision inputs did not change.
    Dataset<Row> others = silver.join(touched, new String[] {"interaction_id"}, "left_semi")
        .join(changedKeys, new String[] {"message_key"}, "left_anti")
        .drop("interaction_id");
    Dataset<Row> recomputed = decided.unionByName(others).localCheckpoint();
    Dataset<Row> messages = recomputed
        .join(Conversations.interactionIds(recomputed), new String[] {"message_key"}, "left")
        .localCheckpoint();
    // decided's keys are among changedKeys: the rest of recomputed is others, read from the checkpoint.
    Dataset<Row> replacedKeys = changedKeys.union(recomputed.select("message_key")).distinct();
    Dataset<Row> replacedInteractions = touched
        .union(messages.where(col("interaction_id").isNotNull()).select("interaction_id"))
        .distinct()
        .localCheckpoint();
    return new EmailChanges(messages, replacedKeys, replacedInteractions, copies, changedKeys.count());
  }
}
