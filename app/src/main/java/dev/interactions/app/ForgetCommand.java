package dev.interactions.app;

import dev.interactions.core.pipeline.RunLock;
import dev.interactions.core.privacy.Erasure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "forget", mixinStandardHelpOptions = true,
    description = "Erase one person: remove every row holding the address from every table and export, and keep"
        + " only a salted hash of it so that later ingests drop it. --purge also rewrites every table without its"
        + " history, so that no file under the warehouse holds the address (time travel is lost).")
final class ForgetCommand implements Callable<Integer> {
  @Mixin WarehouseOption warehouse;

  @Option(names = "--email", required = true, paramLabel = "ADDRESS", description = "The person's address.")
  String email;

  @Option(names = "--purge", description = "Also remove old Delta versions and files (no time travel afterwards).")
  boolean purge;

  @Override
  public Integer call() {
    if (!email.contains("@")) {
      throw new OptionValues.UsageException("--email must be an address, not '" + email + "'");
    }
    Erasure.Report report;
    // A writing command like the others: no run may land the person again while it erases.
    try (RunLock lock = warehouse.lock("forget")) {
      report = new Erasure(warehouse.open()).forget(email, purge);
    }
    report.removed().forEach((table, n) -> {
      if (n > 0) {
        System.out.printf("%s: %d rows removed%n", table, n);
      }
    });
    System.out.printf("%d rows removed; the address is suppressed for later ingests%s%n", report.total(),
        report.purged() ? "; history purged" : " (older table versions keep it until purged: use --purge)");
    return 0;
  }
}
