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
import org.junit.jupiter.api.Test;

/**
 * SPEC.md "Which emails are interactions": each exclusion reason, the first-match-wins order, the
 * third-party option, the direction and the attribution, without Spark. The label and status
 * rules (draft, spam_or_trash, cancelled, not_a_meeting) are decided by the caller and passed in.
 */
class InteractionRulesTest {
  static final String MAYA = "maya@helio.app";
  static final String MAYA_ALIAS = "maya.l@helio.app";
  static final String OMAR = "omar@helio.app";
  static final String SUPPORT = "support@helio.app"; // internal, not a team member address
  static final String WES = "wes@umbrella.com"; // user p1 of k1
  static final String LENA = "lena@stark.io"; // user p2 of k2
  static final String SHARED = "shared@partner.com"; // users p4 (k1) and p5 (k2)
  static final String RAJ = "raj@umbrella.com"; // on k1's domain, not a user
  static final String STRANGER = "jo@agency.example"; // nobody

  static final ReferenceData REFERENCE = new ReferenceData(
      List.of(new TeamMember("t1", MAYA, List.of(MAYA_ALIAS)), new TeamMember("t2", OMAR, List.of())),
      List.of(new User("p1", WES, "k1"), new User("p2", LENA, "k2"), new User("p4", SHARED, "k1"),
          new User("p5", SHARED, "k2")),
      List.of(new Customer("k1", "Umbrella", List.of("umbrella.com")), new Customer("k2", "Stark", List.of("stark.io"))));

  static Directory users() {
    return new Directory(REFERENCE, Settings.defaults());
  }

  static Directory usersWithThirdParty() {
    return new Directory(REFERENCE, Settings.defaults().withIncludeThirdPartySenders(true));
  }

  static Directory customers() {
    return new Directory(REFERENCE, Settings.defaults().withSyncTo(SyncTo.CUSTOMERS));
  }

  // ------------------------------------------------------------ each reason

  @Test
  void draftIsKept() {
    Verdict v = decide(users(), MAYA, List.of(WES, MAYA), InteractionRules.DRAFT);
    assertThat(v.exclusionReason()).isEqualTo("draft");
    assertThat(v.synced()).isFalse();
  }

  @Test
  void spamOrTrashIsKept() {
    Verdict v = decide(users(), WES, List.of(MAYA), InteractionRules.SPAM_OR_TRASH);
    assertThat(v.exclusionReason()).isEqualTo("spam_or_trash");
    assertThat(v.synced()).isFalse();
  }

  @Test
  void cancelledAndNotAMeetingAreKept() {
    assertThat(decide(users(), MAYA, List.of(WES), InteractionRules.CANCELLED).exclusionReason())
        .isEqualTo("cancelled");
    assertThat(decide(users(), MAYA, List.of(), InteractionRules.NOT_A_MEETING).exclusionReason())
        .isEqualTo("not_a_meeting");
  }

  @Test
  void internalOnlyWhenNoParticipantIsExternal() {
    Verdict v = decide(users(), OMAR, List.of(MAYA, SUPPORT, "ops@eu.helio.app"), null);
    assertThat(v.exclusionReason()).isEqualTo("internal_only");
    assertThat(v.teamMemberIds()).containsExactly("t1", "t2");
  }

  @Test
  void oneExternalParticipantIsEnoughToNotBeInternalOnly() {
    assertThat(decide(users(), OMAR, List.of(MAYA, RAJ), null).exclusionReason()).isEqualTo("no_known_contact");
  }

  @Test
  void noKnownContactWhenNoParticipantIsAKnownContact() {
    Verdict v = decide(users(), "news@shop.example", List.of(MAYA, RAJ), null);
    assertThat(v.exclusionReason()).isEqualTo("no_known_contact");
    assertThat(v.userIds()).isEmpty();
    assertThat(v.customerIds()).isEmpty();
  }

  @Test
  void thirdPartySenderWhenTheSenderIsNeitherATeamMemberNorAKnownContact() {
    Verdict v = decide(users(), STRANGER, List.of(MAYA, WES), null);
    assertThat(v.exclusionReason()).isEqualTo("third_party_sender");
    assertThat(v.direction()).isEqualTo("third_party");
  }

