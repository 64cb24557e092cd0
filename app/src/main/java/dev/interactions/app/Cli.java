package dev.interactions.app;

import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.pipeline.RunLock;
import dev.interactions.core.spark.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small pieces the subcommands share. */
final class Cli {
  private Cli() {}

  /**
   * Opens a warehouse. A local warehouse that must already exist is checked before Spark starts,
   * so a typo fails in milliseconds with a clear message.
   */
  static Warehouse openWarehouse(String root, boolean mustExist) {
    boolean local = !root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || root.startsWith("file:");
    if (mustExist && local) {
      Path p = Path.of(root.startsWith("file:") ? java.net.URI.create(root).getPath() : root);
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException("warehouse not found: " + root);
      }
    }
    return new Warehouse(Sessions.getOrCreate(), root);
  }

  /**
   * Takes the warehouse's run lock for a writing command; a second writer fails with a message
   * naming the holder. A local lock needs no Spark, so that failure comes before Spark starts.
   */
  static RunLock lockWarehouse(String root, String command, boolean mustExist) {
    boolean local = RunLock.isLocal(root);
    if (mustExist && local) {
      Path p = Path.of(root.startsWith("file:") ? java.net.URI.create(root).getPath() : root);
      if (!Files.isDirectory(p)) {
        throw new IllegalArgumentException("warehouse not found: " + root);
      }
    }
    return RunLock.acquire(root, command, local ? null : Sessions.getOrCreate().sparkContext().hadoopConfiguration());
  }

  static void requireFolder(String folder, String what) {
    if (!folder.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && !Files.isDirectory(Path.of(folder))) {
      throw new IllegalArgumentException(what + " not found: " + folder);
    }
  }
}
