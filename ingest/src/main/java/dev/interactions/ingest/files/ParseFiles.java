package dev.interactions.ingest.files;

import static dev.interactions.core.spark.Seqs.seq;

import com.fasterxml.jackson.databind.JsonNode;
import dev.interactions.core.spark.SerializableHadoopConf;
import dev.interactions.ingest.CalendarResources;
import dev.interactions.ingest.GmailResources;
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
import org.apache.spark.sql.RowFactory;

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
      String mailbox = task.getString(0);
      String ref = task.getString(2);
      String problem = task.getString(3);
      if (problem != null) {
        out.add(quarantine(mailbox, ref, problem, null));
        continue;
      }
      Path path = new Path(task.getString(1));
      FileSystem fs = path.getFileSystem(hadoopConf.get());
      RefsOfFile refs = new RefsOfFile(ref);
      try (InputStream in = fs.open(path)) {
        reader.read(path.getName(), in, new ResourceFileReader.Sink() {
          @Override
          public void resource(JsonNode resource, int line, String pageTimeZone) {
            String sourceRef = refs.at(line);
            try {
              out.add(toRow(mailbox, sourceRef, resource, pageTimeZone));
            } catch (RuntimeException e) {
              // Whatever a resource holds, it costs at most its own record.
              out.add(quarantine(mailbox, sourceRef, "unreadable resource: " + e,
                  ResourceFileReader.truncate(resource.toString())));
            }
          }

          @Override
          public void problem(int line, String reason, String raw) {
            out.add(quarantine(mailbox, refs.at(line), reason, raw));
          }
        });
      } catch (IOException | RuntimeException e) {
        out.add(quarantine(mailbox, ref, "unreadable file: " + e.getMessage(), null));
      }
    }
    return out.iterator();
  }

  private Row toRow(String mailbox, String sourceRef, JsonNode resource, String pageTimeZone) {
    String raw = resource.toString();
    if (kind == ResourceKind.GMAIL) {
      GmailResources.Parsed p = GmailResources.parse(resource);
      if (p.problem() != null) {
        return quarantine(mailbox, sourceRef, p.problem(), ResourceFileReader.truncate(raw));
      }
      GmailResources.Message m = p.message();
      return RowFactory.create(mailbox, m.id(), m.threadId(), m.historyId(), m.internalDate(),
          seq(m.labelIds()), m.snippet(), m.header("from"), m.header("to"), m.header("cc"), m.header("bcc"),
          m.header("subject"), m.header("message-id"), m.header("in-reply-to"), m.header("references"),
          m.header("date"), raw, sourceRef, null, null);
    }
    CalendarResources.Parsed p = CalendarResources.parse(resource, pageTimeZone);
    if (p.problem() != null) {
      return quarantine(mailbox, sourceRef, p.problem(), ResourceFileReader.truncate(raw));
    }
    CalendarResources.Event e = p.event();
    List<Row> attendees = new ArrayList<>();
    for (CalendarResources.Attendee a : e.attendees()) {
      attendees.add(RowFactory.create(a.email(), a.responseStatus(), a.resource(), a.organizer()));
    }
    return RowFactory.create(mailbox, "primary", e.id(), e.iCalUid(), e.updated(), e.status(), e.eventType(),
        e.summary(), e.recurringEventId(), e.startAt(), e.endAt(), e.allDay(), e.originalStartAt(),
        e.organizerEmail(), seq(attendees), raw, sourceRef, null, null);
  }

  /** {@code file:line}, and {@code file:line#n} for the n-th record on a line, so every ref is unique. */
  private static final class RefsOfFile {
    private final String file;
    private final java.util.Map<Integer, Integer> recordsOnLine = new java.util.HashMap<>();

    RefsOfFile(String file) {
      this.file = file;
    }

    String at(int line) {
      int n = recordsOnLine.merge(line, 1, Integer::sum);
      return file + ":" + line + (n == 1 ? "" : "#" + n);
    }
  }

  /** A landing row that carries only its mailbox, ref and the reason it is quarantined. */
  private Row quarantine(String mailbox, String ref, String reason, String raw) {
    int width = kind.landingSchema().size();
    Object[] values = new Object[width];
    values[0] = mailbox;
    values[width - 3] = ref;
    values[width - 2] = reason;
    values[width - 1] = raw;
    return RowFactory.create(values);
  }
}
