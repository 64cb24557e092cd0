package dev.interactions.sample;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Emails, one conversation at a time: customer threads, group mail, internal threads,
 * newsletters, third-party senders and drafts, each message handed to {@link GmailMessages}.
 */
final class MailStream extends ResourceStream {
  /** Conversations per team member x user x month (see {@link #writeAll()}). */
  private static final double CONVERSATIONS_PER_UNIT = 0.6;
  private static final int[] THREAD_LENGTH_WEIGHTS = {30, 25, 20, 12, 8, 5}; // 1..6 messages
  private static final String[] CUSTOMER_SUBJECTS = {
    "Onboarding plan", "Renewal quote", "SSO configuration", "Seat expansion",
    "Data export question", "Quarterly business review", "Invoice question",
    "Sync delays since the last release", "Réunion de suivi", "Übergabe an das neue Team",
  };
  private static final String[] CONTACT_LINES = {
    "Could you share the updated onboarding plan before Friday?",
    "We are seeing slower sync times since the last release.",
    "Can we add two more seats to our plan?",
    "Who should we talk to about the invoice we received?",
    "The export works now, thank you for the quick help!",
    "Our security team needs the SOC 2 report, can you send it over?",
  };
  private static final String[] TEAM_LINES = {
    "Thanks for the call today, my notes are below.",
    "Attaching the renewal quote we discussed.",
    "Following up on the SSO configuration: it is live on our side.",
    "Happy to help, I have looped in our solutions engineer.",
    "Here is the agenda for our quarterly review.",
  };
  private static final String[] INTERNAL_SUBJECTS = {
    "%s renewal pricing", "Escalation: %s sync delays", "Handover notes for %s",
    "Account plan: %s", "Team offsite agenda", "Weekly numbers",
  };
  private static final String[] INTERNAL_LINES = {
    "Can you take a look before I reply to them?",
    "Numbers are in the sheet, let me know what you think.",
    "I will be out next week, can you cover this account?",
  };
  private static final String[] NEWSLETTER_SUBJECTS = {
    "Your weekly SomeSaaS digest", "What's new this month", "Webinar: scaling customer success",
  };
  private static final String[] THIRD_PARTY_SUBJECTS = {
    "Quick intro", "Partnership opportunity", "Candidates for your open CSM role",
  };
  private static final String[] ROLE_ADDRESSES = {"ap", "it-ops", "procurement"};

  private final MailHeaders headers;
  private final GmailMessages gmail;

  MailStream(Cast cast, SampleOptions options, Window window, Dice dice, ResourceSinks sinks) {
    super(cast, options, window, dice);
    this.headers = new MailHeaders(dice);
    this.gmail = new GmailMessages(cast, dice, headers, sinks);
  }

  long messages() {
    return gmail.messages();
  }

  /**
   * Spreads the conversations evenly over the days of the window (the exact budget, no drift),
   * each starting at a random time of day. The budget grows with team x users x months.
   */
  @Override
  void writeAll() throws IOException {
    double units = (double) options.teamMembers() * options.customers()
        * options.usersPerCustomer() * options.months();
    long total = Math.max(1, Math.round(units * CONVERSATIONS_PER_UNIT));
    long days = window.days();
    for (long d = 0; d < days; d++) {
      long n = total * (d + 1) / days - total * d / days;
      Instant day = window.start().plus(Duration.ofDays(d));
      for (long i = 0; i < n; i++) {
        conversation(day.plusSeconds(6 * 3600 + dice.nextInt(14 * 3600)));
      }
    }
  }

  private void conversation(Instant t) throws IOException {
    int r = dice.nextInt(100);
    if (r < 32) {
      customerThread(t, true);
    } else if (r < 62) {
      customerThread(t, false);
    } else if (r < 66) {
      groupInbound(t);
    } else if (r < 78) {
      internalThread(t);
    } else if (r < 90) {
      newsletter(t);
    } else if (r < 96) {
      thirdParty(t);
    } else {
      draft(t);
    }
  }

  // ---- conversation kinds