  @Test
  void anInternalSenderWhoIsNotATeamMemberAddressIsAThirdPartySender() {
    assertThat(decide(users(), SUPPORT, List.of(WES), null).exclusionReason()).isEqualTo("third_party_sender");
  }

  @Test
  void aMessageWithoutSenderIsAThirdPartySender() {
    Verdict v = decide(users(), null, List.of(MAYA, WES), null);
    assertThat(v.exclusionReason()).isEqualTo("third_party_sender");
    assertThat(v.direction()).isEqualTo("third_party");
    assertThat(v.participants()).containsExactly(MAYA, WES);
  }

  @Test
  void syncedWhenATeamMemberWritesToAKnownContact() {
    Verdict v = decide(users(), MAYA, List.of(WES), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.exclusionReason()).isNull();
  }

  @Test
  void syncedWhenAKnownContactWritesToATeamMember() {
    Verdict v = decide(users(), LENA, List.of(OMAR), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.exclusionReason()).isNull();
  }

  @Test
  void aTeamMemberWhoIsOnlyAMailboxOwnerCountsAsParticipant() {
    // A known contact writes to a list; the team member is only in the recipients as mailbox owner.
    Verdict v = decide(users(), WES, List.of("all@umbrella-list.example", OMAR), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.participants()).containsExactly("all@umbrella-list.example", OMAR, WES);
    assertThat(v.teamMemberIds()).containsExactly("t2");
  }

  // ------------------------------------------------------------ first match wins

  @Test
  void draftWinsOverEveryParticipantRule() {
    assertThat(decide(users(), OMAR, List.of(MAYA), InteractionRules.DRAFT).exclusionReason()).isEqualTo("draft");
    assertThat(decide(users(), STRANGER, List.of(RAJ), InteractionRules.DRAFT).exclusionReason())
        .isEqualTo("draft");
  }

  @Test
  void spamOrTrashWinsOverEveryParticipantRule() {
    assertThat(decide(users(), OMAR, List.of(MAYA), InteractionRules.SPAM_OR_TRASH).exclusionReason())
        .isEqualTo("spam_or_trash");
    assertThat(decide(users(), STRANGER, List.of(MAYA, WES), InteractionRules.SPAM_OR_TRASH).exclusionReason())
        .isEqualTo("spam_or_trash");
  }

  @Test
  void internalOnlyWinsOverNoKnownContact() {
    // Nobody here is a known contact either, but the earlier rule names the reason.
    assertThat(decide(users(), SUPPORT, List.of(MAYA), null).exclusionReason()).isEqualTo("internal_only");
  }

  @Test
  void noKnownContactWinsOverThirdPartySender() {
    // The sender is a third party too, but no known contact is involved at all.
    assertThat(decide(users(), STRANGER, List.of(MAYA), null).exclusionReason()).isEqualTo("no_known_contact");
  }

  // ------------------------------------------------------------ include third-party senders

  @Test
  void includeThirdPartySendersSyncsWithATeamMemberAndAKnownContactAmongRecipients() {
    Verdict v = decide(usersWithThirdParty(), STRANGER, List.of(MAYA, WES), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.direction()).isEqualTo("third_party");
    assertThat(v.teamMemberIds()).containsExactly("t1");
    assertThat(v.userIds()).containsExactly("p1");
    assertThat(v.customerIds()).containsExactly("k1");
    assertThat(v.senderUserIds()).isEmpty();
  }

  @Test
  void includeThirdPartySendersNeedsATeamMemberAddressAmongRecipients() {
    assertThat(decide(usersWithThirdParty(), STRANGER, List.of(WES, LENA), null).exclusionReason())
        .isEqualTo("third_party_sender");
    assertThat(decide(usersWithThirdParty(), STRANGER, List.of(SUPPORT, WES), null).exclusionReason())
        .as("an internal address is not a team member address").isEqualTo("third_party_sender");
  }

  @Test
  void includeThirdPartySendersNeedsAKnownContactAmongRecipients() {
    assertThat(decide(usersWithThirdParty(), STRANGER, List.of(MAYA, RAJ), null).exclusionReason())
        .isEqualTo("no_known_contact");
  }

