package dev.interactions.ingest.files;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interactions.core.spark.RowValues;
import dev.interactions.core.spark.SerializableHadoopConf;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.files.FilesIngest.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/** Executor side of the files ingest: reads each listed file and emits landing rows. */
final class ParseFiles implements MapPartitionsFunction<Row, Row> {
  private static final long serialVersionUID = 1L;

  private final ResourceKind kind;
  private final SerializableHadoopConf hadoopConf;

  ParseFiles(ResourceKind kind, SerializableHadoopConf hadoopConf) {
    this.kind = kind;
    this.hadoopConf = hadoopConf;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> tasks) throws IOException {
    ResourceFileReader reader = new ResourceFileReader(kind.listField());
    List<Row> out = new ArrayList<>();
    // Rows are produced file by file; a partition holds few files, so buffering one partition is fine.
    while (tasks.hasNext()) {
      Row task = tasks.next();
      String mailbox = RowValues.string(task, "mailbox");
      String ref = RowValues.string(task, "ref");
      String problem = RowValues.string(task, "problem");
      if (problem != null) {
        out.add(quarantine(mailbox, ref, problem, null));
        continue;
      }
      Path path = new Path(RowValues.string(task, "path"));
      FileSystem fs = path.getFileSystem(hadoopConf.get());
      try (InputStream in = fs.open(path)) {
        reader.read(path.getName(), in, new ResourceFileReader.Sink() {
          @Override
          public void resource(JsonNode resource, int line, String pageTimeZone) {
            out.add(toRow(mailbox, ref + ":" + line, resource, pageTimeZone));
          }

          @Override
          public void problem(int line, String reason, String raw) {
            out.add(quarantine(mailbox, ref + ":" + line, reason, raw));
          }
        });
      } catch (IOException e) {
        out.add(quarantine(mailbox, ref, "unreadable file: " + e.getMessage(), null));
      }
    }
    return out.iterator();
  }

  private Row toRow(String mailbox, String sourceRef, JsonNode resource, String pageTimeZone) {
    String raw = resource.toString();
    return kind == ResourceKind.GMAIL
        ? BronzeRows.gmail(mailbox, sourceRef, resource, raw)
        : BronzeRows.calendar(mailbox, sourceRef, resource, pageTimeZone, raw);
  }

  /** A landing row that carries only its mailbox, ref and the reason it is quarantined. */
  private Row quarantine(String mailbox, String ref, String reason, String raw) {
    return BronzeRows.quarantine(kind.landingSchema(), mailbox, ref, reason, raw);
  }
}
