package dev.interactions.app;

import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.spark.CsvFormat;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the warehouse's tables (bronze.*, silver.*, gold.*); CSV with a header on stdout.")
final class SqlCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Override
  public Integer call() {
    Warehouse wh = warehouse.open();
    wh.register();
    Dataset<Row> result = wh.spark().sql(query);
    PrintStream out = System.out;
    CsvFormat.write(result, out);
    out.flush();
    return 0;
  }
}
