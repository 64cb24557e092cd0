package dev.interactions.sample;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference data: everyone the sample talks about, in a fixed order. Built first, written
 * as the reference CSVs, and the only state besides the open writers that the streams keep.
 */
final class Cast {
  /** The company domain of every team member. */
  static final String COMPANY_DOMAIN = "helio.app";
  /** A Google Group on the company domain: it reaches every mailbox with no header trace. */
  static final String TEAM_GROUP = "success@" + COMPANY_DOMAIN;

  private static final String[][] TEAM_NAMES = {
    {"Maya", "Lindqvist"}, {"Omar", "Haddad"}, {"Priya", "Raman"}, {"Lukas", "Becker"},
    {"Sofia", "Marino"}, {"Daniel", "Okafor"}, {"Aisha", "Bello"}, {"Mateo", "Ruiz"},
    {"Hannah", "Kim"}, {"Kenji", "Sato"}, {"Elif", "Yilmaz"}, {"Noah", "Fischer"},
  };
  private static final String[][] CONTACT_NAMES = {
    {"Wes", "Carter"}, {"Lena", "Vogel"}, {"Raj", "Patel"}, {"José", "Álvarez"},
    {"Zoë", "Müller"}, {"Chloé", "Dubois"}, {"Søren", "Nielsen"}, {"Grace", "Liu"},
    {"Tom", "Reilly"}, {"Ana", "Souza"}, {"Łukasz", "Wójcik"}, {"Inês", "Conceição"},
    {"Mark", "O'Neil"}, {"Fatima", "Zahra"}, {"Kevin", "Brooks"}, {"Julia", "Schmidt"},
    {"Arjun", "Mehta"}, {"Emily", "Turner"}, {"Hiro", "Tanaka"}, {"Olivia", "Grant"},
    {"Björn", "Åkesson"}, {"Nina", "Petrova"}, {"Sam", "Whitaker"}, {"Dana", "Levi"},
  };
  private static final String[][] COMPANIES = {
    {"Acme Corp", "acme-corp"}, {"Umbrella", "umbrella"}, {"Stark Industries", "stark"},
    {"Globex", "globex"}, {"Initech", "initech"}, {"Hooli", "hooli"},
    {"Wayne Enterprises", "wayne"}, {"Soylent", "soylent"}, {"Cyberdyne", "cyberdyne"},
    {"Tyrell", "tyrell"}, {"Wonka", "wonka"}, {"Vandelay", "vandelay"},
  };
  private static final ZoneId[] TEAM_ZONES = {
    ZoneId.of("Europe/Lisbon"), ZoneId.of("America/New_York"),
    ZoneId.of("Europe/Berlin"), ZoneId.of("America/Los_Angeles"),
  };
  private static final ZoneId[] CUSTOMER_ZONES = {
    ZoneId.of("America/Chicago"), ZoneId.of("Europe/London"), ZoneId.of("Europe/Paris"),
    ZoneId.of("Asia/Singapore"), ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"),
  };

  final List<TeamMember> team = new ArrayList<>();
  final List<TeamMember> connected = new ArrayList<>();
  final List<Customer> customers = new ArrayList<>();
  final List<User> users = new ArrayList<>();
  /** Company-domain addresses that deliver to a team member's mailbox (lookups only). */
  private final Map<String, TeamMember> mailboxByAddress = new HashMap<>();

  static Cast build(SampleOptions o, Dice dice) {
    Cast cast = new Cast();
    cast.addTeam(o.teamMembers(), dice);
    cast.addCustomers(o.customers());
    cast.addUsers(o.usersPerCustomer(), dice);
    return cast;
  }

  /** The mailboxes an address delivers to: a team member's, or every one for the group. */
  List<TeamMember> mailboxesReachedBy(String address) {
    if (address.equals(TEAM_GROUP)) {
      return team;
    }
    TeamMember m = mailboxByAddress.get(address);
    return m == null ? List.of() : List.of(m);
  }

