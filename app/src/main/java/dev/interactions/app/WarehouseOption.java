package dev.interactions.app;

import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.RunLock;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every command that works on an existing warehouse: --warehouse and --verbose. */
final class WarehouseOption {
  @Mixin Verbosity verbosity;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String root;

  /** The warehouse; a local one that does not exist fails before Spark starts. */
  Warehouse open() {
    return Cli.openWarehouse(root, true);
  }

  /** The run lock of a writing command on this (existing) warehouse. */
  RunLock lock(String command) {
    return Cli.lockWarehouse(root, command, true);
  }
}
