package dev.interactions.transform.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.interactions.transform.reference.ReferenceData.Customer;
import dev.interactions.transform.reference.ReferenceData.TeamMember;
import dev.interactions.transform.reference.ReferenceData.User;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reference CSVs (SPEC.md "Reference data"): what loads, untidy values read past as issues, and
 * one-line errors naming file and line for what stops the run.
 */
class ReferenceCsvTest {
  static final String TEAM = "team_member_id,email,aliases\nt1,maya@helio.app,\n";
  static final String USERS = "user_id,email,customer_id\np1,wes@umbrella.com,k1\n";
  static final String CUSTOMERS = "customer_id,name,domains\nk1,Umbrella,umbrella.com\n";

  @TempDir Path dir;

  void write(String file, String content) throws IOException {
    Files.writeString(dir.resolve(file), content);
  }

  void writeAll(String team, String users, String customers) throws IOException {
    write("team_members.csv", team);
    write("users.csv", users);
    write("customers.csv", customers);
  }

  ReferenceData load() {
    return ReferenceCsv.load(dir.toString(), new Configuration());
  }

  /** The error of loading, checked to be a one-line IllegalArgumentException. */
  String error() {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, this::load);
    assertThat(e).as("an IllegalArgumentException").isNotNull();
    assertThat(e.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
    return e.getMessage();
  }

