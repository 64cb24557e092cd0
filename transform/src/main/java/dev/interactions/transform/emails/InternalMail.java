package dev.interactions.transform.emails;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.transform.attribution.InteractionRules;
import io.delta.tables.DeltaTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The company's own mail is none of the product's business (SPEC.md "Privacy"): once transform
 * decides a message is internal_only, each of its bronze copies is stripped to the bookkeeping
 * that keeps its identity and its links (ids, In-Reply-To and References, mailbox, history id,
 * labels, internalDate) and remembers the decision, so later runs never re-attribute it.
 */
public final class InternalMail {
  private static final Logger LOG = LoggerFactory.getLogger(InternalMail.class);

  /** What a stripped copy loses. The Date header is kept only for a copy without internalDate. */
  static final List<String> DROPPED = List.of("snippet", "from_header", "to_header", "cc_header", "bcc_header",
      "subject_header", "raw_json");

  private InternalMail() {}

  /**
   * Strips the bronze copies of the decided internal messages that are not stripped yet.
   *
   * @param copies parsed copies (message_key, mailbox, gmail_id, retained_decision)
   * @param decided decided messages (message_key, exclusion_reason, direction)
   * @return copies stripped
   */
  public static long stripBronze(Warehouse warehouse, Dataset<Row> copies, Dataset<Row> decided) {
    Dataset<Row> internal = decided.where(col("exclusion_reason").equalTo(InteractionRules.INTERNAL_ONLY))
        .select("message_key", "direction");
    Dataset<Row> todo = copies.where(col("retained_decision").isNull())
        .join(internal, "message_key")
        .select(col("mailbox"), col("gmail_id").as("id"), col("direction"));
    long n = todo.count();
    if (n == 0) {
      return 0;
    }
    Map<String, String> set = new LinkedHashMap<>();
    DROPPED.forEach(c -> set.put(c, "NULL"));
    set.put("date_header", "CASE WHEN t.internal_date IS NULL THEN t.date_header END");
    set.put("retained_decision", "'" + InteractionRules.INTERNAL_ONLY + "'");
    set.put("retained_direction", "s.direction");
    DeltaTable.forPath(warehouse.spark(), warehouse.path(Tables.GMAIL_MESSAGES)).as("t")
        .merge(todo.as("s"), "t.mailbox = s.mailbox AND t.id = s.id")
        .whenMatched("t.retained_decision IS NULL").updateExpr(set)
        .execute();
    LOG.info("internal mail: {} bronze copies stripped to their bookkeeping", n);
    return n;
  }
}
