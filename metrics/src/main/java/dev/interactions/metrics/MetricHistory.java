package dev.interactions.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.interactions.core.catalog.Tables;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * gold.metric_history: the rows of one T, the user, customer and team member figures (and each
 * customer's engagement) stacked in one shape. Columns an entity type does not have are null;
 * extra windows (--windows) stay in the current tables only, so that the history keeps one schema.
 */
public final class MetricHistory {
  static final String USER = "user";
  static final String CUSTOMER = "customer";
  static final String TEAM_MEMBER = "team_member";

  private MetricHistory() {}

  /**
   * @param engagement gold.customer_engagement's rows of the same T, or null when the signals were
   *     not computed (the engagement columns stay null)
   */
  public static Dataset<Row> of(Dataset<Row> users, Dataset<Row> customers, Dataset<Row> teamMembers,
      Dataset<Row> engagement) {
    Dataset<Row> customerRows = customers;
    if (engagement != null) {
      Dataset<Row> e = engagement.select(col("customer_id").as("engaged_customer_id"), col("activity_30d"),
          col("baseline_30d"), col("trend"));
      customerRows = customers.join(e, customers.col("customer_id").equalTo(e.col("engaged_customer_id")), "left");
    }
    return shape(users, USER, "user_id")
        .unionByName(shape(customerRows, CUSTOMER, "customer_id"))
        .unionByName(shape(teamMembers, TEAM_MEMBER, "team_member_id"));
  }

  /** The predicate that selects the rows of T: what a run replaces. */
  public static String ofT(Instant asOf) {
    // Spark timestamps hold microseconds: compare at exactly that precision.
    return "as_of = timestamp_micros(" + ChronoUnit.MICROS.between(Instant.EPOCH, asOf) + "L)";
  }

  private static Dataset<Row> shape(Dataset<Row> rows, String entityType, String idColumn) {
    Set<String> have = Set.of(rows.columns());
    List<Column> out = new ArrayList<>();
    for (StructField f : Tables.METRIC_HISTORY.schema().fields()) {
      String name = f.name();
      if (name.equals("entity_type")) {
        out.add(lit(entityType).as(name));
      } else if (name.equals("entity_id")) {
        out.add(col(idColumn).as(name));
      } else {
        out.add(have.contains(name) ? col(name) : lit(null).cast(f.dataType()).as(name));
      }
    }
    return rows.select(out.toArray(Column[]::new));
  }
}
