package dev.interactions.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked examples (a copy of the shared examples kept in this project, so the tests stand
 * alone), unpacked from the classpath into a folder.
 */
public final class Examples {
  private Examples() {}

  /** Copies {@code examples/<name>} (input/, reference/, expected/) into a new temporary folder. */
  public static synchronized Path unpack(String name) {
    String base = "examples/" + name + "/";
    try {
      Path dir = Files.createTempDirectory("example-" + name);
      for (String file : new String(resource(base + "FILES").readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (file.isBlank()) {
          continue;
        }
        Path target = dir.resolve(file.trim());
        Files.createDirectories(target.getParent());
        try (InputStream in = resource(base + file.trim())) {
          Files.copy(in, target);
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A CSV file with a header as rows of column to value (simple CSV: no quoted commas). */
  public static List<Map<String, String>> readCsv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String[] header = lines.get(0).split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] values = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], i < values.length ? values[i] : "");
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String path) {
    InputStream in = Examples.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IllegalStateException("missing test resource " + path);
    }
    return in;
  }
}
