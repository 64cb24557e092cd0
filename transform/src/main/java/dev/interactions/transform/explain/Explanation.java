package dev.interactions.transform.explain;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.mail.MessageIds;
import dev.interactions.core.spark.CsvFormat;
import dev.interactions.transform.attribution.Directory;
import dev.interactions.transform.attribution.InteractionRules;
import dev.interactions.transform.reference.ReferenceData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * Answers "why was this email (not) synced?": the participants and what each of them is, the
 * decision with the rule that made it, and the conversation it belongs to. Reads only what the
 * last transform kept (silver), so the answer matches the tables.
 */
public final class Explanation {
  private static final Map<String, String> RULES = Map.of(
      InteractionRules.DRAFT, "rule 1 (draft): every copy carries the DRAFT label",
      InteractionRules.SPAM_OR_TRASH, "rule 2 (spam_or_trash): every copy carries the SPAM or TRASH label",
      InteractionRules.INTERNAL_ONLY, "rule 3 (internal_only): no participant is external",
      InteractionRules.NO_KNOWN_CONTACT, "rule 4 (no_known_contact): no participant is a known contact",
      InteractionRules.THIRD_PARTY_SENDER,
          "rule 5 (third_party_sender): the sender is neither a team member address nor a known contact");

  private Explanation() {}

  /** The explanation as text lines; an IllegalArgumentException when no such email is in silver. */
  public static List<String> explain(Warehouse warehouse, String id) {
    if (!warehouse.exists(Tables.EMAIL_MESSAGES) || !warehouse.exists(Tables.SETTINGS)) {
      throw new IllegalArgumentException("run transform first: silver.email_messages is missing");
    }
    String normalized = MessageIds.normalize(id);
    List<Row> found = warehouse.read(Tables.EMAIL_MESSAGES)
        .where(col("message_key").equalTo(lit(normalized))
            .or(col("rfc822_message_id").equalTo(lit(normalized)))
            .or(array_contains(col("gmail_ids"), id.trim())))
        .collectAsList();
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no email with Message-ID or Gmail id '" + id + "' in silver.email_messages");
    }
    Directory dir = directory(warehouse);
    List<String> out = new ArrayList<>();
    for (Row m : found) {
      explainOne(warehouse, dir, m, out);
    }
    return out;
  }

  private static void explainOne(Warehouse warehouse, Directory dir, Row m, List<String> out) {
    String sender = m.getAs("from_address");
    out.add("email " + m.getAs("message_key"));
    out.add("  subject:    " + nullToEmpty(m.getAs("subject")));
    out.add("  sent_at:    " + CsvFormat.format(m.getAs("sent_at")));
    out.add("  mailboxes:  " + CsvFormat.format(m.getAs("mailboxes")) + "  (Gmail ids " + CsvFormat.format(m.getAs("gmail_ids")) + ")");
    out.add("  labels:     " + CsvFormat.format(m.getAs("labels")));
    out.add("  participants (" + dir.settings().syncTo().label() + " mode):");
    Set<String> mailboxes = new HashSet<>(m.getList(m.fieldIndex("mailboxes")));
    for (String p : m.<String>getList(m.fieldIndex("participants"))) {
      List<String> roles = new ArrayList<>();
      if (p.equals(sender)) {
        roles.add("sender");
      }
      if (mailboxes.contains(p)) {
        roles.add("mailbox owner");
      }
      out.add("    " + p + "  [" + String.join(", ", roles.isEmpty() ? List.of("recipient") : roles) + "] " + describe(dir, p));
    }
    String reason = m.getAs("exclusion_reason");
    if (reason == null) {
      out.add("  decision:   SYNCED: no exclusion rule matched (a known contact takes part and the sender is a team member or a known contact"
          + (dir.settings().includeThirdPartySenders() ? ", or third-party senders are included" : "") + ")");
    } else {
      out.add("  decision:   NOT SYNCED: " + RULES.getOrDefault(reason, reason));
      if (reason.equals(InteractionRules.THIRD_PARTY_SENDER)) {
        out.add("              include-third-party-senders is " + (dir.settings().includeThirdPartySenders() ? "on" : "off")
            + "; with it on, the recipients must include a team member address and a known contact");
      }
    }
    out.add("  direction:  " + m.getAs("direction"));
    out.add("  attributed: team members " + orNone(m.getAs("team_member_ids")) + "; users " + orNone(m.getAs("user_ids"))
        + "; customers " + orNone(m.getAs("customer_ids")));
    String interaction = m.getAs("interaction_id");
    if (interaction != null) {
      Row i = warehouse.read(Tables.INTERACTIONS).where(col("interaction_id").equalTo(interaction)).first();
      out.add("  interaction: " + interaction + " \"" + nullToEmpty(i.getAs("subject")) + "\", " + i.getAs("message_count")
          + " message(s), " + CsvFormat.format(i.getAs("started_at")) + " to " + CsvFormat.format(i.getAs("last_activity_at")));
    }
  }

  private static String describe(Directory dir, String address) {
    String team = dir.teamMemberOf(address);
    if (team != null) {
      return "team member " + team;
    }
    if (dir.isInternal(address)) {
      return "internal (internal domain), never a customer contact";
    }
    if (dir.isKnownContact(address)) {
      List<String> users = dir.usersOf(address);
      return "known contact" + (users.isEmpty() ? "" : ", users " + String.join(";", users))
          + ", customers " + String.join(";", dir.customersOf(address));
    }
    List<String> users = dir.usersOf(address);
    return "external, not a known contact" + (users.isEmpty() ? "" : " (users " + String.join(";", users) + ")");
  }

  /** The directory the last transform used, rebuilt from the silver reference tables and settings. */
  static Directory directory(Warehouse warehouse) {
    Row s = warehouse.read(Tables.SETTINGS).first();
    Settings settings = Settings.defaults()
        .withSyncTo(Settings.SyncTo.parse(s.getAs("sync_to")))
        .withIncludeThirdPartySenders(s.getAs("include_third_party_senders"));
    settings = new Settings(settings.syncTo(), settings.includeThirdPartySenders(),
        Set.copyOf(s.<String>getList(s.fieldIndex("internal_domains"))),
        Set.copyOf(s.<String>getList(s.fieldIndex("public_mail_domains"))));
    List<ReferenceData.TeamMember> team = new ArrayList<>();
    for (Row r : warehouse.read(Tables.TEAM_MEMBERS).collectAsList()) {
      team.add(new ReferenceData.TeamMember(r.getAs("team_member_id"), r.getAs("email"),
          r.<String>getList(r.fieldIndex("aliases"))));
    }
    List<ReferenceData.User> users = new ArrayList<>();
    for (Row r : warehouse.read(Tables.USERS).collectAsList()) {
      users.add(new ReferenceData.User(r.getAs("user_id"), r.getAs("email"), r.getAs("customer_id")));
    }
    List<ReferenceData.Customer> customers = new ArrayList<>();
    for (Row r : warehouse.read(Tables.CUSTOMERS).collectAsList()) {
      customers.add(new ReferenceData.Customer(r.getAs("customer_id"), r.getAs("name"),
          r.<String>getList(r.fieldIndex("domains"))));
    }
    return new Directory(new ReferenceData(team, users, customers), settings);
  }

  private static String orNone(Object seq) {
    String s = CsvFormat.format(seq);
    return s.isEmpty() ? "none" : s;
  }

  private static String nullToEmpty(Object o) {
    return o == null ? "" : o.toString();
  }
}
