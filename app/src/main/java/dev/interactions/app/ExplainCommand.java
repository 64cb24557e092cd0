package dev.interactions.app;

import dev.interactions.core.catalog.Warehouse;
import dev.interactions.transform.explain.Explanation;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = "Why one email (RFC 822 Message-ID or Gmail id) was or was not synced.")
final class ExplainCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Option(names = "--message-id", required = true, paramLabel = "ID", description = "Message-ID (with or without <>) or Gmail id.")
  String messageId;

  @Override
  public Integer call() {
    Warehouse wh = warehouse.open();
    Explanation.explain(wh, messageId).forEach(System.out::println);
    return 0;
  }
}
