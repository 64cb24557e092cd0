package dev.interactions.transform.reference;

import dev.interactions.core.RunContext;
import dev.interactions.core.Settings;
import dev.interactions.core.catalog.Table;
import dev.interactions.core.catalog.Tables;
import dev.interactions.core.spark.RowBuilder;
import dev.interactions.transform.attribution.Directory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The reference data and settings a transform used, as silver tables, so that metrics and explain
 * need no reference options. Small driver-side lists: built as rows by column name.
 */
public record ReferenceTables(SparkSession spark, RunContext run) {
  /** silver.team_members; {@code connected}: mailboxes that bronze holds data of. */
  public Dataset<Row> teamMembers(ReferenceData reference, Set<String> connected) {
    return rows(Tables.TEAM_MEMBERS, reference.teamMembers(), (t, row) -> row
        .set("team_member_id", t.id())
        .set("email", t.email())
        .set("aliases", t.aliases())
        .set("mailbox_connected", connected.contains(t.email())));
  }

  public Dataset<Row> users(ReferenceData reference) {
    return rows(Tables.USERS, reference.users(), (u, row) -> row
        .set("user_id", u.id())
        .set("email", u.email())
        .set("customer_id", u.customerId()));
  }

  /** silver.customers, without the public mail domains the directory ignores. */
  public Dataset<Row> customers(ReferenceData reference, Directory directory) {
    return rows(Tables.CUSTOMERS, reference.customers(), (c, row) -> row
        .set("customer_id", c.id())
        .set("name", c.name())
        .set("domains", c.domains().stream().filter(d -> !directory.isPublicMailDomain(d)).toList()));
  }

  public Dataset<Row> settings(Directory directory, String referenceSource) {
    Settings s = directory.settings();
    return rows(Tables.SETTINGS, List.of(s), (x, row) -> row
        .set("sync_to", s.syncTo().label())
        .set("include_third_party_senders", s.includeThirdPartySenders())
        .set("internal_domains", new ArrayList<>(new TreeSet<>(directory.internalDomains())))
        .set("public_mail_domains", new ArrayList<>(s.publicMailDomains()))
        .set("reference", referenceSource)
        .set("run_id", run.runId())
        .set("transformed_at", run.startedAtTimestamp()));
  }

  public Dataset<Row> warnings(List<Directory.ReferenceWarning> warnings) {
    return rows(Tables.REFERENCE_WARNINGS, warnings, (w, row) -> row
        .set("kind", w.kind())
        .set("subject", w.subject())
        .set("detail", w.detail()));
  }

  private <T> Dataset<Row> rows(Table table, List<T> items, BiConsumer<T, RowBuilder> fill) {
    List<Row> rows = new ArrayList<>();
    RowBuilder builder = RowBuilder.of(table.schema());
    for (T item : items) {
      fill.accept(item, builder);
      rows.add(builder.build());
    }
    return spark.createDataFrame(rows, table.schema());
  }
}