  /** A contact and the account's team members writing back and forth, replying to all. */
  private void customerThread(Instant t, boolean inbound) throws IOException {
    Customer c = dice.pick(cast.customers);
    TeamMember owner = c.owner();
    List<Addr> team = new ArrayList<>();
    boolean viaAlias = owner.companyAlias() != null && dice.nextInt(10) < 3;
    team.add(new Addr(viaAlias ? owner.companyAlias() : owner.email(), owner.person()));
    if (c.partner() != null && dice.nextInt(10) < 3) {
      team.add(Addr.of(c.partner()));
    }
    List<Addr> contacts = new ArrayList<>();
    for (User u : dice.distinctUsers(c, dice.nextInt(10) < 3 ? 2 : 1)) {
      contacts.add(Addr.of(u));
    }
    if (dice.nextInt(100) < 6) {
      contacts.add(new Addr(dice.pick(ROLE_ADDRESSES) + "@" + c.domains().get(0), null));
    }
    List<Addr> everyone = new ArrayList<>(team);
    everyone.addAll(contacts);
    if (owner.gmailAlias() != null && dice.nextInt(100) < 10) {
      everyone.add(new Addr(owner.gmailAlias(), owner.person()));
    }

    Conversation conv = new Conversation(customerSubject(c), t);
    boolean teamSpeaks = !inbound;
    int length = threadLength();
    for (int k = 0; k < length; k++) {
      List<Addr> side = teamSpeaks ? team : contacts;
      Addr from = side.size() > 1 && dice.nextInt(4) == 0 ? side.get(1) : side.get(0);
      Addr to = conv.lastFrom != null ? conv.lastFrom : (teamSpeaks ? contacts : team).get(0);
      Email e = new Email(
          Email.Kind.CUSTOMER, from, dice.pick(teamSpeaks ? TEAM_LINES : CONTACT_LINES));
      e.to.add(to);
      for (Addr a : everyone) {
        if (!a.equals(from) && !a.equals(to)) {
          e.cc.add(a);
        }
      }
      if (k == 0 && teamSpeaks && dice.nextInt(4) == 0) {
        addBcc(e, everyone);
      }
      gmail.send(conv, e);
      teamSpeaks = !teamSpeaks;
      if (!advance(conv, teamSpeaks)) {
        return;
      }
    }
  }

  /** A contact writes to the team's group address; a copy lands in every mailbox. */
  private void groupInbound(Instant t) throws IOException {
    Customer c = dice.pick(cast.customers);
    Addr contact = Addr.of(dice.pick(c.users()));
    Conversation conv = new Conversation(customerSubject(c), t);
    Email first = new Email(Email.Kind.CUSTOMER, contact, dice.pick(CONTACT_LINES));
    first.to.add(new Addr(Cast.TEAM_GROUP, null));
    gmail.send(conv, first);
    if (dice.nextBoolean() && advance(conv, true)) {
      Email reply = new Email(Email.Kind.CUSTOMER, Addr.of(c.owner()), dice.pick(TEAM_LINES));
      reply.to.add(contact);
      gmail.send(conv, reply);
    }
  }

  /** Team members among themselves, sometimes about a customer: never an interaction. */
  private void internalThread(Instant t) throws IOException {
    if (cast.team.size() < 2) {
      customerThread(t, false);
      return;
    }
    TeamMember sender = dice.pick(cast.connected);
    List<Addr> people = new ArrayList<>();
    people.add(Addr.of(sender));
    int others = 1 + dice.nextInt(Math.min(2, cast.team.size() - 1));
    int start = dice.nextInt(cast.team.size());
    for (int i = 0; people.size() <= others && i < cast.team.size(); i++) {
      TeamMember m = cast.team.get((start + i) % cast.team.size());
      if (m != sender) {
        // Now and then to a colleague's personal address: internal, but no mailbox copy.
        boolean personal = m.gmailAlias() != null && dice.nextInt(5) == 0;
        people.add(personal ? new Addr(m.gmailAlias(), m.person()) : Addr.of(m));
      }
    }
    String subject =
        String.format(dice.pick(INTERNAL_SUBJECTS), dice.pick(cast.customers).name());
    Conversation conv = new Conversation(subject, t);
    boolean groupSyntax = people.size() > 2 && dice.nextInt(4) == 0;
    int length = 1 + dice.nextInt(3);
    for (int k = 0; k < length; k++) {
      Addr from = k == 0 ? people.get(0) : pickOther(people, conv.lastFrom);
      if (!mailboxOf(from)) {
        return; // a personal address does not reply from the work mailbox
      }
      Email e = new Email(Email.Kind.INTERNAL, from, dice.pick(INTERNAL_LINES));
      e.to.add(k == 0 ? people.get(1) : conv.lastFrom);
      for (Addr a : people) {
        if (!a.equals(from) && !e.to.contains(a)) {
          e.cc.add(a);
        }
      }
      if (groupSyntax && k == 0) {
        e.toHeader = "CS Team: " + headers.renderAll(e.toAndCc()) + ";";
        e.to.addAll(e.cc);
        e.cc.clear();
      }
      gmail.send(conv, e);
      if (!advance(conv, true)) {
        return;
      }
    }
  }

