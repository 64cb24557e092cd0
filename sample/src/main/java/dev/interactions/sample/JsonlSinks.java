package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * One rolling JSONL file set per mailbox: {@code <root>/<mailbox>/<prefix>-NNNN.jsonl}, a new
 * file every {@link #LINES_PER_FILE} lines. At most {@link #MAX_OPEN} files are open at once
 * (least recently used closed first, reopened for append), so thousands of mailboxes do not
 * exhaust file handles.
 */
final class JsonlSinks extends MailboxSinks {
  /** A new file every this many lines, as an export of a big mailbox would. */
  static final int LINES_PER_FILE = 5000;
  private static final int MAX_OPEN = 64;
  private record OpenFile(int number, Writer writer) {}

  private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

  private JsonlSinks(Path root, String prefix) {
    super(root, prefix);
  }

  /** Sinks under {@code root}, after deleting the files an earlier run wrote there. */
  static JsonlSinks replacing(Path root, String prefix) throws IOException {
    ResourceSinks.removePreviousOutput(root, prefix + "-");
    return new JsonlSinks(root, prefix);
  }

  @Override
  void write(String mailbox, long number, JsonBody body) throws IOException {
    Writer w = writer(mailbox, (int) ((number - 1) / LINES_PER_FILE) + 1);
    try (JsonGenerator g = ResourceSinks.JSON.createGenerator(w)) {
      body.write(g);
    }
    w.write('\n');
  }

  private Writer writer(String mailbox, int number) throws IOException {
    OpenFile f = open.get(mailbox);
    if (f != null && f.number() == number) {
      return f.writer();
    }
    if (f != null) {
      open.remove(mailbox).writer().close();
    } else if (open.size() >= MAX_OPEN) {
      Iterator<OpenFile> eldest = open.values().iterator();
      eldest.next().writer().close();
      eldest.remove();
    }
    Path file = root.resolve(mailbox).resolve(String.format("%s-%04d.jsonl", prefix, number));
    Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    open.put(mailbox, new OpenFile(number, w));
    return w;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (OpenFile f : open.values()) {
      try {
        f.writer().close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
  }
}
