package dev.interactions.ingest.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC.md "Command-line contract", files-source layout: how files are read, without Spark. */
class ResourceFileReaderTest {
  /** What the reader reported, one line each: "line: resource" or "line: problem: reason". */
  static List<String> read(String fileName, byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    new ResourceFileReader(fileName.contains("calendar") ? "items" : "messages").read(fileName,
        new ByteArrayInputStream(bytes), new ResourceFileReader.Sink() {
          @Override
          public void resource(JsonNode resource, int line, String pageTimeZone) {
            out.add(line + ": " + resource + (pageTimeZone == null ? "" : " in " + pageTimeZone));
          }

          @Override
          public void problem(int line, String reason, String raw) {
            out.add(line + ": problem: " + reason);
          }
        });
    return out;
  }

  static List<String> read(String fileName, String text) throws IOException {
    return read(fileName, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  @Test
  void aUtf8ByteOrderMarkIsIgnoredInBothKindsOfFile() throws IOException {
    byte[] line = "{\"id\":\"m1\"}\n".getBytes(StandardCharsets.UTF_8);
    assertThat(read("a.jsonl", concat(UTF8_BOM, line))).containsExactly("1: {\"id\":\"m1\"}");
    assertThat(read("a.json", concat(UTF8_BOM, line))).containsExactly("1: {\"id\":\"m1\"}");
  }

  @Test
  void utf16WithAByteOrderMarkIsRead() throws IOException {
    byte[] utf16 = "\uFEFF{\"id\":\"m1\"}\n{\"id\":\"m2\"}\n".getBytes(StandardCharsets.UTF_16BE);
    assertThat(read("a.jsonl", utf16)).containsExactly("1: {\"id\":\"m1\"}", "2: {\"id\":\"m2\"}");
    assertThat(read("a.json", "\uFEFF{\"id\":\"m1\"}".getBytes(StandardCharsets.UTF_16LE)))
        .containsExactly("1: {\"id\":\"m1\"}");
  }

  @Test
  void invalidUtf8BytesAreReadAsReplacementCharacters() throws IOException {
    byte[] bad = concat("{\"id\":\"m1\",\"snippet\":\"a".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
    assertThat(read("a.jsonl", bad)).containsExactly("1: {\"id\":\"m1\",\"snippet\":\"a\uFFFD(\"}");
    assertThat(read("a.json", bad)).containsExactly("1: {\"id\":\"m1\",\"snippet\":\"a\uFFFD(\"}");
  }

  @Test
  void blankLinesAreSkippedAndAnUnclosedObjectCostsOnlyItsLine() throws IOException {
    assertThat(read("a.jsonl", "\n  \n{\"id\": \"m1\", \"payload\": {\n\t\n{\"id\":\"m2\"}\n"))
        .satisfiesExactly(
            r -> assertThat(r).startsWith("3: problem: invalid JSON"),
            r -> assertThat(r).isEqualTo("5: {\"id\":\"m2\"}"));
  }

  @Test
  void aNullOrMissingListArrayIsAnEmptyPage() throws IOException {
    assertThat(read("a.json", "{\"messages\": null, \"resultSizeEstimate\": 0}")).isEmpty();
    assertThat(read("a.json", "{\"resultSizeEstimate\": 0}")).isEmpty();
    assertThat(read("calendar.json", "{\"kind\": \"calendar#events\", \"timeZone\": \"UTC\"}")).isEmpty();
    assertThat(read("a.json", "{\"messages\": \"none\"}"))
        .containsExactly("1: problem: list page field messages is not an array");
  }

  @Test
  void aPageTimeZoneAfterTheItemsStillApplies() throws IOException {
    assertThat(read("calendar.json", "{\"items\": [{\"id\": \"e1\"}],\n \"timeZone\": \"Europe/Berlin\"}"))
        .containsExactly("1: {\"id\":\"e1\"} in Europe/Berlin");
  }

  @Test
  void itemsReadBeforeATruncationStillArrive() throws IOException {
    assertThat(read("a.json", "{\"messages\": [\n{\"id\": \"m1\"},\n{\"id\": \"m2\", \"pay"))
        .satisfiesExactly(
            r -> assertThat(r).startsWith("3: problem: invalid JSON"),
            r -> assertThat(r).isEqualTo("2: {\"id\":\"m1\"}"));
  }

  @Test
  void nonObjectsAndEmptyFilesAreProblemsOrRecordsForTheParserToRefuse() throws IOException {
    assertThat(read("a.json", "")).containsExactly("1: problem: empty file");
    assertThat(read("a.json", "\"text\"")).containsExactly("1: problem: not a JSON object or array");
    assertThat(read("a.json", "[null, 5]")).containsExactly("1: null", "1: 5");
    assertThat(read("a.jsonl", "")).isEmpty();
  }
}
