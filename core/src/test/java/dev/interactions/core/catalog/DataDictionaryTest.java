package dev.interactions.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The data dictionary in docs/ cannot drift from the catalog the code writes with. */
class DataDictionaryTest {
  static final Path FILE = Path.of("..", "docs", "data-dictionary.md");

  @Test
  void docsMatchTheCatalog() throws IOException {
    String generated = DataDictionary.markdown();
    if (Boolean.getBoolean("dictionary.write")) {
      Files.writeString(FILE, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
        .as("docs/data-dictionary.md is stale: regenerate it (see its header)")
        .isEqualTo(generated);
  }

  @Test
  void everyColumnIsDescribedAndEveryKeyExists() {
    for (Table t : Tables.all()) {
      for (var f : t.schema().fields()) {
        assertThat(f.metadata().contains("comment")).as(t + "." + f.name()).isTrue();
      }
      assertThat(t.schema().fieldNames()).as(t + " key").containsAll(t.key());
    }
  }
}
