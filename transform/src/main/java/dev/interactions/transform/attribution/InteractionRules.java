package dev.interactions.transform.attribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The participant rules of SPEC.md shared by emails and meetings: internal_only,
 * no_known_contact and third_party_sender (first match wins, after the label or status rules the
 * caller checked), the direction, and the team members, users and customers involved.
 */
public final class InteractionRules {
  public static final String DRAFT = "draft";
  public static final String SPAM_OR_TRASH = "spam_or_trash";
  public static final String CANCELLED = "cancelled";
  public static final String NOT_A_MEETING = "not_a_meeting";
  public static final String INTERNAL_ONLY = "internal_only";
  public static final String NO_KNOWN_CONTACT = "no_known_contact";
  public static final String THIRD_PARTY_SENDER = "third_party_sender";

  public static final String OUTBOUND = "outbound";
  public static final String INBOUND = "inbound";
  public static final String THIRD_PARTY = "third_party";

  private InteractionRules() {}

  /**
   * @param sender the From address (emails) or organizer (meetings); may be null
   * @param recipients every other participant (for emails including the mailbox owners)
   * @param earlierReason the reason of an earlier rule (draft, spam_or_trash, cancelled,
   *     not_a_meeting), or null
   */
  public static Verdict decide(Directory dir, String sender, Collection<String> recipients, String earlierReason) {
    TreeSet<String> participants = new TreeSet<>(recipients);
    if (sender != null) {
      participants.add(sender);
    }
    List<String> others = new ArrayList<>(new TreeSet<>(recipients));
    others.remove(sender);

    String reason = earlierReason;
    if (reason == null && participants.stream().allMatch(dir::isInternal)) {
      reason = INTERNAL_ONLY;
    }
    if (reason == null && participants.stream().noneMatch(dir::isKnownContact)) {
      reason = NO_KNOWN_CONTACT;
    }
    if (reason == null && !isTeamOrContact(dir, sender) && !thirdPartyAllowed(dir, others)) {
      reason = THIRD_PARTY_SENDER;
    }

    String direction = sender != null && dir.isTeamAddress(sender) ? OUTBOUND
        : isTeamOrContact(dir, sender) ? INBOUND : THIRD_PARTY;

    TreeSet<String> teamMembers = new TreeSet<>();
    TreeSet<String> users = new TreeSet<>();
    TreeSet<String> customers = new TreeSet<>();
    for (String p : participants) {
      String t = dir.teamMemberOf(p);
      if (t != null) {
        teamMembers.add(t);
      }
      users.addAll(dir.usersOf(p));
      customers.addAll(dir.customersOf(p));
    }
    List<String> senderUsers = sender == null ? List.of() : sorted(dir.usersOf(sender));
    List<String> senderCustomers = sender == null ? List.of() : sorted(dir.customersOf(sender));
    return new Verdict(reason, direction, List.copyOf(participants), List.copyOf(teamMembers),
        List.copyOf(users), List.copyOf(customers), senderUsers, senderCustomers);
  }

  private static boolean isTeamOrContact(Directory dir, String address) {
    return address != null && (dir.isTeamAddress(address) || dir.isKnownContact(address));
  }

  /** The include-third-party-senders setting: a team member and a known contact among the recipients. */
  private static boolean thirdPartyAllowed(Directory dir, List<String> recipients) {
    return dir.settings().includeThirdPartySenders()
        && recipients.stream().anyMatch(dir::isTeamAddress)
        && recipients.stream().anyMatch(dir::isKnownContact);
  }

  private static List<String> sorted(List<String> values) {
    return List.copyOf(new TreeSet<>(values));
  }
}
