package dev.interactions.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where generated resources go, one folder per mailbox, in one of the {@link Layout}s. */
interface ResourceSinks extends Closeable {
  JsonFactory JSON = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
      .build();

  /** Writes one JSON value; lets callers stream a resource straight to its file. */
  @FunctionalInterface
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  /** Creates the mailbox's folder: a connected mailbox exists even when it holds nothing. */
  void register(String mailbox) throws IOException;

  void write(String mailbox, JsonBody body) throws IOException;

  /** Resources written so far. */
  long total();

  /** The sinks of one resource kind under {@code root}, after deleting what an earlier run wrote there. */
  static ResourceSinks replacing(Layout layout, Path root, String prefix, String pageKind) throws IOException {
    return switch (layout) {
      case JSONL -> JsonlSinks.replacing(root, prefix);
      case FILES -> FileSinks.replacing(root, prefix, pageKind);
    };
  }

  /**
   * Deletes only files the sinks name ({@code prefix*.jsonl} and {@code prefix*.json}, whichever
   * layout wrote them), so a rerun never mixes two samples; then empty mailbox folders.
   */
  static void removePreviousOutput(Path root, String filePrefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> mailboxes = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path mailbox : mailboxes) {
        try (DirectoryStream<Path> files =
            Files.newDirectoryStream(mailbox, filePrefix + "*.{jsonl,json}")) {
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