  @Test
  void thirdPartySenderInCustomersModeUsesDomainContacts() {
    assertThat(decide(customers(), STRANGER, List.of(MAYA, RAJ), null).exclusionReason())
        .isEqualTo("third_party_sender");
    Directory included = new Directory(REFERENCE,
        Settings.defaults().withSyncTo(SyncTo.CUSTOMERS).withIncludeThirdPartySenders(true));
    Verdict v = decide(included, STRANGER, List.of(MAYA, RAJ), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.customerIds()).containsExactly("k1");
  }

  // ------------------------------------------------------------ direction, excluded messages too

  @Test
  void outboundWhenTheSenderIsATeamMemberAddressAliasesIncluded() {
    assertThat(decide(users(), MAYA, List.of(WES), null).direction()).isEqualTo("outbound");
    assertThat(decide(users(), MAYA_ALIAS, List.of(WES), null).direction()).isEqualTo("outbound");
  }

  @Test
  void inboundWhenTheSenderIsAKnownContact() {
    assertThat(decide(users(), WES, List.of(MAYA), null).direction()).isEqualTo("inbound");
    assertThat(decide(customers(), RAJ, List.of(MAYA), null).direction()).as("customers mode").isEqualTo("inbound");
  }

  @Test
  void thirdPartyWhenTheSenderIsNeither() {
    assertThat(decide(users(), RAJ, List.of(MAYA, WES), null).direction()).isEqualTo("third_party");
    assertThat(decide(users(), SUPPORT, List.of(WES), null).direction()).isEqualTo("third_party");
  }

  @Test
  void directionIsComputedForExcludedMessages() {
    Verdict draft = decide(users(), MAYA, List.of(WES), InteractionRules.DRAFT);
    assertThat(draft.exclusionReason()).isEqualTo("draft");
    assertThat(draft.direction()).isEqualTo("outbound");

    Verdict internal = decide(users(), OMAR, List.of(MAYA), null);
    assertThat(internal.exclusionReason()).isEqualTo("internal_only");
    assertThat(internal.direction()).isEqualTo("outbound");

    Verdict spam = decide(users(), WES, List.of(MAYA), InteractionRules.SPAM_OR_TRASH);
    assertThat(spam.exclusionReason()).isEqualTo("spam_or_trash");
    assertThat(spam.direction()).isEqualTo("inbound");

    Verdict unknown = decide(users(), "news@shop.example", List.of(MAYA), null);
    assertThat(unknown.exclusionReason()).isEqualTo("no_known_contact");
    assertThat(unknown.direction()).isEqualTo("third_party");
  }

  // ------------------------------------------------------------ attribution

  @Test
  void attributionListsParticipantsTeamMembersUsersAndCustomersSorted() {
    Verdict v = decide(users(), MAYA_ALIAS, List.of(WES, SHARED, OMAR, MAYA_ALIAS, RAJ), null);
    assertThat(v.participants()).containsExactly(MAYA_ALIAS, OMAR, RAJ, SHARED, WES);
    assertThat(v.teamMemberIds()).containsExactly("t1", "t2");
    assertThat(v.userIds()).containsExactly("p1", "p4", "p5");
    assertThat(v.customerIds()).containsExactly("k1", "k2");
    assertThat(v.senderUserIds()).isEmpty();
    assertThat(v.senderCustomerIds()).isEmpty();
  }

  @Test
  void theSendersUsersAndCustomersAreKeptApart() {
    Verdict v = decide(users(), SHARED, List.of(MAYA, LENA), null);
    assertThat(v.direction()).isEqualTo("inbound");
    assertThat(v.userIds()).containsExactly("p2", "p4", "p5");
    assertThat(v.senderUserIds()).containsExactly("p4", "p5");
    assertThat(v.senderCustomerIds()).containsExactly("k1", "k2");
  }

  @Test
  void customersModeAttributesCustomersByDomainAndUsersByExactAddress() {
    Verdict v = decide(customers(), "new.person@umbrella.com", List.of(MAYA, WES), null);
    assertThat(v.synced()).isTrue();
    assertThat(v.direction()).isEqualTo("inbound");
    assertThat(v.customerIds()).containsExactly("k1");
    assertThat(v.userIds()).containsExactly("p1");
    assertThat(v.senderUserIds()).isEmpty();
    assertThat(v.senderCustomerIds()).containsExactly("k1");
  }
}
