package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rolling JSONL file set per mailbox: {@code <root>/<mailbox>/<prefix>-NNNN.jsonl}, a new
 * file every {@link #LINES_PER_FILE} lines. At most {@link #MAX_OPEN} files are open at once
 * (least recently used closed first, reopened for append), so thousands of mailboxes do not
 * exhaust file handles.
 */
final class JsonlSinks implements Closeable {
  /** A new file every this many lines, as an export of a big mailbox would. */
  static final int LINES_PER_FILE = 5000;
  private static final int MAX_OPEN = 64;
  private static final JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  /** Writes one JSON value; lets callers stream a resource straight to its file. */
  @FunctionalInterface
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  private record OpenFile(int number, Writer writer) {}

  private final Path root;
  private final String prefix;
  private final Map<String, Long> lines = new HashMap<>(); // lookups only
  private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
  private long total;

  private JsonlSinks(Path root, String prefix) {
    this.root = root;
    this.prefix = prefix;
  }

  /** Sinks under {@code root}, after deleting the files an earlier run wrote there. */
  static JsonlSinks replacing(Path root, String prefix) throws IOException {
    removePreviousOutput(root, prefix + "-");
    return new JsonlSinks(root, prefix);
  }

  /** Creates the mailbox's folder: a connected mailbox exists even when it holds nothing. */
  void register(String mailbox) throws IOException {
    Files.createDirectories(root.resolve(mailbox));
    lines.putIfAbsent(mailbox, 0L);
  }

  void write(String mailbox, JsonBody body) throws IOException {
    Long count = lines.get(mailbox);
    if (count == null) {
      throw new IllegalStateException("not a registered mailbox: " + mailbox);
    }
    Writer w = writer(mailbox, (int) (count / LINES_PER_FILE) + 1);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      body.write(g);
    }
    w.write('\n');
    lines.put(mailbox, count + 1);
    total++;
  }

  long total() {
    return total;
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

  /** Deletes only files these sinks name, so a rerun never mixes two samples. */
  private static void removePreviousOutput(Path root, String filePrefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> mailboxes = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path mailbox : mailboxes) {
        try (DirectoryStream<Path> files =
            Files.newDirectoryStream(mailbox, filePrefix + "*.jsonl")) {
          for (Path f : files) {
            Files.delete(f);
          }
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(mailbox)) {
          if (!rest.iterator().hasNext()) {
            Files.delete(mailbox);
          }
        }
      }
    }
  }
}