  /** A no-reply sender: to one member, or Bcc'd to several under undisclosed-recipients. */
  private void newsletter(Instant t) throws IOException {
    Person sender = dice.pick(OutsideSenders.NEWSLETTERS);
    Conversation conv = new Conversation(dice.pick(NEWSLETTER_SUBJECTS), t);
    Email e = new Email(Email.Kind.NEWSLETTER, new Addr(sender.email(), sender),
        "This week: new dashboards, faster exports and three customer stories.");
    if (dice.nextInt(10) < 3) {
      e.toHeader = "undisclosed-recipients:;";
      List<TeamMember> reached = new ArrayList<>();
      for (TeamMember m : cast.team) {
        if (dice.nextBoolean()) {
          reached.add(m);
        }
      }
      e.quietlyTo = reached.isEmpty() ? List.of(dice.pick(cast.connected)) : reached;
    } else {
      e.to.add(Addr.of(dice.pick(cast.connected)));
    }
    gmail.send(conv, e);
  }

  /** A recruiter or vendor writes to a team member with a customer contact cc'd. */
  private void thirdParty(Instant t) throws IOException {
    Person sender = dice.pick(OutsideSenders.THIRD_PARTIES);
    Addr from = new Addr(sender.email(), sender);
    TeamMember member = dice.pick(cast.connected);
    Addr contact = Addr.of(dice.pick(cast.users));
    Conversation conv = new Conversation(dice.pick(THIRD_PARTY_SUBJECTS), t);
    Email e = new Email(Email.Kind.THIRD_PARTY, from,
        "I thought you two should meet: happy to set up a call next week.");
    e.to.add(Addr.of(member));
    e.cc.add(contact);
    gmail.send(conv, e);
    if (dice.nextInt(3) == 0 && advance(conv, true)) {
      Email reply = new Email(Email.Kind.CUSTOMER, Addr.of(member), "Thanks for the intro!");
      reply.to.add(from);
      reply.cc.add(contact);
      gmail.send(conv, reply);
    }
  }

  /** A message that was never sent: only in its author's mailbox, labelled DRAFT. */
  private void draft(Instant t) throws IOException {
    TeamMember author = dice.pick(cast.connected);
    Customer c = dice.pick(cast.customers);
    Conversation conv = new Conversation(customerSubject(c), t);
    Email e = new Email(Email.Kind.DRAFT, Addr.of(author), dice.pick(TEAM_LINES));
    e.to.add(Addr.of(dice.pick(c.users())));
    gmail.send(conv, e);
  }

  // ---- small steps

  /** Moves the conversation to its next message's time; false when that is past the end. */
  private boolean advance(Conversation conv, boolean teamReplies) {
    int minutes = teamReplies ? 15 + dice.nextInt(26 * 60) : 30 + dice.nextInt(72 * 60);
    conv.time = conv.time.plusSeconds(minutes * 60L + dice.nextInt(60));
    return conv.time.isBefore(window.end().minusSeconds(60));
  }

  /** A connected team member outside the conversation, Bcc'd by the sender. */
  private void addBcc(Email e, List<Addr> everyone) {
    TeamMember m = dice.pick(cast.connected);
    Addr bcc = Addr.of(m);
    boolean present = false;
    for (Addr a : everyone) {
      present |= m.person().equals(a.person());
    }
    if (!present) {
      e.bcc.add(bcc);
    }
  }

  private boolean mailboxOf(Addr a) {
    return !cast.mailboxesReachedBy(a.email()).isEmpty();
  }

  private int threadLength() {
    int r = dice.nextInt(100);
    for (int i = 0; i < THREAD_LENGTH_WEIGHTS.length; i++) {
      r -= THREAD_LENGTH_WEIGHTS[i];
      if (r < 0) {
        return i + 1;
      }
    }
    return THREAD_LENGTH_WEIGHTS.length;
  }

  private String customerSubject(Customer c) {
    String topic = dice.pick(CUSTOMER_SUBJECTS);
    return dice.nextInt(3) == 0 ? c.name() + ": " + topic : topic;
  }

  private Addr pickOther(List<Addr> people, Addr not) {
    Addr a;
    do {
      a = dice.pick(people);
    } while (a.equals(not));
    return a;
  }
}
