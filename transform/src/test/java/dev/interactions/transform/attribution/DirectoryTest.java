package dev.interactions.transform.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.Settings.SyncTo;
import dev.interactions.transform.attribution.Directory.ReferenceWarning;
import dev.interactions.transform.reference.ReferenceData;
import dev.interactions.transform.reference.ReferenceData.Customer;
import dev.interactions.transform.reference.ReferenceData.TeamMember;
import dev.interactions.transform.reference.ReferenceData.User;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC.md "Addresses": who an address is, one rule per test, without Spark. */
class DirectoryTest {
  /** Addresses reach the directory normalised (lower-case, trimmed), as ReferenceCsv and the parsers give them. */
  static final ReferenceData REFERENCE = new ReferenceData(
      List.of(new TeamMember("t1", "maya@helio.app", List.of("maya.l@helio.app", "maya.home@gmail.com")),
          new TeamMember("t2", "omar@helio-labs.com", List.of())),
      List.of(new User("p1", "wes@umbrella.com", "k1"),
          new User("p2", "lena@stark.io", "k2"),
          new User("p4", "shared@partner.com", "k1"),
          new User("p5", "shared@partner.com", "k2"),
          new User("p6", "it@helio.app", "k1"),
          new User("p7", "maya.home@gmail.com", "k1"),
          new User("p8", "bob@gmail.com", "k1"),
          new User("p9", "noc@partner.com", null)),
      List.of(new Customer("k1", "Umbrella", List.of("umbrella.com", "gmail.com")),
          new Customer("k2", "Stark", List.of("stark.io")),
          new Customer("k3", "Stark EU", List.of("eu.stark.io")),
          new Customer("k4", "Helio reseller", List.of("helio.app"))));

  static Directory users() {
    return new Directory(REFERENCE, Settings.defaults());
  }

