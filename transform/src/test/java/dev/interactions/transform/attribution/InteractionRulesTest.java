package dev.interactions.transform.attribution;

import static dev.interactions.transform.attribution.InteractionRules.decide;
import static org.assertj.core.api.Assertions.assertThat;

import dev.interactions.core.Settings;
import dev.interactions.core.Settings.SyncTo;
import dev.interactions.transform.reference.ReferenceData;
import dev.interactions.transform.reference.ReferenceData.Customer;
import dev.interactions.transform.reference.ReferenceData.TeamMember;
import dev.interactions.transform.reference.ReferenceData.User;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SPEC.md "Addresses" and "Which emails are interactions", rule by rule, without Spark. */
class InteractionRulesTest {
  static final ReferenceData REFERENCE = new ReferenceData(
      List.of(new TeamMember("t1", "maya@helio.app", List.of("maya.l@helio.app", "maya.home@gmail.com")),
          new TeamMember("t2", "omar@helio.app", List.of())),
      List.of(new User("p1", "wes@umbrella.com", "k1"), new User("p2", "lena@stark.io", "k2"),
          new User("p4", "shared@partner.com", "k1"), new User("p5", "shared@partner.com", "k2"),
          new User("p6", "it@helio.app", "k1"), new User("p7", "bob@gmail.com", "k1")),
      List.of(new Customer("k1", "Umbrella", List.of("umbrella.com", "gmail.com")),
          new Customer("k2", "Stark", List.of("stark.io")), new Customer("k3", "Stark EU", List.of("eu.stark.io"))));

  static Directory users() {
    return new Directory(REFERENCE, Settings.defaults());
  }

