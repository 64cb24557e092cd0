package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Layout#FILES} layout, as dump tools write it: one resource a file
 * ({@code <root>/<mailbox>/<prefix>-NNNNNNN.json}), or, with a page kind, one list page a file
 * holding up to {@link #PAGE_SIZE} resources in its {@code items} array, one a line (as
 * {@code events.list} returns them).
 */
final class FileSinks extends MailboxSinks {
  /** Calendar's default page size for events.list. */
  static final int PAGE_SIZE = 250;

  private final String pageKind;
  /** Per mailbox, the resources of the page not yet written (pages only). */
  private final Map<String, List<String>> pending = new LinkedHashMap<>();

  private FileSinks(Path root, String prefix, String pageKind) {
    super(root, prefix);
    this.pageKind = pageKind;
  }

  /** @param pageKind the list page's {@code kind} (e.g. {@code calendar#events}); null: one resource a file */
  static FileSinks replacing(Path root, String prefix, String pageKind) throws IOException {
    ResourceSinks.removePreviousOutput(root, prefix + "-");
    return new FileSinks(root, prefix, pageKind);
  }

  @Override
  void write(String mailbox, long number, JsonBody body) throws IOException {
    if (pageKind == null) {
      try (Writer w = Files.newBufferedWriter(file(mailbox, number), StandardCharsets.UTF_8);
          JsonGenerator g = JSON.createGenerator(w)) {
        body.write(g);
        g.flush();
        w.write('\n');
      }
      return;
    }
    StringWriter one = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(one)) {
      body.write(g);
    }
    List<String> page = pending.computeIfAbsent(mailbox, m -> new ArrayList<>());
    page.add(one.toString());
    if (page.size() == PAGE_SIZE) {
      writePage(mailbox, number);
    }
  }

  private Path file(String mailbox, long number) {
    return root.resolve(mailbox).resolve(String.format("%s-%07d.json", prefix, number));
  }

  /** The pending page of a mailbox, named after the number of its first resource. */
  private void writePage(String mailbox, long lastNumber) throws IOException {
    List<String> page = pending.remove(mailbox);
    if (page == null || page.isEmpty()) {
      return;
    }
    try (Writer w = Files.newBufferedWriter(file(mailbox, lastNumber - page.size() + 1), StandardCharsets.UTF_8)) {
      w.write("{\"kind\":\"" + pageKind + "\",\"timeZone\":\"UTC\",\"items\":[\n");
      w.write(String.join(",\n", page));
      w.write("\n]}\n");
    }
  }

  @Override
  public void close() throws IOException {
    for (String mailbox : new ArrayList<>(pending.keySet())) {
      writePage(mailbox, written(mailbox));
    }
  }
}