  static Directory customers() {
    return new Directory(REFERENCE, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
  }

  static List<String> warningKinds(Directory d) {
    return d.warnings().stream().map(ReferenceWarning::kind).toList();
  }

  // ------------------------------------------------------------ team member addresses

  @Test
  void theTeamMembersEmailIsATeamMemberAddress() {
    assertThat(users().teamMemberOf("maya@helio.app")).isEqualTo("t1");
    assertThat(users().teamMemberOf("omar@helio-labs.com")).isEqualTo("t2");
    assertThat(users().isTeamAddress("omar@helio-labs.com")).isTrue();
  }

  @Test
  void aliasesAreTeamMemberAddressesOfTheSamePerson() {
    assertThat(users().teamMemberOf("maya.l@helio.app")).isEqualTo("t1");
    assertThat(users().teamMemberOf("maya.home@gmail.com")).isEqualTo("t1");
  }

  @Test
  void anotherAddressOnTheTeamDomainIsNotATeamMemberAddress() {
    assertThat(users().teamMemberOf("support@helio.app")).isNull();
    assertThat(users().isTeamAddress("support@helio.app")).isFalse();
  }

  @Test
  void anAddressOnTwoTeamMembersStaysWithTheFirstWithAWarning() {
    Directory d = new Directory(new ReferenceData(
        List.of(new TeamMember("t1", "maya@helio.app", List.of("sales@helio.app")),
            new TeamMember("t2", "omar@helio.app", List.of("sales@helio.app"))),
        List.of(), List.of()), Settings.defaults());
    assertThat(d.teamMemberOf("sales@helio.app")).isEqualTo("t1");
    assertThat(d.warnings()).containsExactly(new ReferenceWarning("address_on_several_team_members",
        "sales@helio.app", "kept on t1, ignored on t2"));
  }

  // ------------------------------------------------------------ internal

  @Test
  void theDomainsOfTeamMemberAddressesAreInternal() {
    Directory d = users();
    assertThat(d.internalDomains()).containsExactlyInAnyOrder("helio.app", "helio-labs.com");
    assertThat(d.isInternal("support@helio.app")).isTrue();
    assertThat(d.isInternal("someone@helio-labs.com")).isTrue();
    assertThat(d.isInternal("wes@umbrella.com")).isFalse();
  }

  @Test
  void subdomainsOfAnInternalDomainAreInternal() {
    assertThat(users().isInternal("ops@eu.helio.app")).isTrue();
    assertThat(users().isInternal("x@helio.app.evil.com")).as("a suffix is not a parent domain").isFalse();
    assertThat(users().isInternal("x@nothelio.app")).isFalse();
  }

  @Test
  void configuredExtraInternalDomainsAreInternal() {
    Directory d = new Directory(REFERENCE, Settings.defaults().withInternalDomains(Set.of("Helio.io")));
    assertThat(d.internalDomains()).containsExactlyInAnyOrder("helio.app", "helio-labs.com", "helio.io");
    assertThat(d.isInternal("finance@helio.io")).isTrue();
    assertThat(users().isInternal("finance@helio.io")).as("without the setting").isFalse();
  }

  @Test
  void aTeamMembersGmailAliasIsInternalAsThatOneAddressOnly() {
    Directory d = users();
    assertThat(d.isInternal("maya.home@gmail.com")).isTrue();
    assertThat(d.isInternal("bob@gmail.com")).isFalse();
  }

  @Test
  void aPublicMailDomainNeverBecomesInternalEvenFromAPrimaryEmail() {
    Directory d = new Directory(new ReferenceData(
        List.of(new TeamMember("t1", "founder@gmail.com", List.of()), new TeamMember("t2", "ops@outlook.com", List.of())),
        List.of(), List.of()), Settings.defaults());
    assertThat(d.internalDomains()).isEmpty();
    assertThat(d.isInternal("founder@gmail.com")).isTrue();
    assertThat(d.isInternal("anyone@gmail.com")).isFalse();
    assertThat(d.isInternal("anyone@outlook.com")).isFalse();
  }

  @Test
  void aConfiguredPublicMailDomainNeverBecomesInternalEither() {
    Directory d = new Directory(new ReferenceData(
        List.of(new TeamMember("t1", "maya@helio.app", List.of("maya@posteo.de"))), List.of(), List.of()),
        Settings.defaults().withExtraPublicMailDomains(Set.of("posteo.de")));
    assertThat(d.internalDomains()).containsExactly("helio.app");
    assertThat(d.isInternal("maya@posteo.de")).isTrue();
    assertThat(d.isInternal("someone@posteo.de")).isFalse();
  }

  // ------------------------------------------------------------ internal addresses are never contacts

  @Test
  void anInternalAddressOnAUsersRowIsNotAKnownContact() {
    Directory d = users();
    assertThat(d.isKnownContact("it@helio.app")).isFalse();
    assertThat(d.usersOf("it@helio.app")).isEmpty();
    assertThat(d.customersOf("it@helio.app")).isEmpty();
    assertThat(d.warnings()).contains(new ReferenceWarning("internal_user_email", "p6",
        "it@helio.app is internal and never counts as a customer contact"));
  }

  @Test
  void aTeamMembersAliasOnAUsersRowIsNotAKnownContact() {
    Directory d = users();
    assertThat(d.isKnownContact("maya.home@gmail.com")).isFalse();
    assertThat(d.usersOf("maya.home@gmail.com")).isEmpty();
    assertThat(d.warnings()).extracting(ReferenceWarning::subject).contains("p7");
  }

  @Test
  void anAddressInAConfiguredInternalDomainOnAUsersRowIsNotAKnownContact() {
    Directory d = new Directory(REFERENCE, Settings.defaults().withInternalDomains(Set.of("stark.io")));
    assertThat(d.isKnownContact("lena@stark.io")).isFalse();
    assertThat(d.usersOf("lena@stark.io")).isEmpty();
  }

  @Test
  void inCustomersModeTheCompanyDomainIsBlockedAsACustomerDomain() {
    Directory d = customers();
    assertThat(d.isKnownContact("support@helio.app")).isFalse();
    assertThat(d.customersOf("support@helio.app")).isEmpty();
    assertThat(d.customersOf("ops@eu.helio.app")).isEmpty();
    assertThat(d.warnings()).contains(new ReferenceWarning("internal_customer_domain", "k4",
        "helio.app is an internal domain and is ignored as a customer domain"));
  }

  // ------------------------------------------------------------ users mode

  @Test
  void usersModeKnowsAContactByItsExactEmail() {
    Directory d = users();
    assertThat(d.isKnownContact("wes@umbrella.com")).isTrue();
    assertThat(d.usersOf("wes@umbrella.com")).containsExactly("p1");
    assertThat(d.customersOf("wes@umbrella.com")).containsExactly("k1");
  }

  @Test
  void usersModeIgnoresTheDomainAlone() {
    assertThat(users().isKnownContact("raj@umbrella.com")).isFalse();
    assertThat(users().customersOf("raj@umbrella.com")).isEmpty();
  }

  @Test
  void usersModeMapsAnEmailToEveryUserSharingIt() {
    Directory d = users();
    assertThat(d.usersOf("shared@partner.com")).containsExactly("p4", "p5");
    assertThat(d.customersOf("shared@partner.com")).containsExactly("k1", "k2");
    assertThat(d.warnings()).contains(new ReferenceWarning("email_on_several_users", "shared@partner.com",
        "belongs to users p4, p5"));
  }

  @Test
  void aUserWithoutCustomerIsAKnownContactOfNoCustomer() {
    assertThat(users().isKnownContact("noc@partner.com")).isTrue();
    assertThat(users().customersOf("noc@partner.com")).isEmpty();
  }

  @Test
  void aUserOnAPublicMailDomainIsKnownByItsExactEmail() {
    assertThat(users().isKnownContact("bob@gmail.com")).isTrue();
    assertThat(users().isKnownContact("alice@gmail.com")).isFalse();
  }

  @Test
  void noPlusFolding() {
    assertThat(users().isKnownContact("wes+billing@umbrella.com")).isFalse();
    assertThat(users().usersOf("wes+billing@umbrella.com")).isEmpty();
  }

  @Test
  void noDotFolding() {
    assertThat(users().isKnownContact("w.es@umbrella.com")).isFalse();
    assertThat(users().isKnownContact("bo.b@gmail.com")).isFalse();
  }

  // ------------------------------------------------------------ customers mode

  @Test
  void customersModeKnowsAnyAddressOnACustomerDomain() {
    Directory d = customers();
    assertThat(d.isKnownContact("raj@umbrella.com")).isTrue();
    assertThat(d.customersOf("raj@umbrella.com")).containsExactly("k1");
    assertThat(d.usersOf("raj@umbrella.com")).as("users still need the exact address").isEmpty();
    assertThat(d.usersOf("wes@umbrella.com")).containsExactly("p1");
  }

  @Test
  void customersModeMatchesSubdomains() {
    Directory d = customers();
    assertThat(d.isKnownContact("raj@mail.umbrella.com")).isTrue();
    assertThat(d.customersOf("raj@mail.umbrella.com")).containsExactly("k1");
    assertThat(d.customersOf("x@notumbrella.com")).isEmpty();
    assertThat(d.customersOf("x@umbrella.com.evil.io")).isEmpty();
  }

  @Test
  void customersModeMostSpecificDomainWins() {
    Directory d = customers();
    assertThat(d.customersOf("anna@eu.stark.io")).containsExactly("k3");
    assertThat(d.customersOf("anna@de.eu.stark.io")).containsExactly("k3");
    assertThat(d.customersOf("anna@stark.io")).containsExactly("k2");
    assertThat(d.customersOf("anna@us.stark.io")).containsExactly("k2");
  }

  @Test
  void customersModeIgnoresPublicMailCustomerDomainsWithAWarning() {
    Directory d = customers();
    assertThat(d.isKnownContact("anyone@gmail.com")).isFalse();
    assertThat(d.isKnownContact("bob@gmail.com")).as("not even a user's own address").isFalse();
    assertThat(d.customersOf("anyone@gmail.com")).isEmpty();
    assertThat(d.warnings()).contains(new ReferenceWarning("public_mail_customer_domain", "k1",
        "gmail.com is a public mail provider and is ignored as a customer domain"));
  }

  @Test
  void customersModeIgnoresConfiguredPublicMailDomains() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())), List.of(),
        List.of(new Customer("k1", "Umbrella", List.of("umbrella.com", "posteo.de"))));
    Directory d = new Directory(ref,
        Settings.defaults().withSyncTo(SyncTo.CUSTOMERS).withExtraPublicMailDomains(Set.of("posteo.de")));
    assertThat(d.isKnownContact("x@posteo.de")).isFalse();
    assertThat(d.isKnownContact("x@umbrella.com")).isTrue();
    assertThat(warningKinds(d)).containsExactly("public_mail_customer_domain");
  }

  @Test
  void twoCustomersOnTheSameDomainBothGetItsAddresses() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())), List.of(),
        List.of(new Customer("k1", "Umbrella", List.of("umbrella.com")),
            new Customer("k2", "Umbrella Labs", List.of("umbrella.com"))));
    Directory d = new Directory(ref, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
    assertThat(d.customersOf("x@umbrella.com")).containsExactly("k1", "k2");
  }

  @Test
  void aUserNamingAnUnknownCustomerIsWarned() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())),
        List.of(new User("p1", "wes@umbrella.com", "k9")), List.of());
    assertThat(new Directory(ref, Settings.defaults()).warnings()).containsExactly(
        new ReferenceWarning("unknown_customer", "p1", "customer_id k9 is not in customers.csv"));
  }

  @Test
  void aUserWithoutEmailMatchesNoAddressAndIsWarned() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())),
        List.of(new User("p1", null, "k1"), new User("p2", "wes@umbrella.com", "k1")),
        List.of(new Customer("k1", "Umbrella", List.of("umbrella.com"))));
    Directory d = new Directory(ref, Settings.defaults());
    assertThat(d.usersOf("wes@umbrella.com")).containsExactly("p2");
    assertThat(d.warnings()).containsExactly(
        new ReferenceWarning("user_without_email", "p1", "has no email address; it matches no address"));
  }

  @Test
  void aCustomerWithoutDomainsMatchesNothingAndIsWarnedOnlyInModeCustomers() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())),
        List.of(new User("p1", "wes@umbrella.com", "k1")),
        List.of(new Customer("k1", "Umbrella", List.of()), new Customer("k2", "Stark", List.of("stark.io"))));
    Directory byCustomers = new Directory(ref, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
    assertThat(byCustomers.customersOf("wes@umbrella.com")).isEmpty();
    assertThat(byCustomers.warnings()).containsExactly(new ReferenceWarning("customer_without_domains", "k1",
        "has no domain to match addresses on; in mode customers no address belongs to it"));
    Directory byUsers = new Directory(ref, Settings.defaults());
    assertThat(byUsers.customersOf("wes@umbrella.com")).containsExactly("k1");
    assertThat(byUsers.warnings()).isEmpty();
  }

  @Test
  void issuesReadPastInTheCsvsBecomeWarnings() {
    ReferenceData ref = new ReferenceData(List.of(new TeamMember("t1", "maya@helio.app", List.of())), List.of(),
        List.of(), List.of(new ReferenceData.Issue("invalid_customer_domain", "k2", "customers.csv line 3: ...")));
    assertThat(new Directory(ref, Settings.defaults()).warnings()).containsExactly(
        new ReferenceWarning("invalid_customer_domain", "k2", "customers.csv line 3: ..."));
  }
}
