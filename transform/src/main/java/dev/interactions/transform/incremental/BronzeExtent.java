package dev.interactions.transform.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.RowValues;
import java.sql.Timestamp;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What bronze holds now, in one query over both tables (a query's fixed cost counts on a small
 * night): the mailboxes with any row, tombstones included, and per source the latest ingested_at.
 *
 * @param mailboxes every mailbox with a Gmail or Calendar row
 * @param gmailUpTo the latest ingested_at of bronze.gmail_messages (null when it is empty)
 * @param calendarUpTo the same of bronze.calendar_events
 */
public record BronzeExtent(Set<String> mailboxes, Timestamp gmailUpTo, Timestamp calendarUpTo) {
  public static BronzeExtent of(Warehouse warehouse) {
    Dataset<Row> perMailbox = warehouse.read(Tables.GMAIL_MESSAGES)
        .select(lit(TransformState.GMAIL).as("source"), col("mailbox"), col("ingested_at"))
        .unionByName(warehouse.read(Tables.CALENDAR_EVENTS)
            .select(lit(TransformState.CALENDAR).as("source"), col("mailbox"), col("ingested_at")))
        .groupBy("source", "mailbox")
        .agg(max("ingested_at").as("latest"));
    Set<String> mailboxes = new TreeSet<>();
    Timestamp gmail = null;
    Timestamp calendar = null;
    for (Row r : perMailbox.collectAsList()) { // one row a mailbox and source: small
      mailboxes.add(RowValues.string(r, "mailbox"));
      Timestamp latest = RowValues.value(r, "latest");
      if (RowValues.string(r, "source").equals(TransformState.GMAIL)) {
        gmail = later(gmail, latest);
      } else {
        calendar = later(calendar, latest);
      }
    }
    return new BronzeExtent(mailboxes, gmail, calendar);
  }

  private static Timestamp later(Timestamp a, Timestamp b) {
    return a == null || (b != null && b.after(a)) ? b : a;
  }
}
