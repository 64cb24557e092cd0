package dev.interactions.transform;

import static dev.interactions.core.spark.Seqs.seq;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.conversations.Conversations;
import dev.interactions.transform.emails.EmailCopies;
import dev.interactions.transform.emails.EmailMessages;
import dev.interactions.transform.meetings.Meetings;
import dev.interactions.transform.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bronze to silver and gold: read, run the steps, write. Every run recomputes every decision from
 * bronze with today's reference data, so attribution follows the reference data retroactively.
 */
public final class TransformJob {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);

  private final Warehouse warehouse;
  private final RunContext run;

  public TransformJob(Warehouse warehouse, RunContext run) {
    this.warehouse = warehouse;
    this.run = run;
  }

  public record Report(long messages, long syncedMessages, long meetings, long syncedMeetings, long interactions,
      List<Directory.ReferenceWarning> warnings) {}

  public Report run(ReferenceData reference, Settings settings, String referenceSource) {
    SparkSession spark = warehouse.spark();
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

    Dataset<Row> decided = EmailMessages.decide(
            EmailMessages.merge(EmailCopies.parse(live(Tables.GMAIL_MESSAGES))), shared)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> messages = decided
        .join(Conversations.interactionIds(decided), new String[] {"message_key"}, "left")
        .select(Tables.EMAIL_MESSAGES.schema().fieldNames()[0], restOf(Tables.EMAIL_MESSAGES.schema().fieldNames()));
    warehouse.replace(Tables.EMAIL_MESSAGES, messages);
    decided.unpersist();

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

    Row m = silverMessages.selectExpr("count(*)", "count_if(synced)").first();
    Row g = silverMeetings.selectExpr("count(*)", "count_if(synced)").first();
    return new Report(m.getLong(0), m.getLong(1), g.getLong(0), g.getLong(1), interactions.count(), warnings);
  }

  private Set<String> connectedMailboxes() {
    Set<String> out = new HashSet<>();
    warehouse.read(Tables.GMAIL_MESSAGES).select("mailbox")
        .union(warehouse.read(Tables.CALENDAR_EVENTS).select("mailbox"))
        .distinct().collectAsList().forEach(r -> out.add(r.getString(0)));
    return out;
  }

  /** A bronze table without its tombstones: deleted messages and events take no part downstream. */
  private Dataset<Row> live(Table bronze) {
    return warehouse.read(bronze).where(org.apache.spark.sql.functions.col("deleted_at").isNull());
  }

  private static String[] restOf(String[] names) {
    return java.util.Arrays.copyOfRange(names, 1, names.length);
  }

  /** The reference data and settings as silver tables, so that metrics needs no reference options. */
  static final class ReferenceTables {
    private final SparkSession spark;
    private final RunContext run;

    ReferenceTables(SparkSession spark, RunContext run) {
      this.spark = spark;
      this.run = run;
    }

    Dataset<Row> teamMembers(ReferenceData reference, Set<String> connected) {
      List<Row> rows = new ArrayList<>();
      for (ReferenceData.TeamMember t : reference.teamMembers()) {
        rows.add(RowFactory.create(t.id(), t.email(), seq(t.aliases()), connected.contains(t.email())));
      }
      return spark.createDataFrame(rows, Tables.TEAM_MEMBERS.schema());
    }

    Dataset<Row> users(ReferenceData reference) {
      List<Row> rows = new ArrayList<>();
      for (ReferenceData.User u : reference.users()) {
        rows.add(RowFactory.create(u.id(), u.email(), u.customerId()));
      }
      return spark.createDataFrame(rows, Tables.USERS.schema());
    }

    Dataset<Row> customers(ReferenceData reference, Directory directory) {
      List<Row> rows = new ArrayList<>();
      for (ReferenceData.Customer c : reference.customers()) {
        List<String> domains = c.domains().stream().filter(d -> !directory.isPublicMailDomain(d)).toList();
        rows.add(RowFactory.create(c.id(), c.name(), seq(domains)));
      }
      return spark.createDataFrame(rows, Tables.CUSTOMERS.schema());
    }

    Dataset<Row> settings(Directory directory, String referenceSource) {
      Settings s = directory.settings();
      Row row = RowFactory.create(s.syncTo().label(), s.includeThirdPartySenders(),
          seq(new ArrayList<>(new java.util.TreeSet<>(directory.internalDomains()))),
          seq(new ArrayList<>(s.publicMailDomains())), referenceSource, run.runId(), run.startedAtTimestamp());
      return spark.createDataFrame(List.of(row), Tables.SETTINGS.schema());
    }

    Dataset<Row> warnings(List<Directory.ReferenceWarning> warnings) {
      List<Row> rows = new ArrayList<>();
      for (Directory.ReferenceWarning w : warnings) {
        rows.add(RowFactory.create(w.kind(), w.subject(), w.detail()));
      }
      return spark.createDataFrame(rows, Tables.REFERENCE_WARNINGS.schema());
    }
  }
}
