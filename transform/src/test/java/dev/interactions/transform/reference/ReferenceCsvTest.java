package dev.interactions.transform.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reference CSVs: what loads, and the one-line errors naming file and line. */
class ReferenceCsvTest {
  @TempDir Path dir;

  void write(String team, String users, String customers) throws IOException {
    if (team != null) {
      Files.writeString(dir.resolve("team_members.csv"), team);
    }
    if (users != null) {
      Files.writeString(dir.resolve("users.csv"), users);
    }
    if (customers != null) {
      Files.writeString(dir.resolve("customers.csv"), customers);
    }
  }

  ReferenceData load() {
    return ReferenceCsv.load(dir.toString(), new Configuration());
  }

  @Test
  void loadsQuotedFieldsMultiValuesAndEmptyCells() throws IOException {
    write("team_member_id,email,aliases\nt1, Maya@Helio.app ,maya.l@helio.app;MAYA@gmail.com\nt2,omar@helio.app,\n",
        "user_id,email,customer_id\np1,wes@umbrella.com,k1\n\n",
        "customer_id,name,domains\nk1,\"Umbrella, Inc.\",umbrella.com; @Umbrella.co.uk\nk2,\"Say \"\"hi\"\"\",\n");
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(
        new ReferenceData.TeamMember("t1", "maya@helio.app", java.util.List.of("maya.l@helio.app", "maya@gmail.com")),
        new ReferenceData.TeamMember("t2", "omar@helio.app", java.util.List.of()));
    assertThat(r.users()).containsExactly(new ReferenceData.User("p1", "wes@umbrella.com", "k1"));
    assertThat(r.customers()).containsExactly(
        new ReferenceData.Customer("k1", "Umbrella, Inc.", java.util.List.of("umbrella.com", "umbrella.co.uk")),
        new ReferenceData.Customer("k2", "Say \"hi\"", java.util.List.of()));
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    write("team_member_id,email,aliases\n", null, "customer_id,name,domains\n");
    assertThatThrownBy(this::load).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("reference file not found: ").hasMessageEndingWith("users.csv");
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    write("team_member_id,email\nt1,maya@helio.app\n", "user_id,email,customer_id\n", "customer_id,name,domains\n");
    assertThatThrownBy(this::load).hasMessage("team_members.csv: missing column aliases");
  }

  @Test
  void aRowWithoutIdOrWithABadEmailNamesFileAndLine() throws IOException {
    write("team_member_id,email,aliases\nt1,maya@helio.app,\n", "user_id,email,customer_id\np1,wes@umbrella.com,k1\n"
        + ",lena@stark.io,k2\n", "customer_id,name,domains\n");
    assertThatThrownBy(this::load).hasMessage("users.csv line 3: empty user_id");

    write(null, "user_id,email,customer_id\np1,not-an-address,k1\n", null);
    assertThatThrownBy(this::load).hasMessage("users.csv line 2: not an email address in email: 'not-an-address'");
  }
}
