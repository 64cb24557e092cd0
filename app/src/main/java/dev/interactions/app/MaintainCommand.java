package dev.interactions.app;

import dev.interactions.core.catalog.TableMaintenance;
import dev.interactions.core.pipeline.RunLock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "Compact every table's small files (Z-ordered by customer, team member and time where the"
        + " dashboards look rows up) and delete the files no table version within the retention (7 days, Delta's"
        + " default) needs. Rows do not change. Prints one CSV line per table: data files and bytes before and"
        + " after, files deleted.")
final class MaintainCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Override
  public Integer call() {
    List<TableMaintenance.Outcome> outcomes;
    // A writing command: a run committing meanwhile could lose files it has written but not yet committed.
    try (RunLock lock = warehouse.lock("maintain")) {
      outcomes = new TableMaintenance(warehouse.open()).run();
    }
    System.out.println("table,files_before,files_after,bytes_before,bytes_after,files_deleted,zorder_by");
    long before = 0;
    long after = 0;
    long deleted = 0;
    for (TableMaintenance.Outcome o : outcomes) {
      System.out.printf("%s,%d,%d,%d,%d,%d,%s%n", o.table().qualifiedName(), o.filesBefore(), o.filesAfter(),
          o.bytesBefore(), o.bytesAfter(), o.deleted(), String.join(";", o.zorderBy()));
      before += o.filesBefore();
      after += o.filesAfter();
      deleted += o.deleted();
    }
    System.err.printf("maintain: %d tables, %d data files now %d, %d old files deleted (retention %d days)%n",
        outcomes.size(), before, after, deleted, TableMaintenance.RETENTION.toDays());
    return 0;
  }
}