  static Directory customers() {
    return new Directory(REFERENCE, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
  }

  @Test
  void teamMemberAddressesAreTheEmailAndAliases() {
    Directory d = users();
    assertThat(d.teamMemberOf("maya@helio.app")).isEqualTo("t1");
    assertThat(d.teamMemberOf("maya.l@helio.app")).isEqualTo("t1");
    assertThat(d.teamMemberOf("maya.home@gmail.com")).isEqualTo("t1");
    assertThat(d.teamMemberOf("someone@helio.app")).isNull();
  }

  @Test
  void internalDomainsComeFromTeamAddressesButNeverFromPublicMailDomains() {
    Directory d = users();
    assertThat(d.isInternal("someone@helio.app")).isTrue();
    assertThat(d.isInternal("someone@eu.helio.app")).as("subdomain of an internal domain").isTrue();
    assertThat(d.isInternal("maya.home@gmail.com")).as("the alias itself").isTrue();
    assertThat(d.isInternal("stranger@gmail.com")).as("gmail.com never becomes internal").isFalse();
    assertThat(d.internalDomains()).containsExactly("helio.app");
  }

  @Test
  void configuredInternalDomainsAreInternal() {
    Directory d = new Directory(REFERENCE, Settings.defaults().withInternalDomains(Set.of("helio-labs.com")));
    assertThat(d.isInternal("x@helio-labs.com")).isTrue();
    assertThat(decide(d, "x@helio-labs.com", List.of("maya@helio.app"), null).exclusionReason())
        .isEqualTo("internal_only");
  }

  @Test
  void internalAddressesAreNeverKnownContactsEvenOnAUsersRow() {
    Directory d = users();
    assertThat(d.isKnownContact("it@helio.app")).isFalse();
    assertThat(d.usersOf("it@helio.app")).isEmpty();
    assertThat(d.warnings()).extracting(Directory.ReferenceWarning::kind).contains("internal_user_email");
  }

  @Test
  void usersModeMatchesTheExactEmailAndEveryUserWithIt() {
    Directory d = users();
    assertThat(d.isKnownContact("wes@umbrella.com")).isTrue();
    assertThat(d.isKnownContact("wes+x@umbrella.com")).as("no plus-folding").isFalse();
    assertThat(d.isKnownContact("w.es@umbrella.com")).as("no dot-folding").isFalse();
    assertThat(d.isKnownContact("raj@umbrella.com")).as("domain alone is not enough in users mode").isFalse();
    assertThat(d.usersOf("shared@partner.com")).containsExactly("p4", "p5");
    assertThat(d.customersOf("shared@partner.com")).containsExactly("k1", "k2");
    assertThat(d.warnings()).extracting(Directory.ReferenceWarning::kind).contains("email_on_several_users");
  }

  @Test
  void customersModeMatchesDomainsAndSubdomainsMostSpecificFirst() {
    Directory d = customers();
    assertThat(d.customersOf("raj@umbrella.com")).containsExactly("k1");
    assertThat(d.customersOf("raj@mail.umbrella.com")).as("subdomain").containsExactly("k1");
    assertThat(d.customersOf("anna@eu.stark.io")).as("most specific wins").containsExactly("k3");
    assertThat(d.customersOf("anna@stark.io")).containsExactly("k2");
    assertThat(d.customersOf("x@notumbrella.com")).isEmpty();
    assertThat(d.isKnownContact("raj@umbrella.com")).isTrue();
  }

  @Test
  void publicMailCustomerDomainsAreIgnoredWithAWarning() {
    Directory d = customers();
    assertThat(d.isKnownContact("anyone@gmail.com")).isFalse();
    assertThat(d.warnings()).anySatisfy(w -> {
      assertThat(w.kind()).isEqualTo("public_mail_customer_domain");
      assertThat(w.subject()).isEqualTo("k1");
    });
    assertThat(users().isKnownContact("bob@gmail.com")).as("an exact user email on gmail.com is fine").isTrue();
  }

  @Test
  void earlierRulesWinOverParticipantRules() {
    Verdict v = decide(users(), "maya@helio.app", List.of("omar@helio.app"), InteractionRules.DRAFT);
    assertThat(v.exclusionReason()).isEqualTo("draft");
    assertThat(v.direction()).isEqualTo("outbound");
  }

  @Test
  void internalOnly() {
    Verdict v = decide(users(), "omar@helio.app", List.of("maya@helio.app"), null);
    assertThat(v.exclusionReason()).isEqualTo("internal_only");
    assertThat(v.teamMemberIds()).containsExactly("t1", "t2");
  }

  @Test
  void noKnownContact() {
    Verdict v = decide(users(), "news@shop.example", List.of("maya@helio.app"), null);
    assertThat(v.exclusionReason()).isEqualTo("no_known_contact");
    assertThat(v.direction()).isEqualTo("third_party");
  }

  @Test
  void thirdPartySenderUnlessIncludedWithATeamMemberAndAKnownContactAmongRecipients() {
    List<String> recipients = List.of("maya@helio.app", "wes@umbrella.com");
    assertThat(decide(users(), "jo@agency.example", recipients, null).exclusionReason())
        .isEqualTo("third_party_sender");
    Directory included = new Directory(REFERENCE, Settings.defaults().withIncludeThirdPartySenders(true));
    Verdict v = decide(included, "jo@agency.example", recipients, null);
    assertThat(v.synced()).isTrue();
    assertThat(v.direction()).isEqualTo("third_party");
    assertThat(v.userIds()).containsExactly("p1");
    assertThat(decide(included, "jo@agency.example", List.of("wes@umbrella.com", "lena@stark.io"), null)
        .exclusionReason()).as("no team member among the recipients").isEqualTo("third_party_sender");
  }

  @Test
  void syncedWithDirectionAndAttribution() {
    Verdict out = decide(users(), "maya.l@helio.app", List.of("wes@umbrella.com", "shared@partner.com"), null);
    assertThat(out.synced()).isTrue();
    assertThat(out.direction()).isEqualTo("outbound");
    assertThat(out.participants()).containsExactly("maya.l@helio.app", "shared@partner.com", "wes@umbrella.com");
    assertThat(out.teamMemberIds()).containsExactly("t1");
    assertThat(out.userIds()).containsExactly("p1", "p4", "p5");
    assertThat(out.customerIds()).containsExactly("k1", "k2");
    assertThat(out.senderUserIds()).isEmpty();

    Verdict in = decide(users(), "lena@stark.io", List.of("maya@helio.app"), null);
    assertThat(in.direction()).isEqualTo("inbound");
    assertThat(in.senderUserIds()).containsExactly("p2");
    assertThat(in.senderCustomerIds()).containsExactly("k2");
  }

  @Test
  void customersModeAttributesByDomainAndUsersByExactAddress() {
    Verdict v = decide(customers(), "new.person@umbrella.com", List.of("maya@helio.app", "wes@umbrella.com"), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.direction()).isEqualTo("inbound");
    assertThat(v.customerIds()).containsExactly("k1");
    assertThat(v.userIds()).containsExactly("p1");
    assertThat(v.senderUserIds()).isEmpty();
    assertThat(v.senderCustomerIds()).containsExactly("k1");
  }
}