  private void addTeam(int count, Dice dice) {
    for (int i = 0; i < count; i++) {
      String[] name = TEAM_NAMES[i % TEAM_NAMES.length];
      String round = i < TEAM_NAMES.length ? "" : String.valueOf(i / TEAM_NAMES.length + 1);
      String local = Ascii.fold(name[0]) + round;
      NameStyle style = dice.nextInt(5) == 0 ? NameStyle.PLAIN : NameStyle.NAME;
      Person p = new Person(local + "@" + COMPANY_DOMAIN, name[0], name[1], style,
          TEAM_ZONES[i % TEAM_ZONES.length]);
      // The first member (and every fifth) has a second company address, the second a personal
      // gmail.com one: both kinds of alias the spec distinguishes.
      String companyAlias = i == 0 || i % 5 == 4
          ? local + "." + Ascii.fold(name[1]).charAt(0) + "@" + COMPANY_DOMAIN : null;
      String gmailAlias = i == 1 ? local + "." + Ascii.fold(name[1]) + "@gmail.com" : null;
      boolean connected = count < 3 || i < count - 1;
      TeamMember m = new TeamMember("t" + (i + 1), p, companyAlias, gmailAlias, connected);
      team.add(m);
      if (connected) {
        this.connected.add(m);
      }
      mailboxByAddress.put(m.email(), m);
      if (companyAlias != null) {
        mailboxByAddress.put(companyAlias, m);
      }
    }
  }

  private void addCustomers(int count) {
    for (int i = 0; i < count; i++) {
      String[] base = COMPANIES[i % COMPANIES.length];
      int round = i / COMPANIES.length;
      String name = round == 0 ? base[0] : base[0] + " " + (round + 1);
      String slug = round == 0 ? base[1] : base[1] + "-" + (round + 1);
      List<String> domains;
      if (i % 6 == 5) {
        // A regional subsidiary on a subdomain of an earlier customer: most specific wins.
        Customer parent = customers.get(i - 5);
        name = parent.name() + " Europe";
        domains = List.of("eu." + parent.domains().get(0));
      } else if (i % 6 == 2) {
        domains = List.of(slug + ".io", slug + "-industries.com");
      } else if (i % 6 == 4) {
        domains = List.of(slug + ".com", slug + ".co.uk");
      } else {
        domains = List.of(slug + ".com");
      }
      TeamMember owner = connected.get(i % connected.size());
      customers.add(new Customer("c" + (i + 1), name, domains,
          CUSTOMER_ZONES[i % CUSTOMER_ZONES.length], owner, partnerOf(owner, i),
          new ArrayList<>()));
    }
  }

  /** Another team member on the account (possibly the unconnected one); null when alone. */
  private TeamMember partnerOf(TeamMember owner, int customerIndex) {
    if (team.size() < 2) {
      return null;
    }
    int ownerIndex = team.indexOf(owner);
    return team.get((ownerIndex + 1 + customerIndex % (team.size() - 1)) % team.size());
  }

  private void addUsers(int perCustomer, Dice dice) {
    Set<String> taken = new HashSet<>(); // lookups only
    NameDeck names = new NameDeck(CONTACT_NAMES, dice);
    for (int i = 0; i < customers.size(); i++) {
      Customer c = customers.get(i);
      for (int u = 0; u < perCustomer; u++) {
        boolean last = u == perCustomer - 1;
        Person p;
        if (last && perCustomer > 1 && i % 3 == 2) {
          // A consultant working with two customers: one email on two users.
          p = customers.get(i - 1).users().get(0).person();
        } else if (last && i % 4 == 1) {
          p = newContact(names.next(), dice, taken, "gmail.com", c.zone());
        } else {
          String domain = c.domains().get(u % c.domains().size());
          p = newContact(names.next(), dice, taken, domain, c.zone());
        }
        User user = new User("u" + (users.size() + 1), p, c);
        users.add(user);
        c.users().add(user);
      }
    }
  }

  private static Person newContact(
      String[] name, Dice dice, Set<String> taken, String domain, ZoneId zone) {
    String local = domain.equals("gmail.com")
        ? Ascii.fold(name[0]) + Ascii.fold(name[1]) + (1970 + dice.nextInt(30))
        : Ascii.fold(name[0]) + "." + Ascii.fold(name[1]);
    String email = local + "@" + domain;
    for (int n = 2; !taken.add(email); n++) {
      email = local + n + "@" + domain;
    }
    NameStyle style;
    if (!Ascii.isAscii(name[0] + name[1])) {
      style = NameStyle.ENCODED;
    } else {
      int r = dice.nextInt(10);
      style = r < 2 ? NameStyle.PLAIN : r < 8 ? NameStyle.NAME : NameStyle.LAST_FIRST;
    }
    return new Person(email, name[0], name[1], style, zone);
  }
}