  @Test
  void loadsTheThreeFiles() throws IOException {
    writeAll(TEAM, USERS, CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(new TeamMember("t1", "maya@helio.app", List.of()));
    assertThat(r.users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"));
    assertThat(r.customers()).containsExactly(new Customer("k1", "Umbrella", List.of("umbrella.com")));
  }

  @Test
  void addressesAreTrimmedAndLowerCasedWithoutFolding() throws IOException {
    writeAll("team_member_id,email,aliases\nt1, Maya@Helio.APP ,<Maya.L@helio.app>\n",
        "user_id,email,customer_id\np1,Wes+Billing@Umbrella.com ,k1\n", CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(new TeamMember("t1", "maya@helio.app", List.of("maya.l@helio.app")));
    assertThat(r.users()).containsExactly(new User("p1", "wes+billing@umbrella.com", "k1"));
  }

  @Test
  void multiValueCellsAreSemicolonSeparated() throws IOException {
    writeAll("team_member_id,email,aliases\nt1,maya@helio.app,maya.l@helio.app; MAYA@gmail.com;\n", USERS,
        "customer_id,name,domains\nk1,Umbrella,umbrella.com; @Umbrella.co.uk\n");
    ReferenceData r = load();
    assertThat(r.teamMembers().get(0).aliases()).containsExactly("maya.l@helio.app", "maya@gmail.com");
    assertThat(r.customers().get(0).domains()).containsExactly("umbrella.com", "umbrella.co.uk");
  }

  @Test
  void customerDomainsAreBareDomainsWhateverTheCrmFieldHolds() throws IOException {
    writeAll(TEAM, USERS, "customer_id,name,domains\n"
        + "k1,Umbrella,Umbrella.com;@umbrella.de;www.umbrella.fr;https://www.Umbrella.co.uk/about;umbrella.com.;"
        + "Umbrella-München.de;xn--umbrella-mnchen-wvb.de\n");
    assertThat(load().customers().get(0).domains()).containsExactly("umbrella.com", "umbrella.de", "umbrella.fr",
        "umbrella.co.uk", "umbrella-münchen.de", "xn--umbrella-mnchen-wvb.de");
  }

  @Test
  void emptyMultiValueCellsMeanNone() throws IOException {
    writeAll("team_member_id,email,aliases\nt1,maya@helio.app,\nt2,omar@helio.app, ; \nt3,lin@helio.app\n",
        "user_id,email,customer_id\np1,wes@umbrella.com,\n",
        "customer_id,name,domains\nk1,Umbrella,\nk2,,\"\"\n");
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(new TeamMember("t1", "maya@helio.app", List.of()),
        new TeamMember("t2", "omar@helio.app", List.of()), new TeamMember("t3", "lin@helio.app", List.of()));
    assertThat(r.users()).containsExactly(new User("p1", "wes@umbrella.com", null));
    assertThat(r.customers()).containsExactly(new Customer("k1", "Umbrella", List.of()),
        new Customer("k2", null, List.of()));
  }

  @Test
  void quotedFieldsHoldCommasQuotesSemicolonsAndLineBreaks() throws IOException {
    writeAll(TEAM, USERS, "customer_id,name,domains\n"
        + "k1,\"Umbrella, Inc.\",\"umbrella.com;umbrella.de\"\n"
        + "k2,\"Say \"\"hi\"\"\",stark.io\n"
        + "k3,\"Two\nlines\",acme.com\n"
        + "\"k4\",Quoted id,\n");
    assertThat(load().customers()).containsExactly(
        new Customer("k1", "Umbrella, Inc.", List.of("umbrella.com", "umbrella.de")),
        new Customer("k2", "Say \"hi\"", List.of("stark.io")),
        new Customer("k3", "Two\nlines", List.of("acme.com")),
        new Customer("k4", "Quoted id", List.of()));
  }

  @Test
  void headerIsMatchedByNameInAnyOrderAndCaseWithExtraColumnsAndABom() throws IOException {
    writeAll("\uFEFFEmail, Team_Member_ID ,notes,aliases\nmaya@helio.app,t1,\"lead, EMEA\",\n",
        "\"customer_id\",\"user_id\",\"email\"\nk1,p1,wes@umbrella.com\n", CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(new TeamMember("t1", "maya@helio.app", List.of()));
    assertThat(r.users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"));
  }

  @Test
  void blankLinesAndRowsOfEmptyCellsAreSkipped() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\n\np1,wes@umbrella.com,k1\n,,\n  \n", CUSTOMERS);
    assertThat(load().users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"));
  }

  @Test
  void windowsLineEndingsAreRead() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\r\np1,wes@umbrella.com,k1\r\n", CUSTOMERS);
    assertThat(load().users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"));
  }

  @Test
  void oneEmailMayBeOnSeveralUsers() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\np1,info@umbrella.com,k1\np2,info@umbrella.com,k2\n", CUSTOMERS);
    assertThat(load().users()).containsExactly(new User("p1", "info@umbrella.com", "k1"),
        new User("p2", "info@umbrella.com", "k2"));
  }

  // ------------------------------------------------------------ errors

  @Test
  void aMissingFileIsNamed() throws IOException {
    write("team_members.csv", TEAM);
    write("customers.csv", CUSTOMERS);
    assertThat(error()).isEqualTo("reference file not found: " + dir.resolve("users.csv"));
  }

  @Test
  void aMissingFolderNamesItsFirstFile() {
    dir = dir.resolve("nowhere");
    assertThat(error()).startsWith("reference file not found: ").endsWith("nowhere/team_members.csv");
  }

  @Test
  void anEmptyFileIsNamed() throws IOException {
    writeAll(TEAM, USERS, "");
    assertThat(error()).isEqualTo("customers.csv: empty file, expected a header row");
  }

  @Test
  void aMissingColumnNamesFileAndLine() throws IOException {
    writeAll("team_member_id,email\nt1,maya@helio.app\n", USERS, CUSTOMERS);
    assertThat(error()).isEqualTo("team_members.csv line 1: missing column aliases");
  }

  @Test
  void aMissingIdColumnNamesFileAndLine() throws IOException {
    writeAll(TEAM, USERS, "id,name,domains\nk1,Umbrella,umbrella.com\n");
    assertThat(error()).isEqualTo("customers.csv line 1: missing column customer_id");
  }

  @Test
  void aRowWithoutIdNamesFileAndLine() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\np1,wes@umbrella.com,k1\n  ,lena@stark.io,k2\n", CUSTOMERS);
    assertThat(error()).isEqualTo("users.csv line 3: empty user_id");
  }

  @Test
  void aRowWithoutEmailNamesFileAndLine() throws IOException {
    writeAll("team_member_id,email,aliases\nt1,,\n", USERS, CUSTOMERS);
    assertThat(error()).isEqualTo("team_members.csv line 2: empty email");
  }

  @Test
  void aUserWithoutEmailIsKeptWithoutAnAddress() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,,k2\np3,  ,k1\n", CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"), new User("p2", null, "k2"),
        new User("p3", null, "k1"));
    assertThat(r.issues()).isEmpty();
  }

