package dev.interactions.transform;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.privacy.Suppressions;
import dev.interactions.core.pipeline.StageCounts;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.conversations.Conversations;
import dev.interactions.transform.emails.EmailCopies;
import dev.interactions.transform.emails.EmailMessages;
import dev.interactions.transform.emails.InternalMail;
import dev.interactions.transform.meetings.Meetings;
import dev.interactions.transform.reference.ReferenceData;
import dev.interactions.transform.reference.ReferenceTables;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze to silver and gold: read, run the steps, write. Every run recomputes every decision from
 * bronze with today's reference data, so attribution follows the reference data retroactively.
 */
public record TransformJob(Warehouse warehouse, RunContext run) {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);

  public TransformJob {
    warehouse = warehouse.forRun(run.runId());
  }

  public record Report(long messages, long syncedMessages, long meetings, long syncedMeetings, long interactions,
      List<Directory.ReferenceWarning> warnings) implements StageCounts {
    @Override
    public long inputsRead() {
      return messages + meetings;
    }

    @Override
    public long rowsWritten() {
      return interactions;
    }
  }

  public Report run(ReferenceData crm, Settings settings, String referenceSource) {
    SparkSession spark = warehouse.spark();
    ReferenceData reference = withoutForgotten(crm, Suppressions.load(warehouse));
    LOG.info("transform run {}: sync to {}, third-party senders {}", run.runId(), settings.syncTo().label(),
        settings.includeThirdPartySenders() ? "included" : "excluded");
    Directory directory = new Directory(reference, settings);
    Set<String> connected = connectedMailboxes();
    List<Directory.ReferenceWarning> warnings = new ArrayList<>(directory.warnings());
    for (ReferenceData.TeamMember t : reference.teamMembers()) {
      if (!connected.contains(t.email())) {
        warnings.add(new Directory.ReferenceWarning("team_member_without_mailbox", t.id(),
            t.email() + " has no ingested mailbox or calendar; its emails count only where others' copies show it"));
      }
    }
    warnings.forEach(w -> LOG.warn("reference data: {} {}: {}", w.kind(), w.subject(), w.detail()));
    Broadcast<Directory> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(directory);

    Dataset<Row> copies = EmailCopies.parse(live(Tables.GMAIL_MESSAGES)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> decided = EmailMessages.decide(EmailMessages.merge(copies), shared)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> messages = decided
        .join(Conversations.interactionIds(decided), new String[] {"message_key"}, "left");
    warehouse.replace(Tables.EMAIL_MESSAGES, messages);
    // Silver already holds internal mail as bookkeeping only; bronze follows, after silver is safe.
    InternalMail.stripBronze(warehouse, copies, warehouse.read(Tables.EMAIL_MESSAGES));
    decided.unpersist();
    copies.unpersist();

    warehouse.replace(Tables.MEETINGS, Meetings.build(live(Tables.CALENDAR_EVENTS), shared));

    Dataset<Row> silverMessages = warehouse.read(Tables.EMAIL_MESSAGES);
    Dataset<Row> silverMeetings = warehouse.read(Tables.MEETINGS);
    warehouse.replace(Tables.INTERACTIONS, Interactions.build(silverMessages, silverMeetings));
    Dataset<Row> interactions = warehouse.read(Tables.INTERACTIONS);
    warehouse.replace(Tables.INTERACTION_LINKS, Interactions.links(interactions));
    warehouse.replace(Tables.INTERACTION_MESSAGES, Interactions.messages(silverMessages));

    ReferenceTables tables = new ReferenceTables(spark, run);
    warehouse.replace(Tables.TEAM_MEMBERS, tables.teamMembers(reference, connected));
    warehouse.replace(Tables.USERS, tables.users(reference));
    warehouse.replace(Tables.CUSTOMERS, tables.customers(reference, directory));
    warehouse.replace(Tables.SETTINGS, tables.settings(directory, referenceSource));
    warehouse.replace(Tables.REFERENCE_WARNINGS, tables.warnings(warnings));
    shared.destroy();

    // The report's counts in one query: each query has a fixed cost that dominates a small night.
    Row c = silverMessages.selectExpr("count(*) AS messages", "count_if(synced) AS synced_messages")
        .crossJoin(silverMeetings.selectExpr("count(*) AS meetings", "count_if(synced) AS synced_meetings"))
        .crossJoin(interactions.selectExpr("count(*) AS interactions"))
        .first();
    return new Report(c.getAs("messages"), c.getAs("synced_messages"), c.getAs("meetings"), c.getAs("synced_meetings"),
        c.getAs("interactions"), warnings);
  }

  /**
   * A user whose address was erased with forget stays (its id is the CRM's), without its address:
   * it matches nothing, and no table gets the address back from the reference data.
   */
  static ReferenceData withoutForgotten(ReferenceData reference, Suppressions suppressed) {
    if (suppressed.isEmpty()) {
      return reference;
    }
    List<ReferenceData.User> users = new ArrayList<>();
    List<ReferenceData.Issue> issues = new ArrayList<>(reference.issues());
    for (ReferenceData.User u : reference.users()) {
      if (u.email() != null && suppressed.holdsSuppressed(u.email())) {
        users.add(new ReferenceData.User(u.id(), null, u.customerId()));
        issues.add(new ReferenceData.Issue("forgotten_user_email", u.id(),
            "the user's address was erased with forget: it is read as none"));
      } else {
        users.add(u);
      }
    }
    return new ReferenceData(reference.teamMembers(), users, reference.customers(), issues);
  }

  private Set<String> connectedMailboxes() {
    Set<String> out = new HashSet<>();
    warehouse.read(Tables.GMAIL_MESSAGES).select("mailbox")
        .union(warehouse.read(Tables.CALENDAR_EVENTS).select("mailbox"))
        .distinct().collectAsList().forEach(r -> out.add(r.getString(r.fieldIndex("mailbox"))));
    return out;
  }

  /** A bronze table without its tombstones: deleted messages and events take no part downstream. */
  private Dataset<Row> live(Table bronze) {
    return warehouse.read(bronze).where(col("deleted_at").isNull());
  }
}
