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
import dev.interactions.transform.incremental.BronzeExtent;
import dev.interactions.transform.incremental.DecisionInputs;
import dev.interactions.transform.incremental.EmailChanges;
import dev.interactions.transform.incremental.TransformState;
import dev.interactions.transform.meetings.Meetings;
import dev.interactions.transform.reference.ReferenceData;
import dev.interactions.transform.reference.ReferenceTables;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Bronze to silver and gold: read, run the steps, write. A run with the settings and reference
 * data of the last one recomputes only the messages bronze changed since and the conversations
 * they touch; any other run recomputes every decision from bronze with today's reference data, so
 * attribution follows the reference data retroactively. Both give the same tables.
 */
public record TransformJob(Warehouse warehouse, RunContext run) {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);
  private static final String MEETING = "meeting";
  /** The tables a night updates in place: without any of them, the night is a full run. */
  private static final List<Table> RECOMPUTED = List.of(Tables.EMAIL_MESSAGES, Tables.MEETINGS,
      Tables.INTERACTIONS, Tables.INTERACTION_LINKS, Tables.INTERACTION_MESSAGES);

  public TransformJob {
    warehouse = warehouse.forRun(run.runId());
  }

  /**
   * @param mode full (everything recomputed) or incremental (only what bronze changed since the last run)
   * @param changedMessages incremental: messages whose copies changed; full: every message
   */
  public record Report(long messages, long syncedMessages, long meetings, long syncedMeetings, long interactions,
      List<Directory.ReferenceWarning> warnings, String mode, long changedMessages) implements StageCounts {
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
    return run(crm, settings, referenceSource, false);
  }

  /** @param forceFull recompute everything even when the last transform's state allows a night's increment */
  public Report run(ReferenceData crm, Settings settings, String referenceSource, boolean forceFull) {
    SparkSession spark = warehouse.spark();
    Suppressions suppressions = Suppressions.load(warehouse);
    ReferenceData reference = withoutForgotten(crm, suppressions);
    Directory directory = new Directory(reference, settings);
    BronzeExtent bronze = BronzeExtent.of(warehouse);
    Set<String> connected = bronze.mailboxes();
    List<Directory.ReferenceWarning> warnings = new ArrayList<>(directory.warnings());
    for (ReferenceData.TeamMember t : reference.teamMembers()) {
      if (!connected.contains(t.email())) {
        warnings.add(new Directory.ReferenceWarning("team_member_without_mailbox", t.id(),
            t.email() + " has no ingested mailbox or calendar; its emails count only where others' copies show it"));
      }
    }
    warnings.forEach(w -> LOG.warn("reference data: {} {}: {}", w.kind(), w.subject(), w.detail()));

    String fingerprint = DecisionInputs.fingerprint(reference, settings, suppressions);
    Timestamp gmailUpTo = bronze.gmailUpTo();
    Timestamp calendarUpTo = bronze.calendarUpTo();
    Optional<TransformState> last = forceFull ? Optional.empty() : TransformState.load(warehouse)
        .filter(s -> s.fingerprint().equals(fingerprint))
        .filter(s -> RECOMPUTED.stream().allMatch(warehouse::exists));
    LOG.info("transform run {}: {}, sync to {}, third-party senders {}", run.runId(),
        last.isPresent() ? "incremental (settings and reference data as last time)"
            : forceFull ? "full (asked for)" : "full (first run, the last one did not complete, or settings, reference data or rules changed)",
        settings.syncTo().label(), settings.includeThirdPartySenders() ? "included" : "excluded");
    Broadcast<Directory> shared = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(directory);
    long changedMessages;
    if (last.isEmpty()) {
      changedMessages = rebuildAll(shared);
    } else {
      TransformState state = last.get();
      changedMessages = state.unchanged(TransformState.GMAIL, gmailUpTo) ? 0
          : emailNight(state.consumed().get(TransformState.GMAIL), gmailUpTo, shared);
      if (!state.unchanged(TransformState.CALENDAR, calendarUpTo)) {
        meetingsNight(shared);
      }
    }

    ReferenceTables tables = new ReferenceTables(spark, run);
    warehouse.replace(Tables.TEAM_MEMBERS, tables.teamMembers(reference, connected));
    warehouse.replace(Tables.USERS, tables.users(reference));
    warehouse.replace(Tables.CUSTOMERS, tables.customers(reference, directory));
    warehouse.replace(Tables.SETTINGS, tables.settings(directory, referenceSource));
    warehouse.replace(Tables.REFERENCE_WARNINGS, tables.warnings(warnings));
    shared.destroy();
    Map<String, Timestamp> consumed = new HashMap<>();
    consumed.put(TransformState.GMAIL, gmailUpTo);
    consumed.put(TransformState.CALENDAR, calendarUpTo);
    new TransformState(consumed, fingerprint).save(warehouse, run);

    // The report's counts in one query: each query has a fixed cost that dominates a small night.
    Dataset<Row> silverMessages = warehouse.read(Tables.EMAIL_MESSAGES);
    Dataset<Row> silverMeetings = warehouse.read(Tables.MEETINGS);
    Row c = silverMessages.selectExpr("count(*) AS messages", "count_if(synced) AS synced_messages")
        .crossJoin(silverMeetings.selectExpr("count(*) AS meetings", "count_if(synced) AS synced_meetings"))
        .crossJoin(warehouse.read(Tables.INTERACTIONS).selectExpr("count(*) AS interactions"))
        .first();
    long messages = c.getAs("messages");
    return new Report(messages, c.getAs("synced_messages"), c.getAs("meetings"), c.getAs("synced_meetings"),
        c.getAs("interactions"), warnings, last.isPresent() ? "incremental" : "full",
        last.isPresent() ? changedMessages : messages);
  }

  /** Every email and meeting from bronze, silver and gold replaced whole. Returns the messages. */
  private long rebuildAll(Broadcast<Directory> shared) {
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
    warehouse.replace(Tables.INTERACTIONS, Interactions.build(silverMessages, warehouse.read(Tables.MEETINGS)));
    warehouse.replace(Tables.INTERACTION_LINKS, Interactions.links(warehouse.read(Tables.INTERACTIONS)));
    warehouse.replace(Tables.INTERACTION_MESSAGES, Interactions.messages(silverMessages));
    return silverMessages.count();
  }

  /**
   * One night's emails: the changed messages and the conversations they touch, by key. Gold goes
   * first, silver last: the conversations to remove are read from silver as it was, so a run
   * killed between the writes finds them again.
   */
  private long emailNight(Timestamp since, Timestamp upTo, Broadcast<Directory> shared) {
    EmailChanges night = EmailChanges.since(warehouse.read(Tables.GMAIL_MESSAGES),
        warehouse.readPinned(Tables.EMAIL_MESSAGES), since, upTo, shared);
    LOG.info("transform: {} messages changed since {}", night.changedMessages(), since);
    if (night.changedMessages() == 0) {
      return 0;
    }
    Dataset<Row> interactions = Interactions.emails(night.messages()).localCheckpoint();
    warehouse.replaceKeys(Tables.INTERACTIONS, "interaction_id", night.replacedInteractions(), interactions);
    warehouse.replaceKeys(Tables.INTERACTION_LINKS, "interaction_id", night.replacedInteractions(),
        Interactions.links(interactions));
    warehouse.replaceKeys(Tables.INTERACTION_MESSAGES, "interaction_id", night.replacedInteractions(),
        Interactions.messages(night.messages()));
    warehouse.replaceKeys(Tables.EMAIL_MESSAGES, "message_key", night.replacedKeys(), night.messages());
    InternalMail.stripBronze(warehouse, night.copies(), night.messages());
    return night.changedMessages();
  }

  /**
   * A night with calendar changes: every meeting again (a calendar is small beside a mailbox), and
   * the meeting side of gold; the email side stays.
   */
  private void meetingsNight(Broadcast<Directory> shared) {
    warehouse.replace(Tables.MEETINGS, Meetings.build(live(Tables.CALENDAR_EVENTS), shared));
    Dataset<Row> interactions = Interactions.meetings(warehouse.read(Tables.MEETINGS));
    warehouse.replaceWhere(Tables.INTERACTIONS, interactions, "interaction_type = '" + MEETING + "'");
    warehouse.replaceWhere(Tables.INTERACTION_LINKS, Interactions.links(interactions),
        "interaction_id LIKE '" + Conversations.idPrefix(MEETING) + "%'");
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

  /** A bronze table without its tombstones: deleted messages and events take no part downstream. */
  private Dataset<Row> live(Table bronze) {
    return warehouse.read(bronze).where(col("deleted_at").isNull());
  }
}