  @Test
  void aUserEmailThatIsNotAnAddressIsReadAsNoneWithAnIssue() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\np1,\" <Wes@Umbrella.com> \",k1\np2,Lena at Stark,k2\n", CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.users()).containsExactly(new User("p1", "wes@umbrella.com", "k1"), new User("p2", null, "k2"));
    assertThat(r.issues()).containsExactly(new ReferenceData.Issue("invalid_user_email", "p2",
        "users.csv line 3: email 'Lena at Stark' is not an email address; ignored"));
  }

  @Test
  void aBadAliasIsIgnoredWithAnIssueNamingFileLineAndValue() throws IOException {
    writeAll("team_member_id,email,aliases\nt1,maya@helio.app,maya.l@helio.app;maya\n", USERS, CUSTOMERS);
    ReferenceData r = load();
    assertThat(r.teamMembers()).containsExactly(new TeamMember("t1", "maya@helio.app", List.of("maya.l@helio.app")));
    assertThat(r.issues()).containsExactly(new ReferenceData.Issue("invalid_team_member_alias", "t1",
        "team_members.csv line 2: aliases 'maya' is not an email address; ignored"));
  }

  @Test
  void aTeamMemberEmailThatIsNotAnAddressNamesFileLineAndValue() throws IOException {
    writeAll("team_member_id,email,aliases\nt1,maya,\n", USERS, CUSTOMERS);
    assertThat(error()).isEqualTo("team_members.csv line 2: not an email address in email: 'maya'");
  }

  @Test
  void aDuplicateIdNamesBothLines() throws IOException {
    writeAll(TEAM, "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,lena@stark.io,k2\n p1 ,raj@umbrella.com,k1\n",
        CUSTOMERS);
    assertThat(error()).isEqualTo("users.csv line 4: duplicate user_id p1 (first on line 2)");
  }

  @Test
  void aBadDomainIsIgnoredWithAnIssueNamingFileLineAndValue() throws IOException {
    writeAll(TEAM, USERS, "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Stark,stark.io; n/a\n");
    ReferenceData r = load();
    assertThat(r.customers()).containsExactly(new Customer("k1", "Umbrella", List.of("umbrella.com")),
        new Customer("k2", "Stark", List.of("stark.io")));
    assertThat(r.issues()).containsExactly(new ReferenceData.Issue("invalid_customer_domain", "k2",
        "customers.csv line 3: domains 'n/a' is not a domain; ignored"));
  }

  @Test
  void lineNumbersCountThePhysicalLinesOfQuotedLineBreaks() throws IOException {
    writeAll(TEAM, USERS, "customer_id,name,domains\nk1,\"Two\nlines\",umbrella.com\n,Nameless,\n");
    assertThat(error()).isEqualTo("customers.csv line 4: empty customer_id");
  }

  @Test
  void anUnterminatedQuoteNamesFileAndLine() throws IOException {
    writeAll(TEAM, USERS, "customer_id,name,domains\nk1,\"Umbrella,umbrella.com\nk2,Stark,stark.io\n");
    assertThat(error()).isEqualTo("customers.csv line 2: unterminated quoted field");
  }
}
