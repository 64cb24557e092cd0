package dev.interactions.ingest.files;

import static org.apache.spark.sql.functions.regexp_replace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interactions.core.spark.PerRow;
import dev.interactions.core.spark.RowValues;
import dev.interactions.core.spark.SerializableHadoopConf;
import dev.interactions.ingest.BodyPolicy;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.google.GoogleOptions.StoreBodies;
import dev.interactions.ingest.files.FilesIngest.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * Executor side of the files ingest: one listed file in, its landing rows out (resources and
 * quarantine rows). Streamed through {@link PerRow}: only one file's rows are held at a time.
 */
final class ParseFiles implements PerRow.RowFunction {
  private static final long serialVersionUID = 1L;

  private final ResourceKind kind;
  private final StoreBodies storeBodies;
  private final SerializableHadoopConf hadoopConf;
  private transient ResourceFileReader reader;

  ParseFiles(ResourceKind kind, StoreBodies storeBodies, SerializableHadoopConf hadoopConf) {
    this.kind = kind;
    this.storeBodies = storeBodies;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public void apply(Row task, Consumer<Row> out) throws IOException {
    if (reader == null) {
      reader = new ResourceFileReader(kind.listField());
    }
    String mailbox = RowValues.string(task, "mailbox");
    String ref = RowValues.string(task, "ref");
    String problem = RowValues.string(task, "problem");
    if (problem != null) {
      out.accept(quarantine(mailbox, ref, problem, null));
      return;
    }
    Path path = new Path(RowValues.string(task, "path"));
    RefsOfFile refs = new RefsOfFile(ref);
    try (InputStream in = open(path)) {
      reader.read(path.getName(), in, new ResourceFileReader.Sink() {
        @Override
        public void resource(JsonNode resource, int line, String pageTimeZone) {
          String sourceRef = refs.at(line);
          try {
            out.accept(toRow(mailbox, sourceRef, resource, pageTimeZone));
          } catch (RuntimeException e) {
            // Whatever a resource holds, it costs at most its own record.
            out.accept(quarantine(mailbox, sourceRef, "unreadable resource: " + e,
                ResourceFileReader.truncate(resource.toString())));
          }
        }

        @Override
        public void problem(int line, String reason, String raw) {
          out.accept(quarantine(mailbox, refs.at(line), reason, raw));
        }
      });
    } catch (IOException | RuntimeException e) {
      out.accept(quarantine(mailbox, ref, "unreadable file: " + e.getMessage(), null));
    }
  }

  /**
   * A local file is read with java.nio: Hadoop's local file system looks for a checksum file and
   * sets up its buffers on every open, which dominates on one small message a file.
   */
  private InputStream open(Path path) throws IOException {
    if ("file".equals(path.toUri().getScheme())) {
      return Files.newInputStream(java.nio.file.Path.of(path.toUri()));
    }
    return path.getFileSystem(hadoopConf.get()).open(path);
  }

  private Row toRow(String mailbox, String sourceRef, JsonNode resource, String pageTimeZone) {
    if (kind == ResourceKind.GMAIL) {
      // Bodies are stripped before anything reads or stores the message (--store-bodies).
      JsonNode stored = BodyPolicy.strip(resource, storeBodies);
      return BronzeRows.gmail(mailbox, sourceRef, stored, stored.toString());
    }
    return BronzeRows.calendar(mailbox, sourceRef, resource, pageTimeZone, resource.toString());
  }

  /** A landing row that carries only its mailbox, ref and the reason it is quarantined. */
  private Row quarantine(String mailbox, String ref, String reason, String raw) {
    return BronzeRows.quarantine(kind.landingSchema(), mailbox, ref, reason, raw);
  }

  /** The file a record's ref points into: the ref without the {@code :line} and {@code #n} of {@link RefsOfFile}. */
  static Column fileOf(Column sourceRef) {
    return regexp_replace(sourceRef, ":[0-9]+(#[0-9]+)?$", "");
  }

  /** {@code file:line}, and {@code file:line#n} for the n-th record on a line, so every ref is unique. */
  private static final class RefsOfFile {
    private final String file;
    private final Map<Integer, Integer> recordsOnLine = new HashMap<>();

    RefsOfFile(String file) {
      this.file = file;
    }

    String at(int line) {
      int n = recordsOnLine.merge(line, 1, Integer::sum);
      return file + ":" + line + (n == 1 ? "" : "#" + n);
    }
  }
}
