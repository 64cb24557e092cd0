package dev.interactions.app;

import static org.apache.spark.sql.functions.col;

import dev.interactions.core.catalog.Tables;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Per mailbox and source: auth state, last sync, counts and last error (CSV on stdout).")
final class StatusCommand implements Callable<Integer> {
  @Mixin Verbosity verbosity;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String warehouse;

  @Override
  public Integer call() {
    Warehouse wh = Cli.openWarehouse(warehouse, true);
    if (!wh.exists(Tables.SYNC_STATE)) {
      throw new IllegalArgumentException("nothing ingested yet in " + warehouse + " (no bronze.sync_state)");
    }
    var messages = wh.read(Tables.GMAIL_MESSAGES).groupBy("mailbox").count()
        .withColumnRenamed("count", "gmail_messages");
    var events = wh.read(Tables.CALENDAR_EVENTS).groupBy("mailbox").count()
        .withColumnRenamed("count", "calendar_events");
    var state = wh.read(Tables.SYNC_STATE)
        .join(messages, "mailbox", "left")
        .join(events, "mailbox", "left")
        .selectExpr("mailbox", "source", "origin", "auth_state", "status", "last_success_at", "last_attempt_at",
            "CASE WHEN source = 'gmail' THEN coalesce(gmail_messages, 0) ELSE coalesce(calendar_events, 0) END AS stored",
            "resources_seen", "quarantined", "error")
        .orderBy(col("mailbox"), col("source"));
    CsvFormat.write(state, System.out);
    return 0;
  }
}
