package dev.interactions.transform.emails;

import static dev.interactions.core.spark.RowValues.flag;
import static dev.interactions.core.spark.RowValues.list;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.bool_and;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.core.spark.RowValues;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.attribution.InteractionRules;
import dev.interactions.transform.attribution.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * silver.email_messages without interaction ids: mailbox copies merged into one message per key
 * (SPEC.md "Message identity and time"), then decided and attributed with the directory.
 */
public final class EmailMessages {
  private static final StructType DECIDED = decidedSchema();

  private EmailMessages() {}

  /** Parsed copies to one row per message with the union of their facts. */
  public static Dataset<Row> merge(Dataset<Row> copies) {
    return copies.groupBy("message_key").agg(
        first("rfc822_message_id", true).as("rfc822_message_id"),
        sortedSet(collect_set("mailbox")).as("mailboxes"),
        sortedSet(collect_set("gmail_id")).as("gmail_ids"),
        sortedSet(collect_set("thread_key")).as("thread_keys"),
        min("internal_date").as("sent_at"),
        // The earliest copy (ties by mailbox, then Gmail id) gives sender, subject and snippet.
        min(struct(col("internal_date"), col("mailbox"), col("gmail_id"), col("from_address"), col("from_name"),
            col("subject"), col("snippet"))).as("earliest"),
        union("to_addresses"),
        union("cc_addresses"),
        union("bcc_addresses"),
        union("reply_to_ids"),
        union("label_ids").as("labels"),
        bool_and(array_contains(col("label_ids"), "DRAFT")).as("all_draft"),
        bool_and(array_contains(col("label_ids"), "SPAM").or(array_contains(col("label_ids"), "TRASH")))
            .as("all_spam_or_trash"),
        // A copy stripped to its bookkeeping keeps the message's decision (internal mail).
        max("retained_decision").as("retained_decision"),
        max("retained_direction").as("retained_direction"));
  }

  /** Merged messages to decided rows: silver.email_messages' columns but interaction_id. */
  public static Dataset<Row> decide(Dataset<Row> merged, Broadcast<Directory> directory) {
    Dataset<Row> input = merged.select(
        col("message_key"), col("rfc822_message_id"), col("mailboxes"), col("gmail_ids"), col("thread_keys"),
        col("sent_at"), col("earliest.from_address"), col("earliest.from_name"), col("earliest.subject"),
        col("earliest.snippet"), col("to_addresses"), col("cc_addresses"), col("bcc_addresses"),
        col("reply_to_ids"), col("labels"), col("all_draft"), col("all_spam_or_trash"), col("retained_decision"),
        col("retained_direction"));
    return PerRow.flatMap(input, DECIDED, (m, out) -> out.accept(decideOne(directory.value(), m)));
  }

  static StructType decidedSchema() {
    return Tables.EMAIL_MESSAGES.schemaWithout("interaction_id");
  }

  /** The columns an excluded internal email keeps (SPEC.md "Privacy"): ids, mailboxes, dates, labels. */
  static final List<String> BOOKKEEPING = List.of("message_key", "rfc822_message_id", "mailboxes", "gmail_ids",
      "thread_keys", "sent_at", "reply_to_ids", "labels");

  /**
   * Internal mail as silver keeps it: its identity and links, its decision and direction, and no
   * address, subject or snippet. The same on the run that decides it and on every later run, when
   * bronze holds only the bookkeeping.
   */
  static Row bookkeepingOnly(Row m, String reason, String direction) {
    RowBuilder row = RowBuilder.of(DECIDED);
    for (String c : List.of("to_addresses", "cc_addresses", "bcc_addresses", "participants", "team_member_ids",
        "user_ids", "customer_ids", "sender_user_ids", "sender_customer_ids")) {
      row.set(c, List.of());
    }
    for (String c : BOOKKEEPING) {
      row.set(c, m.get(m.fieldIndex(c)));
    }
    return row.set("direction", direction).set("synced", false).set("exclusion_reason", reason).build();
  }

  private static Column sortedSet(Column c) {
    return array_sort(c);
  }

  private static Column union(String arrayColumn) {
    return array_sort(array_distinct(flatten(collect_list(arrayColumn)))).as(arrayColumn);
  }

  /** Applies the exclusion rules in SPEC.md's order to one message. */
  static Row decideOne(Directory dir, Row m) {
    String retained = RowValues.string(m, "retained_decision");
    if (retained != null) {
      return bookkeepingOnly(m, retained, RowValues.string(m, "retained_direction"));
    }
    List<String> recipients = new ArrayList<>();
    recipients.addAll(list(m, "to_addresses"));
    recipients.addAll(list(m, "cc_addresses"));
    recipients.addAll(list(m, "bcc_addresses"));
    // The owner of every mailbox holding a copy took part, even without a header trace (Bcc, lists).
    recipients.addAll(list(m, "mailboxes"));
    recipients.removeIf(java.util.Objects::isNull);
    // Copies without labels are neither drafts nor spam: null (no labelIds) reads as false.
    String earlier = flag(m, "all_draft") ? InteractionRules.DRAFT
        : flag(m, "all_spam_or_trash") ? InteractionRules.SPAM_OR_TRASH : null;
    String sender = RowValues.string(m, "from_address");
    Verdict v = InteractionRules.decide(dir, sender, recipients, earlier);
    if (InteractionRules.INTERNAL_ONLY.equals(v.exclusionReason())) {
      return bookkeepingOnly(m, v.exclusionReason(), v.direction());
    }
    return v.fill(RowBuilder.of(DECIDED).setAll(m))
        .set("sender_user_ids", v.senderUserIds())
        .set("sender_customer_ids", v.senderCustomerIds())
        .build();
  }
}
