package dev.interactions.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What both layouts share: a folder per registered mailbox and a count of the resources written
 * to each, so a layout only decides where the n-th resource of a mailbox goes.
 */
abstract class MailboxSinks implements ResourceSinks {
  protected final Path root;
  protected final String prefix;
  private final Map<String, Long> written = new HashMap<>(); // lookups only
  private long total;

  MailboxSinks(Path root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  @Override
  public final void register(String mailbox) throws IOException {
    Files.createDirectories(root.resolve(mailbox));
    written.putIfAbsent(mailbox, 0L);
  }

  @Override
  public final void write(String mailbox, JsonBody body) throws IOException {
    Long count = written.get(mailbox);
    if (count == null) {
      throw new IllegalStateException("not a registered mailbox: " + mailbox);
    }
    write(mailbox, count + 1, body);
    written.put(mailbox, count + 1);
    total++;
  }

  /** How many resources the mailbox holds so far. */
  final long written(String mailbox) {
    return written.getOrDefault(mailbox, 0L);
  }

  /** Writes the mailbox's {@code number}-th resource (1-based). */
  abstract void write(String mailbox, long number, JsonBody body) throws IOException;

  @Override
  public final long total() {
    return total;
  }
}
