package dev.interactions.core.sample;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic sample of everything the pipeline reads: the reference CSVs
 * ({@code reference/team_members.csv}, {@code users.csv}, {@code customers.csv}) and, in the files
 * source layout, Gmail {@code Message} resources
 * ({@code input/gmail/<mailbox>/messages-NNNN.jsonl}) and Calendar {@code Event} resources
 * ({@code input/calendar/<mailbox>/events-NNNN.jsonl}).
 *
 * <p>The data covers the cases the behaviour spec cares about: one email in several mailboxes,
 * reply chains, aliases, Cc'd and Bcc'd colleagues, internal mail, newsletters, third-party
 * senders, drafts, spam, messages without a Message-ID, recurring meetings expanded into instances,
 * cancelled instances, declined attendees, rooms, out-of-office and future meetings. The last team
 * member (with three or more) has no connected mailbox.
 *
 * <p>Output is produced conversation by conversation and streamed to one rolling writer per
 * mailbox, so memory is bounded by the reference data, whatever the volume. The same options give
 * byte-identical files: every random choice comes from one {@link SplittableRandom} seeded from
 * {@link Options#seed()}, no output depends on hash iteration order, and the clock is never read.
 */
public final class SampleGenerator {

  /** The company domain of every team member. */
  public static final String COMPANY_DOMAIN = "helio.app";
  /** A Google Group on the company domain: it reaches every mailbox with no header trace. */
  static final String TEAM_GROUP = "success@" + COMPANY_DOMAIN;
  /** A new file every this many lines, as an export of a big mailbox would. */
  static final int LINES_PER_FILE = 5000;
  /** Conversations per team member x user x month (see {@link MailStream#writeAll()}). */
  private static final double CONVERSATIONS_PER_UNIT = 0.6;

  private SampleGenerator() {}

  /**
   * What to generate.
   *
   * @param teamMembers team members (the last one is not connected when there are 3 or more)
   * @param customers customers
   * @param usersPerCustomer customer contacts per customer
   * @param months how far back from {@code end} mail and meetings go
   * @param seed the only source of randomness
   * @param end the instant the sample is "taken": no email after it, meetings up to 2 weeks after
   */
  public record Options(
      int teamMembers, int customers, int usersPerCustomer, int months, long seed, Instant end) {

    public Options {
      if (teamMembers < 1 || customers < 1 || usersPerCustomer < 1 || months < 1) {
        throw new IllegalArgumentException(
            "teamMembers, customers, usersPerCustomer and months must be at least 1");
      }
      Objects.requireNonNull(end, "end");
    }

    /** A sample a local pipeline run gets through in seconds: a few hundred messages. */
    public static Options small() {
      return new Options(4, 6, 3, 3, 42L, Instant.parse("2026-06-30T00:00:00Z"));
    }
  }

  /**
   * What was written.
   *
   * @param messages distinct emails generated (one per Message-ID; the few without one count
   *     once here although the pipeline keys each of their copies apart)
   * @param messageCopies Gmail resources written, one per mailbox holding an email
   * @param events Calendar resources written, one per calendar holding a meeting occurrence
   * @param mailboxes connected mailboxes (folders under {@code input/gmail} and {@code
   *     input/calendar})
   */
  public record Summary(long messages, long messageCopies, long events, int mailboxes) {}

  /**
   * Writes the sample under {@code outDir} (see the class comment for the layout). Files this
   * generator wrote there before are replaced; nothing else is touched.
   */
  public static Summary generate(Path outDir, Options o) throws IOException {
    SplittableRandom root = new SplittableRandom(o.seed());
    Cast cast = Cast.build(o, root.split());
    cast.writeCsvs(outDir.resolve("reference"));

    Path gmailRoot = outDir.resolve("input").resolve("gmail");
    Path calendarRoot = outDir.resolve("input").resolve("calendar");
    removePreviousOutput(gmailRoot, "messages-");
    removePreviousOutput(calendarRoot, "events-");

    Window window = Window.of(o);
    try (JsonlSinks gmail = new JsonlSinks(gmailRoot, "messages");
        JsonlSinks calendar = new JsonlSinks(calendarRoot, "events")) {
      for (TeamMember m : cast.connected) {
        gmail.register(m.email());
        calendar.register(m.email());
      }
      MailStream mail = new MailStream(cast, o, window, root.split(), gmail);
      mail.writeAll();
      new CalendarStream(cast, o, window, root.split(), calendar).writeAll();
      return new Summary(mail.messages(), gmail.total(), calendar.total(), cast.connected.size());
    }
  }

  /** Deletes only files this generator names, so a rerun never mixes two samples. */
  private static void removePreviousOutput(Path root, String prefix) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> mailboxes = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path mailbox : mailboxes) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(mailbox, prefix + "*.jsonl")) {
          for (Path f : files) {
            Files.delete(f);
          }
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(mailbox)) {
          if (!rest.iterator().hasNext()) {
            Files.delete(mailbox);
          }
        }
      }
    }
  }

  // ------------------------------------------------------------------ time

  /** Emails fall in [start, end); meetings in [start, horizon), horizon being 2 weeks after end. */
  record Window(Instant start, Instant end, Instant horizon) {
    static Window of(Options o) {
      Instant start = o.end().atZone(ZoneOffset.UTC).minusMonths(o.months()).toInstant();
      return new Window(start, o.end(), o.end().plus(Duration.ofDays(14)));
    }

    long days() {
      return Math.max(1, Duration.between(start, end).toDays());
    }
  }

  static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH);
  static final DateTimeFormatter RFC_3339_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter RFC_3339_OFFSET =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  /** Suffix of a recurring instance's id: its original start in UTC. */
  static final DateTimeFormatter INSTANCE_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  // ------------------------------------------------------------------ people

  /** How a person's mail client writes their display name. */
  enum NameStyle {
    PLAIN, // bare address
    NAME, // First Last <a@b>
    LAST_FIRST, // "Last, First" <a@b>
    ENCODED // RFC 2047 encoded-word, for names that are not ASCII
  }

  record Person(String email, String first, String last, NameStyle style, ZoneId zone) {
    String displayName() {
      return last.isEmpty() ? first : first + " " + last;
    }
  }

  /** A team member; {@code companyAlias} and {@code gmailAlias} may be null. */
  record TeamMember(
      String id, Person person, String companyAlias, String gmailAlias, boolean connected) {
    String email() {
      return person.email();
    }

    List<String> aliases() {
      List<String> out = new ArrayList<>();
      if (companyAlias != null) {
        out.add(companyAlias);
      }
      if (gmailAlias != null) {
        out.add(gmailAlias);
      }
      return out;
    }
  }

  /** A customer; {@code partner} (a second team member on the account) may be null. */
  record Customer(
      String id,
      String name,
      List<String> domains,
      ZoneId zone,
      TeamMember owner,
      TeamMember partner,
      List<User> users) {}

  record User(String id, Person person, Customer customer) {
    String email() {
      return person.email();
    }
  }

  /** An address as it appears in a header; {@code person} is null for role addresses. */
  record Addr(String email, Person person) {
    static Addr of(TeamMember m) {
      return new Addr(m.email(), m.person());
    }

    static Addr of(User u) {
      return new Addr(u.email(), u.person());
    }

    ZoneId zone() {
      return person == null ? ZoneOffset.UTC : person.zone();
    }

    String firstName() {
      return person == null ? "team" : person.first();
    }
  }

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
  /** Senders no one on the team knows: the third-party rule's cases. */
  private static final Person[] THIRD_PARTIES = {
    new Person("recruiter@talentbridge.example", "Jordan", "Blake", NameStyle.NAME,
        ZoneId.of("America/New_York")),
    new Person("sales@vendorly.example", "Vendorly", "Sales", NameStyle.NAME,
        ZoneId.of("Europe/London")),
  };
  private static final Person[] NEWSLETTERS = {
    new Person("news@some-saas.example", "SomeSaaS News", "", NameStyle.NAME, ZoneOffset.UTC),
    new Person("no-reply@updates.some-saas.example", "SomeSaaS", "", NameStyle.NAME,
        ZoneOffset.UTC),
    new Person("digest@community.example", "", "", NameStyle.PLAIN, ZoneOffset.UTC),
  };

  /**
   * The reference data: everyone the sample talks about, in a fixed order. Built first, written
   * as the reference CSVs, and the only state besides the open writers that the streams keep.
   */
  static final class Cast {
    final List<TeamMember> team = new ArrayList<>();
    final List<TeamMember> connected = new ArrayList<>();
    final List<Customer> customers = new ArrayList<>();
    final List<User> users = new ArrayList<>();
    /** Company-domain addresses that deliver to a team member's mailbox (lookups only). */
    private final Map<String, TeamMember> mailboxByAddress = new HashMap<>();

    static Cast build(Options o, SplittableRandom rng) {
      Cast cast = new Cast();
      cast.addTeam(o.teamMembers(), rng);
      cast.addCustomers(o.customers());
      cast.addUsers(o.usersPerCustomer(), rng);
      return cast;
    }

    private void addTeam(int count, SplittableRandom rng) {
      for (int i = 0; i < count; i++) {
        String[] name = TEAM_NAMES[i % TEAM_NAMES.length];
        String round = i < TEAM_NAMES.length ? "" : String.valueOf(i / TEAM_NAMES.length + 1);
        String local = ascii(name[0]) + round;
        NameStyle style = rng.nextInt(5) == 0 ? NameStyle.PLAIN : NameStyle.NAME;
        Person p = new Person(local + "@" + COMPANY_DOMAIN, name[0], name[1], style,
            TEAM_ZONES[i % TEAM_ZONES.length]);
        // The first member (and every fifth) has a second company address, the second a personal
        // gmail.com one: both kinds of alias the spec distinguishes.
        String companyAlias = i == 0 || i % 5 == 4
            ? local + "." + ascii(name[1]).charAt(0) + "@" + COMPANY_DOMAIN : null;
        String gmailAlias = i == 1 ? local + "." + ascii(name[1]) + "@gmail.com" : null;
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

    private void addUsers(int perCustomer, SplittableRandom rng) {
      Set<String> taken = new HashSet<>(); // lookups only
      NameDeck names = new NameDeck(rng);
      for (int i = 0; i < customers.size(); i++) {
        Customer c = customers.get(i);
        for (int u = 0; u < perCustomer; u++) {
          boolean last = u == perCustomer - 1;
          Person p;
          if (last && perCustomer > 1 && i % 3 == 2) {
            // A consultant working with two customers: one email on two users.
            p = customers.get(i - 1).users().get(0).person();
          } else if (last && i % 4 == 1) {
            p = newContact(names.next(), rng, taken, "gmail.com", c.zone());
          } else {
            String domain = c.domains().get(u % c.domains().size());
            p = newContact(names.next(), rng, taken, domain, c.zone());
          }
          User user = new User("u" + (users.size() + 1), p, c);
          users.add(user);
          c.users().add(user);
        }
      }
    }

    private static Person newContact(
        String[] name, SplittableRandom rng, Set<String> taken, String domain, ZoneId zone) {
      String local = domain.equals("gmail.com")
          ? ascii(name[0]) + ascii(name[1]) + (1970 + rng.nextInt(30))
          : ascii(name[0]) + "." + ascii(name[1]);
      String email = local + "@" + domain;
      for (int n = 2; !taken.add(email); n++) {
        email = local + n + "@" + domain;
      }
      NameStyle style;
      if (!isAscii(name[0] + name[1])) {
        style = NameStyle.ENCODED;
      } else {
        int r = rng.nextInt(10);
        style = r < 2 ? NameStyle.PLAIN : r < 8 ? NameStyle.NAME : NameStyle.LAST_FIRST;
      }
      return new Person(email, name[0], name[1], style, zone);
    }

    /** Contact names dealt without repeats until the list runs out, then reshuffled. */
    private static final class NameDeck {
      private final SplittableRandom rng;
      private final String[][] names = CONTACT_NAMES.clone();
      private int next = names.length;

      NameDeck(SplittableRandom rng) {
        this.rng = rng;
      }

      String[] next() {
        if (next == names.length) {
          for (int i = names.length - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            String[] t = names[i];
            names[i] = names[j];
            names[j] = t;
          }
          next = 0;
        }
        return names[next++];
      }
    }

    /** The mailboxes an address delivers to: a team member's, or every one for the group. */
    List<TeamMember> mailboxesReachedBy(String address) {
      if (address.equals(TEAM_GROUP)) {
        return team;
      }
      TeamMember m = mailboxByAddress.get(address);
      return m == null ? List.of() : List.of(m);
    }

    void writeCsvs(Path dir) throws IOException {
      Files.createDirectories(dir);
      StringBuilder tm = new StringBuilder("team_member_id,email,aliases\n");
      for (TeamMember m : team) {
        tm.append(csvRow(m.id(), m.email(), String.join(";", m.aliases())));
      }
      StringBuilder us = new StringBuilder("user_id,email,customer_id\n");
      for (User u : users) {
        us.append(csvRow(u.id(), u.email(), u.customer().id()));
      }
      StringBuilder cs = new StringBuilder("customer_id,name,domains\n");
      for (Customer c : customers) {
        cs.append(csvRow(c.id(), c.name(), String.join(";", c.domains())));
      }
      Files.writeString(dir.resolve("team_members.csv"), tm, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("users.csv"), us, StandardCharsets.UTF_8);
      Files.writeString(dir.resolve("customers.csv"), cs, StandardCharsets.UTF_8);
    }

    private static String csvRow(String... cells) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cells.length; i++) {
        String c = cells[i];
        boolean quote = c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0;
        sb.append(i == 0 ? "" : ",").append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
      }
      return sb.append('\n').toString();
    }
  }

  // ------------------------------------------------------------------ output

  /** Writes one JSON value; lets callers stream a resource straight to its file. */
  @FunctionalInterface
  interface JsonBody {
    void write(JsonGenerator g) throws IOException;
  }

  /**
   * One rolling JSONL file set per mailbox: {@code <root>/<mailbox>/<prefix>-NNNN.jsonl}, a new
   * file every {@link #LINES_PER_FILE} lines. At most {@link #MAX_OPEN} files are open at once
   * (least recently used closed first, reopened for append), so thousands of mailboxes do not
   * exhaust file handles.
   */
  static final class JsonlSinks implements Closeable {
    private static final int MAX_OPEN = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
        .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
        .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
        .build();

    private record OpenFile(int number, Writer writer) {}

    private final Path root;
    private final String prefix;
    private final Map<String, Long> lines = new HashMap<>(); // lookups only
    private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
    private long total;

    JsonlSinks(Path root, String prefix) {
      this.root = root;
      this.prefix = prefix;
    }

    /** Creates the mailbox's folder: a connected mailbox exists even when it holds nothing. */
    void register(String mailbox) throws IOException {
      Files.createDirectories(root.resolve(mailbox));
      lines.putIfAbsent(mailbox, 0L);
    }

    void write(String mailbox, JsonBody body) throws IOException {
      Long count = lines.get(mailbox);
      if (count == null) {
        throw new IllegalStateException("not a registered mailbox: " + mailbox);
      }
      Writer w = writer(mailbox, (int) (count / LINES_PER_FILE) + 1);
      try (JsonGenerator g = JSON.createGenerator(w)) {
        body.write(g);
      }
      w.write('\n');
      lines.put(mailbox, count + 1);
      total++;
    }

    long total() {
      return total;
    }

    private Writer writer(String mailbox, int number) throws IOException {
      OpenFile f = open.get(mailbox);
      if (f != null && f.number() == number) {
        return f.writer();
      }
      if (f != null) {
        open.remove(mailbox).writer().close();
      } else if (open.size() >= MAX_OPEN) {
        Iterator<OpenFile> eldest = open.values().iterator();
        eldest.next().writer().close();
        eldest.remove();
      }
      Path file = root.resolve(mailbox).resolve(String.format("%s-%04d.jsonl", prefix, number));
      Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      open.put(mailbox, new OpenFile(number, w));
      return w;
    }

    @Override
    public void close() throws IOException {
      IOException first = null;
      for (OpenFile f : open.values()) {
        try {
          f.writer().close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      open.clear();
      if (first != null) {
        throw first;
      }
    }
  }

  // ------------------------------------------------------------------ email

  /**
   * Emails, one conversation at a time: each message is rendered once (its headers are the same
   * in every copy, as the raw RFC 822 message is) and written to every connected mailbox holding
   * it, with that mailbox's own Gmail id, threadId, labels and historyId.
   */
  private static final class MailStream {
    private enum Kind { CUSTOMER, INTERNAL, NEWSLETTER, THIRD_PARTY, DRAFT }

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

    /** Per connected mailbox: Gmail ids and historyIds only ever grow. */
    private static final class MailboxState {
      final long idBase;
      long sequence;
      long historyId;

      MailboxState(int index) {
        this.idBase = 0x18f0000000000000L + ((long) index << 44);
        this.historyId = 100_000L * (index + 1);
      }
    }

    /** A conversation in progress: what its next message needs to know. */
    private static final class Conversation {
      final String subject;
      Instant time;
      final Map<String, String> threadIds = new HashMap<>(); // mailbox -> Gmail threadId
      final List<String> messageIds = new ArrayList<>();
      String lastMessageId;
      Instant lastTime;
      String lastLine;
      Addr lastFrom;

      Conversation(String subject, Instant time) {
        this.subject = subject;
        this.time = time;
      }

      boolean isReply() {
        return lastFrom != null;
      }
    }

    /** One message before rendering. */
    private static final class Email {
      final Kind kind;
      final Addr from;
      final String line;
      final List<Addr> to = new ArrayList<>();
      final List<Addr> cc = new ArrayList<>();
      final List<Addr> bcc = new ArrayList<>();
      /** Replaces the rendered To (group syntax, undisclosed recipients). */
      String toHeader;
      /** Mailboxes reached with no header trace (a list, a Bcc from outside). */
      List<TeamMember> quietlyTo = List.of();

      Email(Kind kind, Addr from, String line) {
        this.kind = kind;
        this.from = from;
        this.line = line;
      }
    }

    private record Copy(TeamMember owner, boolean sent) {}

    private final Cast cast;
    private final Options options;
    private final Window window;
    private final SplittableRandom rng;
    private final JsonlSinks sinks;
    private final Map<String, MailboxState> mailboxes = new HashMap<>(); // lookups only
    private long messages;

    MailStream(Cast cast, Options options, Window window, SplittableRandom rng, JsonlSinks sinks) {
      this.cast = cast;
      this.options = options;
      this.window = window;
      this.rng = rng;
      this.sinks = sinks;
      for (int i = 0; i < cast.connected.size(); i++) {
        mailboxes.put(cast.connected.get(i).email(), new MailboxState(i));
      }
    }

    long messages() {
      return messages;
    }

    /**
     * Spreads the conversations evenly over the days of the window (the exact budget, no drift),
     * each starting at a random time of day. The budget grows with team x users x months.
     */
    void writeAll() throws IOException {
      double units = (double) options.teamMembers() * options.customers()
          * options.usersPerCustomer() * options.months();
      long total = Math.max(1, Math.round(units * CONVERSATIONS_PER_UNIT));
      long days = window.days();
      for (long d = 0; d < days; d++) {
        long n = total * (d + 1) / days - total * d / days;
        Instant day = window.start().plus(Duration.ofDays(d));
        for (long i = 0; i < n; i++) {
          conversation(day.plusSeconds(6 * 3600 + rng.nextInt(14 * 3600)));
        }
      }
    }

    private void conversation(Instant t) throws IOException {
      int r = rng.nextInt(100);
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
      Customer c = pick(cast.customers);
      TeamMember owner = c.owner();
      List<Addr> team = new ArrayList<>();
      boolean viaAlias = owner.companyAlias() != null && rng.nextInt(10) < 3;
      team.add(new Addr(viaAlias ? owner.companyAlias() : owner.email(), owner.person()));
      if (c.partner() != null && rng.nextInt(10) < 3) {
        team.add(Addr.of(c.partner()));
      }
      List<Addr> contacts = new ArrayList<>();
      for (User u : distinctUsers(c, rng.nextInt(10) < 3 ? 2 : 1)) {
        contacts.add(Addr.of(u));
      }
      if (rng.nextInt(100) < 6) {
        contacts.add(new Addr(pick(ROLE_ADDRESSES) + "@" + c.domains().get(0), null));
      }
      List<Addr> everyone = new ArrayList<>(team);
      everyone.addAll(contacts);
      if (owner.gmailAlias() != null && rng.nextInt(100) < 10) {
        everyone.add(new Addr(owner.gmailAlias(), owner.person()));
      }

      Conversation conv = new Conversation(customerSubject(c), t);
      boolean teamSpeaks = !inbound;
      int length = threadLength();
      for (int k = 0; k < length; k++) {
        List<Addr> side = teamSpeaks ? team : contacts;
        Addr from = side.size() > 1 && rng.nextInt(4) == 0 ? side.get(1) : side.get(0);
        Addr to = conv.lastFrom != null ? conv.lastFrom : (teamSpeaks ? contacts : team).get(0);
        Email e = new Email(Kind.CUSTOMER, from, pick(teamSpeaks ? TEAM_LINES : CONTACT_LINES));
        e.to.add(to);
        for (Addr a : everyone) {
          if (!a.equals(from) && !a.equals(to)) {
            e.cc.add(a);
          }
        }
        if (k == 0 && teamSpeaks && rng.nextInt(4) == 0) {
          addBcc(e, everyone);
        }
        send(conv, e);
        teamSpeaks = !teamSpeaks;
        if (!advance(conv, teamSpeaks)) {
          return;
        }
      }
    }

    /** A contact writes to the team's group address; a copy lands in every mailbox. */
    private void groupInbound(Instant t) throws IOException {
      Customer c = pick(cast.customers);
      Addr contact = Addr.of(pick(c.users()));
      Conversation conv = new Conversation(customerSubject(c), t);
      Email first = new Email(Kind.CUSTOMER, contact, pick(CONTACT_LINES));
      first.to.add(new Addr(TEAM_GROUP, null));
      send(conv, first);
      if (rng.nextBoolean() && advance(conv, true)) {
        Email reply = new Email(Kind.CUSTOMER, Addr.of(c.owner()), pick(TEAM_LINES));
        reply.to.add(contact);
        send(conv, reply);
      }
    }

    /** Team members among themselves, sometimes about a customer: never an interaction. */
    private void internalThread(Instant t) throws IOException {
      if (cast.team.size() < 2) {
        customerThread(t, false);
        return;
      }
      TeamMember sender = pick(cast.connected);
      List<Addr> people = new ArrayList<>();
      people.add(Addr.of(sender));
      int others = 1 + rng.nextInt(Math.min(2, cast.team.size() - 1));
      int start = rng.nextInt(cast.team.size());
      for (int i = 0; people.size() <= others && i < cast.team.size(); i++) {
        TeamMember m = cast.team.get((start + i) % cast.team.size());
        if (m != sender) {
          // Now and then to a colleague's personal address: internal, but no mailbox copy.
          boolean personal = m.gmailAlias() != null && rng.nextInt(5) == 0;
          people.add(personal ? new Addr(m.gmailAlias(), m.person()) : Addr.of(m));
        }
      }
      String subject = String.format(pick(INTERNAL_SUBJECTS), pick(cast.customers).name());
      Conversation conv = new Conversation(subject, t);
      boolean groupSyntax = people.size() > 2 && rng.nextInt(4) == 0;
      int length = 1 + rng.nextInt(3);
      for (int k = 0; k < length; k++) {
        Addr from = k == 0 ? people.get(0) : pickOther(people, conv.lastFrom);
        if (!mailboxOf(from)) {
          return; // a personal address does not reply from the work mailbox
        }
        Email e = new Email(Kind.INTERNAL, from, pick(INTERNAL_LINES));
        e.to.add(k == 0 ? people.get(1) : conv.lastFrom);
        for (Addr a : people) {
          if (!a.equals(from) && !e.to.contains(a)) {
            e.cc.add(a);
          }
        }
        if (groupSyntax && k == 0) {
          e.toHeader = "CS Team: " + renderAll(concat(e.to, e.cc)) + ";";
          e.to.addAll(e.cc);
          e.cc.clear();
        }
        send(conv, e);
        if (!advance(conv, true)) {
          return;
        }
      }
    }

    /** A no-reply sender: to one member, or Bcc'd to several under undisclosed-recipients. */
    private void newsletter(Instant t) throws IOException {
      Person sender = pick(NEWSLETTERS);
      Conversation conv = new Conversation(pick(NEWSLETTER_SUBJECTS), t);
      Email e = new Email(Kind.NEWSLETTER, new Addr(sender.email(), sender),
          "This week: new dashboards, faster exports and three customer stories.");
      if (rng.nextInt(10) < 3) {
        e.toHeader = "undisclosed-recipients:;";
        List<TeamMember> reached = new ArrayList<>();
        for (TeamMember m : cast.team) {
          if (rng.nextBoolean()) {
            reached.add(m);
          }
        }
        e.quietlyTo = reached.isEmpty() ? List.of(pick(cast.connected)) : reached;
      } else {
        e.to.add(Addr.of(pick(cast.connected)));
      }
      send(conv, e);
    }

    /** A recruiter or vendor writes to a team member with a customer contact cc'd. */
    private void thirdParty(Instant t) throws IOException {
      Person sender = pick(THIRD_PARTIES);
      Addr from = new Addr(sender.email(), sender);
      TeamMember member = pick(cast.connected);
      Addr contact = Addr.of(pick(cast.users));
      Conversation conv = new Conversation(pick(THIRD_PARTY_SUBJECTS), t);
      Email e = new Email(Kind.THIRD_PARTY, from,
          "I thought you two should meet: happy to set up a call next week.");
      e.to.add(Addr.of(member));
      e.cc.add(contact);
      send(conv, e);
      if (rng.nextInt(3) == 0 && advance(conv, true)) {
        Email reply = new Email(Kind.CUSTOMER, Addr.of(member), "Thanks for the intro!");
        reply.to.add(from);
        reply.cc.add(contact);
        send(conv, reply);
      }
    }

    /** A message that was never sent: only in its author's mailbox, labelled DRAFT. */
    private void draft(Instant t) throws IOException {
      TeamMember author = pick(cast.connected);
      Customer c = pick(cast.customers);
      Conversation conv = new Conversation(customerSubject(c), t);
      Email e = new Email(Kind.DRAFT, Addr.of(author), pick(TEAM_LINES));
      e.to.add(Addr.of(pick(c.users())));
      send(conv, e);
    }

    // ---- one message, all its copies

    private void send(Conversation conv, Email e) throws IOException {
      List<Copy> copies = copies(e);
      if (copies.isEmpty()) {
        return; // no connected mailbox holds it: it does not exist for the pipeline
      }
      long n = ++messages;
      // A few messages carry no Message-ID (some old mailers): keyed per mailbox downstream.
      String messageId = n % 71 == 17 ? null : messageId(e.from.email(), n);
      String subject = conv.isReply() ? replyPrefix() + conv.subject : conv.subject;
      String body = body(conv, e);
      List<String[]> headers = headers(conv, e, messageId, subject);
      String snippet = snippet(body);
      int size = body.getBytes(StandardCharsets.UTF_8).length;
      int sizeEstimate = size + headerLength(headers) + 1800 + rng.nextInt(1200);
      String data = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(body.getBytes(StandardCharsets.UTF_8));

      long sentAt = conv.time.toEpochMilli();
      for (Copy c : copies) {
        String mailbox = c.owner().email();
        MailboxState box = mailboxes.get(mailbox);
        String id = String.format("%016x", box.idBase + (++box.sequence << 12) + rng.nextInt(4096));
        String threadId = conv.threadIds.computeIfAbsent(mailbox, k -> id);
        List<String> labels = labels(e.kind, c.sent());
        box.historyId += 1 + rng.nextInt(40);
        long historyId = box.historyId;
        long internalDate = c.sent() ? sentAt : sentAt + 1000 + rng.nextInt(6000);
        sinks.write(mailbox, g -> {
          g.writeStartObject();
          g.writeStringField("id", id);
          g.writeStringField("threadId", threadId);
          g.writeArrayFieldStart("labelIds");
          for (String l : labels) {
            g.writeString(l);
          }
          g.writeEndArray();
          g.writeStringField("snippet", snippet);
          g.writeStringField("historyId", Long.toString(historyId));
          g.writeStringField("internalDate", Long.toString(internalDate));
          g.writeNumberField("sizeEstimate", sizeEstimate);
          g.writeObjectFieldStart("payload");
          g.writeStringField("partId", "");
          g.writeStringField("mimeType", "text/plain");
          g.writeStringField("filename", "");
          g.writeArrayFieldStart("headers");
          if (!c.sent()) {
            header(g, "Delivered-To", mailbox);
          }
          for (String[] h : headers) {
            if (c.sent() || !h[0].equals("Bcc")) { // Bcc survives only in the sender's copy
              header(g, h[0], h[1]);
            }
          }
          g.writeEndArray();
          g.writeObjectFieldStart("body");
          g.writeNumberField("size", size);
          g.writeStringField("data", data);
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        });
      }
      if (messageId != null) {
        conv.messageIds.add(messageId);
      }
      conv.lastMessageId = messageId;
      conv.lastTime = conv.time;
      conv.lastLine = e.line;
      conv.lastFrom = e.from;
    }

    /** The sender's mailbox (SENT) first, then each recipient's, once per mailbox. */
    private List<Copy> copies(Email e) {
      List<Copy> out = new ArrayList<>();
      Set<String> seen = new HashSet<>(); // lookups only
      for (TeamMember m : cast.mailboxesReachedBy(e.from.email())) {
        if (m.connected() && seen.add(m.email())) {
          out.add(new Copy(m, true));
        }
      }
      if (e.kind == Kind.DRAFT) {
        return out;
      }
      List<TeamMember> reached = new ArrayList<>();
      for (Addr a : concat(concat(e.to, e.cc), e.bcc)) {
        reached.addAll(cast.mailboxesReachedBy(a.email()));
      }
      reached.addAll(e.quietlyTo);
      for (TeamMember m : reached) {
        if (m.connected() && seen.add(m.email())) {
          out.add(new Copy(m, false));
        }
      }
      return out;
    }

    /** Gmail's labels for one copy; now and then a copy is spam or trash. */
    private List<String> labels(Kind kind, boolean sent) {
      if (kind == Kind.DRAFT) {
        return List.of("DRAFT");
      }
      if (sent) {
        return rng.nextInt(5) == 0 ? List.of("SENT", "IMPORTANT") : List.of("SENT");
      }
      int r = rng.nextInt(100);
      List<String> labels = new ArrayList<>();
      switch (kind) {
        case NEWSLETTER:
          if (r < 15) {
            return List.of("SPAM");
          }
          addIf(labels, r < 70, "UNREAD");
          labels.add(r % 2 == 0 ? "CATEGORY_PROMOTIONS" : "CATEGORY_UPDATES");
          break;
        case THIRD_PARTY:
          if (r < 20) {
            return List.of("SPAM", "UNREAD");
          }
          addIf(labels, r < 60, "UNREAD");
          labels.add("CATEGORY_PERSONAL");
          break;
        default:
          if (r < 2) {
            return List.of("SPAM", "CATEGORY_PERSONAL");
          }
          if (r < 5) {
            return List.of("TRASH", "CATEGORY_PERSONAL");
          }
          addIf(labels, r < 30, "UNREAD");
          addIf(labels, kind == Kind.CUSTOMER ? r % 2 == 0 : r % 3 == 0, "IMPORTANT");
          labels.add("CATEGORY_PERSONAL");
      }
      labels.add("INBOX");
      return labels;
    }

    /** Header order as Gmail shows a message from a Google Workspace sender. */
    private List<String[]> headers(Conversation conv, Email e, String messageId, String subject) {
      List<String[]> h = new ArrayList<>();
      h.add(new String[] {"MIME-Version", "1.0"});
      h.add(new String[] {"Date", RFC_5322.format(conv.time.atZone(e.from.zone()))});
      if (!conv.messageIds.isEmpty()) {
        h.add(new String[] {"References", String.join(" ", conv.messageIds)});
      }
      if (conv.lastMessageId != null) {
        h.add(new String[] {"In-Reply-To", conv.lastMessageId});
      }
      if (messageId != null) {
        // Some mailers spell it Message-Id: header names are case-insensitive.
        String name = messageId.endsWith(".com>") ? "Message-ID" : "Message-Id";
        h.add(new String[] {name, messageId});
      }
      h.add(new String[] {"Subject", isAscii(subject) ? subject : encodedWord(subject, false)});
      h.add(new String[] {"From", render(e.from)});
      String to = e.toHeader != null ? e.toHeader : renderAll(e.to);
      if (!to.isEmpty()) {
        h.add(new String[] {"To", to});
      }
      if (!e.cc.isEmpty()) {
        h.add(new String[] {"Cc", renderAll(e.cc)});
      }
      if (!e.bcc.isEmpty()) {
        h.add(new String[] {"Bcc", renderAll(e.bcc)});
      }
      h.add(new String[] {"Content-Type", "text/plain; charset=\"UTF-8\""});
      return h;
    }

    /** Message-IDs in the styles of Gmail, Amazon SES and generic MTAs; unique via {@code n}. */
    private String messageId(String from, long n) {
      String domain = from.substring(from.indexOf('@') + 1);
      if (domain.equals(COMPANY_DOMAIN) || domain.equals("gmail.com")) {
        return "<CA" + token(40) + "@mail.gmail.com>";
      }
      if (domain.endsWith(".example")) {
        return "<0100019" + hex(9) + "-" + hex(8) + "-" + hex(4) + "-" + hex(12)
            + "-000000@email.amazonses.com>";
      }
      return "<" + hex(12) + "." + n + ".m" + token(6) + "@" + domain + ">";
    }

    private String body(Conversation conv, Email e) {
      StringBuilder sb = new StringBuilder();
      if (e.kind != Kind.NEWSLETTER) {
        sb.append("Hi ").append(e.to.isEmpty() ? "team" : e.to.get(0).firstName()).append(",\n\n");
      }
      sb.append(e.line).append("\n\n");
      sb.append(e.kind == Kind.NEWSLETTER ? "Unsubscribe: https://some-saas.example/u"
          : "Best,\n" + e.from.firstName()).append('\n');
      if (conv.isReply()) {
        sb.append("\nOn ").append(RFC_5322.format(conv.lastTime.atZone(ZoneOffset.UTC)))
            .append(", ").append(conv.lastFrom.email()).append(" wrote:\n> ")
            .append(conv.lastLine).append('\n');
      }
      return sb.toString();
    }

    /** Gmail's snippet: the start of the text on one line, HTML-escaped. */
    private static String snippet(String body) {
      String text = body.replaceAll("\\s+", " ").trim();
      text = text.length() > 100 ? text.substring(0, 100) : text;
      return text.replace("&", "&amp;").replace("'", "&#39;").replace("<", "&lt;")
          .replace(">", "&gt;");
    }

    private String render(Addr a) {
      // Some clients and typists shout addresses: the pipeline lower-cases them.
      String email = rng.nextInt(25) == 0 ? a.email().toUpperCase(Locale.ROOT) : a.email();
      Person p = a.person();
      if (p == null || p.displayName().isEmpty()) {
        return email;
      }
      switch (p.style()) {
        case NAME:
          return quoteIfNeeded(p.displayName()) + " <" + email + ">";
        case LAST_FIRST:
          return "\"" + p.last() + ", " + p.first() + "\" <" + email + ">";
        case ENCODED:
          return encodedWord(p.displayName(), p.email().length() % 2 == 0) + " <" + email + ">";
        default:
          return email;
      }
    }

    private String renderAll(List<Addr> addrs) {
      StringBuilder sb = new StringBuilder();
      for (Addr a : addrs) {
        sb.append(sb.length() == 0 ? "" : ", ").append(render(a));
      }
      return sb.toString();
    }

    // ---- small helpers

    /** Moves the conversation to its next message's time; false when that is past the end. */
    private boolean advance(Conversation conv, boolean teamReplies) {
      int minutes = teamReplies ? 15 + rng.nextInt(26 * 60) : 30 + rng.nextInt(72 * 60);
      conv.time = conv.time.plusSeconds(minutes * 60L + rng.nextInt(60));
      return conv.time.isBefore(window.end().minusSeconds(60));
    }

    /** A connected team member outside the conversation, Bcc'd by the sender. */
    private void addBcc(Email e, List<Addr> everyone) {
      TeamMember m = pick(cast.connected);
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
      int r = rng.nextInt(100);
      for (int i = 0; i < THREAD_LENGTH_WEIGHTS.length; i++) {
        r -= THREAD_LENGTH_WEIGHTS[i];
        if (r < 0) {
          return i + 1;
        }
      }
      return THREAD_LENGTH_WEIGHTS.length;
    }

    private String customerSubject(Customer c) {
      String topic = pick(CUSTOMER_SUBJECTS);
      return rng.nextInt(3) == 0 ? c.name() + ": " + topic : topic;
    }

    private String replyPrefix() {
      int r = rng.nextInt(100);
      return r < 85 ? "Re: " : r < 93 ? "RE: " : r < 97 ? "AW: " : "Re: Re: ";
    }

    private List<User> distinctUsers(Customer c, int n) {
      List<User> out = new ArrayList<>();
      int start = rng.nextInt(c.users().size());
      for (int i = 0; i < c.users().size() && out.size() < n; i++) {
        User u = c.users().get((start + i) % c.users().size());
        if (out.stream().noneMatch(o -> o.email().equals(u.email()))) {
          out.add(u);
        }
      }
      return out;
    }

    private Addr pickOther(List<Addr> people, Addr not) {
      Addr a;
      do {
        a = pick(people);
      } while (a.equals(not));
      return a;
    }

    private <T> T pick(List<T> items) {
      return items.get(rng.nextInt(items.size()));
    }

    private <T> T pick(T[] items) {
      return items[rng.nextInt(items.length)];
    }

    private String hex(int n) {
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append(Character.forDigit(rng.nextInt(16), 16));
      }
      return sb.toString();
    }

    private String token(int n) {
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+";
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
      }
      return sb.toString();
    }

    private static void addIf(List<String> labels, boolean condition, String label) {
      if (condition) {
        labels.add(label);
      }
    }

    private static int headerLength(List<String[]> headers) {
      int n = 0;
      for (String[] h : headers) {
        n += h[0].length() + h[1].length() + 4;
      }
      return n;
    }

    private static void header(JsonGenerator g, String name, String value) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", name);
      g.writeStringField("value", value);
      g.writeEndObject();
    }
  }

  // ------------------------------------------------------------------ calendar

  /**
   * Calendar events as the API returns them with {@code singleEvents=true}: one resource per
   * occurrence, written to the calendar of every connected team member on the invitation.
   */
  private static final class CalendarStream {
    private static final String[][] ROOMS = {
      {"Lisbon HQ-2-Tejo (8)", "c_1886a8dbf0e5b3c2@resource.calendar.google.com"},
      {"Lisbon HQ-3-Douro (4)", "c_18843f1e2a7c90d5@resource.calendar.google.com"},
      {"Berlin-1-Spree (6)", "c_1889b2c4d6e8f0a1@resource.calendar.google.com"},
    };
    private static final String[] CUSTOMER_MEETINGS = {
      "%s QBR", "%s renewal discussion", "Onboarding: %s", "%s technical deep-dive",
      "Intro call — %s x Helio",
    };
    private static final String[] INTERNAL_MEETINGS = {
      "Pipeline review", "Renewal forecast", "Account planning: %s", "CS team retro",
      "Escalation sync: %s",
    };
    private static final LocalTime[] CHECK_IN_TIMES = {
      LocalTime.of(10, 0), LocalTime.of(15, 30), LocalTime.of(16, 0),
    };
    private static final String BASE32HEX = "0123456789abcdefghijklmnopqrstuv";

    private record Attendee(
        String email, String displayName, String response, boolean organizer, boolean resource) {
      static Attendee of(Person p, String response) {
        String name = p.style() == NameStyle.PLAIN ? null : p.displayName();
        return new Attendee(p.email(), name, response, false, false);
      }

      static Attendee room(String[] room) {
        return new Attendee(room[1], room[0], "accepted", false, true);
      }

      Attendee withResponse(String r) {
        return new Attendee(email, displayName, r, organizer, resource);
      }

      Attendee asOrganizer() {
        return new Attendee(email, displayName, response, true, resource);
      }
    }

    /** One occurrence; {@code stale} is an older state that copies other than the latest show. */
    private static final class Event {
      String id;
      String iCalUID;
      String status = "confirmed";
      String summary;
      String location;
      String eventType = "default";
      String workingLocation; // officeLocation label, or null for home office
      Person organizer;
      ZonedDateTime start;
      ZonedDateTime end;
      LocalDate allDay; // set for one-day all-day events instead of start/end
      String recurringEventId;
      ZonedDateTime originalStart;
      List<Attendee> attendees = new ArrayList<>();
      Instant created;
      Instant updated;
      int sequence;
      Event stale;

      Event copy() {
        Event e = new Event();
        e.id = id;
        e.iCalUID = iCalUID;
        e.status = status;
        e.summary = summary;
        e.location = location;
        e.eventType = eventType;
        e.workingLocation = workingLocation;
        e.organizer = organizer;
        e.start = start;
        e.end = end;
        e.allDay = allDay;
        e.recurringEventId = recurringEventId;
        e.originalStart = originalStart;
        e.attendees = new ArrayList<>(attendees);
        e.created = created;
        e.updated = updated;
        e.sequence = sequence;
        return e;
      }
    }

    private final Cast cast;
    private final Options options;
    private final Window window;
    private final SplittableRandom rng;
    private final JsonlSinks sinks;

    CalendarStream(
        Cast cast, Options options, Window window, SplittableRandom rng, JsonlSinks sinks) {
      this.cast = cast;
      this.options = options;
      this.window = window;
      this.rng = rng;
      this.sinks = sinks;
    }

    void writeAll() throws IOException {
      weeklyCheckIns();
      customerMeetings();
      onsiteVisits();
      thirdPartyMeetings();
      internalMeetings();
      personalEvents();
    }

    // ---- kinds of events

    /** Every third customer has a weekly check-in, expanded into instances up to the horizon. */
    private void weeklyCheckIns() throws IOException {
      for (int i = 0; i < cast.customers.size(); i += 3) {
        Customer c = cast.customers.get(i);
        TeamMember owner = c.owner();
        List<Attendee> people = new ArrayList<>();
        people.add(Attendee.of(owner.person(), "accepted").asOrganizer());
        for (User u : distinctUsers(c, 2)) {
          people.add(Attendee.of(u.person(), "accepted"));
        }
        if (c.partner() != null && rng.nextBoolean()) {
          people.add(Attendee.of(c.partner().person(), "accepted"));
        }
        String[] room = i == 0 || rng.nextInt(3) == 0 ? pick(ROOMS) : null;
        if (room != null) {
          people.add(Attendee.room(room));
        }
        ZoneId zone = owner.person().zone();
        DayOfWeek day = DayOfWeek.of(2 + rng.nextInt(3));
        ZonedDateTime first = window.start().atZone(zone)
            .with(TemporalAdjusters.nextOrSame(day)).with(pick(CHECK_IN_TIMES));
        if (first.toInstant().isBefore(window.start())) {
          first = first.plusWeeks(1);
        }
        String base = eventId();
        Instant created = first.toInstant().minus(Duration.ofDays(7 + rng.nextInt(21)));
        Instant seriesUpdated = created.plus(Duration.ofHours(2 + rng.nextInt(48)));
        int k = 0;
        for (ZonedDateTime occ = first; occ.toInstant().isBefore(window.horizon());
            occ = occ.plusWeeks(1), k++) {
          Event ev = new Event();
          ev.id = base + "_" + INSTANCE_SUFFIX.format(occ.toInstant());
          ev.iCalUID = base + "@google.com";
          ev.recurringEventId = base;
          ev.originalStart = occ;
          ev.summary = c.name() + " <> Helio weekly check-in";
          ev.location = room == null ? null : room[0];
          ev.organizer = owner.person();
          ev.start = occ;
          ev.end = occ.plusMinutes(30);
          ev.attendees = new ArrayList<>(people);
          ev.created = created;
          ev.updated = seriesUpdated;
          vary(ev, k);
          writeCopies(ev);
        }
      }
    }

    /** Instance exceptions: the third (and a few more) cancelled, some moved, some declined. */
    private void vary(Event ev, int k) {
      Instant occ = ev.originalStart.toInstant();
      if (k == 2 || rng.nextInt(100) < 7) {
        ev.status = "cancelled";
        ev.sequence = 1;
        ev.updated = changed(ev.updated, occ);
        return;
      }
      if (rng.nextInt(100) < 5) {
        ev.start = ev.start.plusDays(1); // moved; originalStartTime keeps its identity
        ev.end = ev.end.plusDays(1);
        ev.sequence = 1;
        ev.updated = changed(ev.updated, occ);
      }
      if (k == 1 || rng.nextInt(100) < 15) {
        declineOneContact(ev);
      }
    }

    /** Customer meetings over the whole window, plus a few in the two weeks after its end. */
    private void customerMeetings() throws IOException {
      long count = Math.round(cast.customers.size() * options.months() * 0.6);
      long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
      for (long n = 0; n < count; n++) {
        customerMeeting(weekday(window.start(), days));
      }
      int future = Math.max(2, cast.customers.size() / 3);
      for (int n = 0; n < future; n++) {
        customerMeeting(weekday(window.end().plus(Duration.ofDays(1)), 10));
      }
    }

    private void customerMeeting(LocalDate date) throws IOException {
      Customer c = pick(cast.customers);
      TeamMember owner = c.owner();
      List<User> contacts = distinctUsers(c, 1 + rng.nextInt(3));
      boolean customerOrganizes = rng.nextInt(4) == 0;
      Person organizer = customerOrganizes ? contacts.get(0).person() : owner.person();
      Event ev = new Event();
      ev.id = eventId();
      ev.iCalUID = customerOrganizes ? outlookUid() : ev.id + "@google.com";
      ev.summary = String.format(pick(CUSTOMER_MEETINGS), c.name());
      ev.organizer = organizer;
      ev.start = date.atTime(9 + rng.nextInt(8), rng.nextBoolean() ? 0 : 30)
          .atZone(organizer.zone());
      ev.end = ev.start.plusMinutes(30L * (1 + rng.nextInt(2)));
      ev.attendees.add(Attendee.of(organizer, "accepted").asOrganizer());
      if (customerOrganizes) {
        ev.attendees.add(Attendee.of(owner.person(), rng.nextBoolean() ? "accepted" : "tentative"));
      }
      for (User u : contacts.subList(customerOrganizes ? 1 : 0, contacts.size())) {
        ev.attendees.add(Attendee.of(u.person(), rng.nextInt(5) == 0 ? "needsAction" : "accepted"));
      }
      if (c.partner() != null && rng.nextInt(10) < 3) {
        ev.attendees.add(Attendee.of(c.partner().person(), "accepted"));
      }
      if (!customerOrganizes && rng.nextInt(4) == 0) {
        String[] room = pick(ROOMS);
        ev.attendees.add(Attendee.room(room));
        ev.location = room[0];
      }
      stamp(ev, ev.start.toInstant());
      if (rng.nextInt(100) < 7) {
        ev.status = "cancelled";
        ev.sequence = 1;
        ev.updated = changed(ev.updated, ev.start.toInstant());
      } else if (rng.nextInt(100) < 20) {
        declineOneContact(ev);
      } else if (rng.nextInt(100) < 15) {
        Event stale = ev.copy(); // renamed later: older copies still show the first title
        stale.summary = c.name() + " sync";
        ev.updated = changed(ev.updated, ev.start.toInstant());
        ev.stale = stale;
      }
      writeCopies(ev);
    }

    /** All-day visits at some customers: they start at 00:00 UTC of their date downstream. */
    private void onsiteVisits() throws IOException {
      long days = window.days();
      for (int i = 1; i < cast.customers.size(); i += 4) {
        Customer c = cast.customers.get(i);
        Event ev = new Event();
        ev.id = eventId();
        ev.iCalUID = ev.id + "@google.com";
        ev.summary = "Onsite visit: " + c.name();
        ev.organizer = c.owner().person();
        ev.allDay = weekday(window.start(), days);
        ev.attendees.add(Attendee.of(ev.organizer, "accepted").asOrganizer());
        ev.attendees.add(Attendee.of(c.users().get(0).person(), "accepted"));
        stamp(ev, ev.allDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        writeCopies(ev);
      }
    }

    /** A vendor or recruiter invites a team member and a customer contact. */
    private void thirdPartyMeetings() throws IOException {
      int count = Math.max(1, cast.customers.size() / 4);
      long days = window.days();
      for (int n = 0; n < count; n++) {
        Person organizer = pick(THIRD_PARTIES);
        Event ev = new Event();
        ev.id = eventId();
        ev.iCalUID = outlookUid();
        ev.summary = organizer.first() + " x Helio: introductions";
        ev.organizer = organizer;
        ev.start = weekday(window.start(), days).atTime(11, 0).atZone(organizer.zone());
        ev.end = ev.start.plusMinutes(30);
        ev.attendees.add(Attendee.of(organizer, "accepted").asOrganizer());
        ev.attendees.add(Attendee.of(pick(cast.connected).person(), "accepted"));
        ev.attendees.add(Attendee.of(pick(cast.users).person(), "needsAction"));
        stamp(ev, ev.start.toInstant());
        writeCopies(ev);
      }
    }

    /** Team-only meetings, often in a room: never interactions. */
    private void internalMeetings() throws IOException {
      if (cast.team.size() < 2) {
        return;
      }
      long count = Math.max(1, cast.team.size() * options.months() / 2);
      long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
      for (long n = 0; n < count; n++) {
        TeamMember organizer = pick(cast.connected);
        Event ev = new Event();
        ev.id = eventId();
        ev.iCalUID = ev.id + "@google.com";
        ev.summary = String.format(pick(INTERNAL_MEETINGS), pick(cast.customers).name());
        ev.organizer = organizer.person();
        ev.start = weekday(window.start(), days).atTime(9 + rng.nextInt(8), 0)
            .atZone(organizer.person().zone());
        ev.end = ev.start.plusMinutes(30L * (1 + rng.nextInt(2)));
        ev.attendees.add(Attendee.of(organizer.person(), "accepted").asOrganizer());
        int others = 1 + rng.nextInt(Math.min(3, cast.team.size() - 1));
        int startAt = rng.nextInt(cast.team.size());
        for (int i = 0; i < cast.team.size() && ev.attendees.size() <= others; i++) {
          TeamMember m = cast.team.get((startAt + i) % cast.team.size());
          if (m != organizer) {
            String response = rng.nextInt(6) == 0 ? "declined" : "accepted";
            ev.attendees.add(Attendee.of(m.person(), response));
          }
        }
        if (rng.nextInt(10) < 4) {
          String[] room = pick(ROOMS);
          ev.attendees.add(Attendee.room(room));
          ev.location = room[0];
        }
        stamp(ev, ev.start.toInstant());
        writeCopies(ev);
      }
    }

    /** Out-of-office, focus time and working location: in their owner's calendar only. */
    private void personalEvents() throws IOException {
      long days = Duration.between(window.start(), window.horizon()).toDays() - 2;
      for (TeamMember m : cast.connected) {
        ZoneId zone = m.person().zone();
        for (int n = 0; n < (options.months() + 1) / 2; n++) {
          Event ev = personal(m, "outOfOffice", "Out of office");
          ev.start = weekday(window.start(), days).atStartOfDay(zone);
          ev.end = ev.start.plusDays(1 + rng.nextInt(3));
          writePersonal(m, ev);
        }
        for (int n = 0; n < (options.months() + 2) / 3; n++) {
          Event ev = personal(m, "focusTime", "Focus time");
          ev.start = weekday(window.start(), days).atTime(13, 0).atZone(zone);
          ev.end = ev.start.plusHours(2);
          writePersonal(m, ev);
        }
        Event ev = personal(m, "workingLocation", rng.nextBoolean() ? "Home" : "Office");
        ev.workingLocation = ev.summary.equals("Office") ? "Lisbon HQ" : null;
        ev.allDay = weekday(window.start(), days);
        writePersonal(m, ev);
      }
    }

    private Event personal(TeamMember m, String type, String summary) {
      Event ev = new Event();
      ev.id = eventId();
      ev.iCalUID = ev.id + "@google.com";
      ev.eventType = type;
      ev.summary = summary;
      ev.organizer = m.person();
      return ev;
    }

    private void writePersonal(TeamMember m, Event ev) throws IOException {
      Instant at = ev.allDay != null ? ev.allDay.atStartOfDay(ZoneOffset.UTC).toInstant()
          : ev.start.toInstant();
      stamp(ev, at);
      sinks.write(m.email(), g -> writeEvent(g, ev, ev.updated, m));
    }

    // ---- copies

    /**
     * One copy per connected team member on the invitation (organizer, attendees, decliners
     * too). One copy, at random, carries the latest {@code updated} and the current state; the
     * others are a little older and, when the event changed, show its previous state.
     */
    private void writeCopies(Event ev) throws IOException {
      List<TeamMember> holders = new ArrayList<>();
      addHolder(holders, ev.organizer.email());
      for (Attendee a : ev.attendees) {
        if (!a.resource()) {
          addHolder(holders, a.email());
        }
      }
      if (holders.isEmpty()) {
        return;
      }
      int latest = rng.nextInt(holders.size());
      for (int i = 0; i < holders.size(); i++) {
        TeamMember owner = holders.get(i);
        Event version = i == latest || ev.stale == null ? ev : ev.stale;
        Instant updated = i == latest ? ev.updated
            : max(ev.created, version.updated.minusSeconds(60 + rng.nextInt(3540)));
        sinks.write(owner.email(), g -> writeEvent(g, version, updated, owner));
      }
    }

    private void addHolder(List<TeamMember> holders, String email) {
      for (TeamMember m : cast.mailboxesReachedBy(email)) {
        if (m.connected() && !holders.contains(m)) {
          holders.add(m);
        }
      }
    }

    /** The last contact declines; older copies still show the earlier answer. */
    private void declineOneContact(Event ev) {
      for (int i = ev.attendees.size() - 1; i >= 0; i--) {
        Attendee a = ev.attendees.get(i);
        if (!a.resource() && !a.organizer() && !a.email().endsWith("@" + COMPANY_DOMAIN)) {
          ev.stale = ev.copy();
          ev.attendees.set(i, a.withResponse("declined"));
          ev.updated = changed(ev.updated, ev.originalStart != null
              ? ev.originalStart.toInstant() : ev.start.toInstant());
          return;
        }
      }
    }

    /** Created before the event and before the sample's end; first saved soon after. */
    private void stamp(Event ev, Instant at) {
      Instant created = at.minus(Duration.ofDays(1 + rng.nextInt(20)))
          .minusSeconds(rng.nextInt(86_400));
      Instant latest = window.end().minus(Duration.ofDays(3));
      ev.created = created.isAfter(latest) ? latest.minusSeconds(rng.nextInt(86_400)) : created;
      ev.updated = ev.created.plus(Duration.ofHours(2)).plusSeconds(rng.nextInt(86_400));
    }

    /** When a change was saved: before the occurrence and the sample's end, after the last save. */
    private Instant changed(Instant previous, Instant occurrence) {
      Instant t = occurrence.minus(Duration.ofHours(1 + rng.nextInt(72)));
      Instant cap = window.end().minus(Duration.ofHours(1));
      if (t.isAfter(cap)) {
        t = cap.minusSeconds(rng.nextInt(3600));
      }
      Instant floor = previous.plus(Duration.ofHours(1));
      return t.isBefore(floor) ? floor.plusSeconds(rng.nextInt(3600)) : t;
    }

    private void writeEvent(JsonGenerator g, Event ev, Instant updated, TeamMember owner)
        throws IOException {
      boolean ownEvent = ev.organizer.email().equals(owner.email());
      g.writeStartObject();
      g.writeStringField("kind", "calendar#event");
      g.writeStringField("etag", "\"" + (3_000_000_000_000_000L + updated.toEpochMilli()) + "\"");
      g.writeStringField("id", ev.id);
      g.writeStringField("status", ev.status);
      g.writeStringField("created", RFC_3339_UTC.format(ev.created));
      g.writeStringField("updated", RFC_3339_UTC.format(updated));
      g.writeStringField("summary", ev.summary);
      if (ev.location != null) {
        g.writeStringField("location", ev.location);
      }
      person(g, "creator", ev.organizer, ownEvent);
      person(g, "organizer", ev.organizer, ownEvent);
      if (ev.allDay != null) {
        date(g, "start", ev.allDay);
        date(g, "end", ev.allDay.plusDays(1)); // exclusive, as the API writes it
      } else {
        dateTime(g, "start", ev.start);
        dateTime(g, "end", ev.end);
      }
      if (ev.recurringEventId != null) {
        g.writeStringField("recurringEventId", ev.recurringEventId);
        dateTime(g, "originalStartTime", ev.originalStart);
      }
      if (ev.eventType.equals("workingLocation")) {
        g.writeStringField("transparency", "transparent");
        g.writeStringField("visibility", "public");
      }
      g.writeStringField("iCalUID", ev.iCalUID);
      g.writeNumberField("sequence", ev.sequence);
      if (!ev.attendees.isEmpty()) {
        g.writeArrayFieldStart("attendees");
        for (Attendee a : ev.attendees) {
          attendee(g, a, a.email().equals(owner.email()));
        }
        g.writeEndArray();
      }
      g.writeObjectFieldStart("reminders");
      g.writeBooleanField("useDefault", true);
      g.writeEndObject();
      g.writeStringField("eventType", ev.eventType);
      typeProperties(g, ev);
      g.writeEndObject();
    }

    private static void typeProperties(JsonGenerator g, Event ev) throws IOException {
      switch (ev.eventType) {
        case "outOfOffice":
          g.writeObjectFieldStart("outOfOfficeProperties");
          g.writeStringField("autoDeclineMode", "declineOnlyNewConflictingInvitations");
          g.writeStringField("declineMessage", "I am out of office and will reply when back.");
          g.writeEndObject();
          break;
        case "focusTime":
          g.writeObjectFieldStart("focusTimeProperties");
          g.writeStringField("autoDeclineMode", "declineNone");
          g.writeStringField("chatStatus", "doNotDisturb");
          g.writeEndObject();
          break;
        case "workingLocation":
          g.writeObjectFieldStart("workingLocationProperties");
          if (ev.workingLocation == null) {
            g.writeStringField("type", "homeOffice");
            g.writeObjectFieldStart("homeOffice");
            g.writeEndObject();
          } else {
            g.writeStringField("type", "officeLocation");
            g.writeObjectFieldStart("officeLocation");
            g.writeStringField("label", ev.workingLocation);
            g.writeEndObject();
          }
          g.writeEndObject();
          break;
        default:
          break;
      }
    }

    private static void person(JsonGenerator g, String field, Person p, boolean self)
        throws IOException {
      g.writeObjectFieldStart(field);
      g.writeStringField("email", p.email());
      if (p.style() != NameStyle.PLAIN && !p.displayName().isEmpty()) {
        g.writeStringField("displayName", p.displayName());
      }
      if (self) {
        g.writeBooleanField("self", true);
      }
      g.writeEndObject();
    }

    private static void attendee(JsonGenerator g, Attendee a, boolean self) throws IOException {
      g.writeStartObject();
      g.writeStringField("email", a.email());
      if (a.displayName() != null) {
        g.writeStringField("displayName", a.displayName());
      }
      if (a.organizer()) {
        g.writeBooleanField("organizer", true);
      }
      if (self) {
        g.writeBooleanField("self", true);
      }
      if (a.resource()) {
        g.writeBooleanField("resource", true);
      }
      g.writeStringField("responseStatus", a.response());
      g.writeEndObject();
    }

    private static void dateTime(JsonGenerator g, String field, ZonedDateTime t)
        throws IOException {
      g.writeObjectFieldStart(field);
      g.writeStringField("dateTime", RFC_3339_OFFSET.format(t));
      g.writeStringField("timeZone", t.getZone().getId());
      g.writeEndObject();
    }

    private static void date(JsonGenerator g, String field, LocalDate d) throws IOException {
      g.writeObjectFieldStart(field);
      g.writeStringField("date", d.toString());
      g.writeEndObject();
    }

    // ---- small helpers

    /** A Monday-to-Friday date within {@code days} (+2 for a weekend) days from {@code from}. */
    private LocalDate weekday(Instant from, long days) {
      LocalDate d = from.atZone(ZoneOffset.UTC).toLocalDate()
          .plusDays(rng.nextLong(Math.max(1, days)));
      DayOfWeek w = d.getDayOfWeek();
      return w == DayOfWeek.SATURDAY ? d.plusDays(2) : w == DayOfWeek.SUNDAY ? d.plusDays(1) : d;
    }

    private List<User> distinctUsers(Customer c, int n) {
      List<User> out = new ArrayList<>();
      int start = rng.nextInt(c.users().size());
      for (int i = 0; i < c.users().size() && out.size() < n; i++) {
        User u = c.users().get((start + i) % c.users().size());
        if (out.stream().noneMatch(o -> o.email().equals(u.email()))) {
          out.add(u);
        }
      }
      return out;
    }

    /** Google's event ids: 26 base32hex characters. */
    private String eventId() {
      StringBuilder sb = new StringBuilder(26);
      for (int i = 0; i < 26; i++) {
        sb.append(BASE32HEX.charAt(rng.nextInt(32)));
      }
      return sb.toString();
    }

    /** The iCalUID Outlook gives meetings that people outside Google send. */
    private String outlookUid() {
      StringBuilder sb = new StringBuilder("040000008200E00074C5B7101A82E00800000000");
      for (int i = 0; i < 32; i++) {
        sb.append(Character.toUpperCase(Character.forDigit(rng.nextInt(16), 16)));
      }
      return sb.toString();
    }

    private <T> T pick(List<T> items) {
      return items.get(rng.nextInt(items.size()));
    }

    private <T> T pick(T[] items) {
      return items[rng.nextInt(items.length)];
    }

    private static Instant max(Instant a, Instant b) {
      return a.isAfter(b) ? a : b;
    }
  }

  // ------------------------------------------------------------------ text helpers

  /** Lower-case ASCII letters only: how a name becomes the local part of an address. */
  static String ascii(String s) {
    String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
        .replace("ß", "ss").replace("æ", "ae");
    return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  static boolean isAscii(String s) {
    return s.chars().allMatch(ch -> ch < 128);
  }

  /** An RFC 2047 encoded-word, B (base64) or Q (quoted-printable-like) encoded. */
  static String encodedWord(String text, boolean base64) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (base64) {
      return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(bytes) + "?=";
    }
    StringBuilder sb = new StringBuilder("=?utf-8?Q?");
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == ' ') {
        sb.append('_');
      } else if (c < 128 && Character.isLetterOrDigit(c)) {
        sb.append((char) c);
      } else {
        sb.append('=').append(String.format("%02X", c));
      }
    }
    return sb.append("?=").toString();
  }

  /** Display names with specials must be a quoted string (RFC 5322). */
  static String quoteIfNeeded(String name) {
    for (char c : name.toCharArray()) {
      if ("()<>[]:;@\\,.\"".indexOf(c) >= 0) {
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
    }
    return name;
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
