package dev.interactions.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleGeneratorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  private static Path sample;
  private static SampleSummary summary;

  /** One small sample, read by most tests. */
  @BeforeAll
  static void generateSmall() throws IOException {
    sample = shared.resolve("small");
    summary = SampleGenerator.generate(sample, SampleOptions.small());
  }

  // ------------------------------------------------------------------ determinism

  @Test
  void sameOptionsGiveByteIdenticalFiles(@TempDir Path dir) throws IOException {
    Path again = dir.resolve("again");
    SampleSummary second = SampleGenerator.generate(again, SampleOptions.small());

    Map<String, byte[]> first = contents(sample);
    Map<String, byte[]> other = contents(again);
    assertThat(other.keySet()).containsExactlyElementsOf(first.keySet());
    for (String file : first.keySet()) {
      assertThat(other.get(file)).as(file).isEqualTo(first.get(file));
    }
    assertThat(second).isEqualTo(summary);
  }

  @Test
  void anotherSeedGivesOtherData(@TempDir Path dir) throws IOException {
    SampleOptions small = SampleOptions.small();
    SampleOptions other = new SampleOptions(small.teamMembers(), small.customers(),
        small.usersPerCustomer(), small.months(), 7L, small.end());
    SampleGenerator.generate(dir, other);

    assertThat(contents(dir).get("input/gmail/maya@helio.app/messages-0001.jsonl"))
        .isNotEqualTo(contents(sample).get("input/gmail/maya@helio.app/messages-0001.jsonl"));
  }

  @Test
  void regeneratingIntoTheSameFolderReplacesThePreviousSample(@TempDir Path dir)
      throws IOException {
    SampleGenerator.generate(dir, new SampleOptions(5, 8, 3, 4, 1L, SampleOptions.small().end()));
    SampleGenerator.generate(dir, SampleOptions.small());

    assertThat(contents(dir)).containsOnlyKeys(contents(sample).keySet());
  }

  @Test
  void filesLayoutHoldsTheSameResourcesOneMessageAFileAndEventsInPages(@TempDir Path dir)
      throws IOException {
    SampleSummary files = SampleGenerator.generate(dir, SampleOptions.small(), Layout.FILES);
    assertThat(files).isEqualTo(summary);

    Map<String, List<String>> gmail = new TreeMap<>();
    Map<String, List<String>> events = new TreeMap<>();
    for (Path f : sortedFiles(dir.resolve("input"))) {
      String rel = dir.resolve("input").relativize(f).toString().replace('\\', '/');
      String mailbox = rel.split("/")[1];
      JsonNode doc = JSON.readTree(f.toFile());
      if (rel.startsWith("gmail/")) {
        assertThat(rel).matches("gmail/[^/]+/messages-\\d{7}\\.json");
        assertThat(doc.path("id").isTextual()).as(rel).isTrue();
        gmail.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(doc.toString());
      } else {
        assertThat(rel).matches("calendar/[^/]+/events-\\d{7}\\.json");
        assertThat(doc.path("kind").asText()).isEqualTo("calendar#events");
        assertThat(doc.path("items").size()).isBetween(1, FileSinks.PAGE_SIZE);
        doc.path("items").forEach(e -> events.computeIfAbsent(mailbox, m -> new ArrayList<>()).add(e.toString()));
      }
    }
    // The jsonl layout's resources, mailbox by mailbox and in the same order.
    assertThat(gmail).isEqualTo(grouped(lines("gmail")));
    assertThat(events).isEqualTo(grouped(lines("calendar")));
    // Regenerating in the other layout replaces these files.
    SampleGenerator.generate(dir, SampleOptions.small());
    assertThat(contents(dir)).containsOnlyKeys(contents(sample).keySet());
  }

  private static Map<String, List<String>> grouped(List<Map.Entry<String, JsonNode>> lines) {
    Map<String, List<String>> out = new TreeMap<>();
    lines.forEach(e -> out.computeIfAbsent(e.getKey(), m -> new ArrayList<>()).add(e.getValue().toString()));
    return out;
  }

  // ------------------------------------------------------------------ reference data

  @Test
  void referenceCsvsHaveTheContractHeadersAndConsistentKeys() throws IOException {
    List<String[]> team = csv("team_members.csv", "team_member_id,email,aliases");
    List<String[]> users = csv("users.csv", "user_id,email,customer_id");
    List<String[]> customers = csv("customers.csv", "customer_id,name,domains");

    assertThat(team).hasSize(4);
    assertThat(customers).hasSize(6);
    assertThat(users).hasSize(6 * 3);
    Set<String> customerIds = customers.stream().map(r -> r[0]).collect(Collectors.toSet());
    assertThat(users).allSatisfy(u -> assertThat(customerIds).contains(u[2]));
    assertThat(users.stream().map(u -> u[0]).distinct().count()).isEqualTo(users.size());

    assertThat(team).allSatisfy(t -> assertThat(t[1]).endsWith("@helio.app"));
    List<String> aliases = team.stream().flatMap(t -> splitMulti(t[2]).stream()).toList();
    assertThat(aliases)
        .anyMatch(a -> a.endsWith("@helio.app"))
        .anyMatch(a -> a.endsWith("@gmail.com"));
    assertThat(team).anyMatch(t -> t[2].isEmpty());

    List<List<String>> domains = customers.stream().map(c -> splitMulti(c[2])).toList();
    assertThat(domains).anyMatch(d -> d.size() == 1).anyMatch(d -> d.size() == 2);
    Set<String> all = domains.stream().flatMap(List::stream).collect(Collectors.toSet());
    assertThat(all).anyMatch(d -> d.startsWith("eu.") && all.contains(d.substring(3)));

    Map<String, Set<String>> customersByEmail = new HashMap<>();
    for (String[] u : users) {
      customersByEmail.computeIfAbsent(u[1], k -> new HashSet<>()).add(u[2]);
    }
    assertThat(customersByEmail.values()).anyMatch(c -> c.size() == 2);
    assertThat(customersByEmail.keySet()).anyMatch(e -> e.endsWith("@gmail.com"));
  }

  // ------------------------------------------------------------------ gmail

  @Test
  void everyGmailLineIsAMessageResource() throws IOException {
    List<Msg> messages = gmail();
    assertThat(messages).hasSize((int) summary.messageCopies());

    Instant start = SampleOptions.small().end().atZone(ZoneOffset.UTC).minusMonths(3).toInstant();
    for (Msg m : messages) {
      JsonNode r = m.resource();
      assertThat(r.path("id").asText()).matches("[0-9a-f]{16}");
      assertThat(r.path("threadId").asText()).matches("[0-9a-f]{16}");
      assertThat(r.path("historyId").asText()).matches("[0-9]+");
      assertThat(r.path("labelIds").isArray()).isTrue();
      assertThat(r.path("payload").path("body").path("data").asText()).isNotEmpty();
      Instant internal = Instant.ofEpochMilli(Long.parseLong(r.path("internalDate").asText()));
      assertThat(internal).isBetween(start, SampleOptions.small().end());
      assertThat(m.header("From")).isNotNull();
      assertThat(m.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} .*");
    }
    long withMessageId = messages.stream().filter(m -> m.header("Message-ID") != null).count();
    assertThat(withMessageId).isGreaterThan(messages.size() * 9L / 10).isLessThan(messages.size());
  }

  @Test
  void gmailIdsAreUniquePerMailboxAndHistoryIdsGrow() throws IOException {
    Map<String, List<Msg>> byMailbox = gmail().stream()
        .collect(Collectors.groupingBy(Msg::mailbox, TreeMap::new, Collectors.toList()));
    assertThat(byMailbox).hasSize(summary.mailboxes());
    for (List<Msg> box : byMailbox.values()) {
      assertThat(box.stream().map(m -> m.resource().path("id").asText()).distinct().count())
          .isEqualTo(box.size());
      long previous = 0;
      for (Msg m : box) {
        long h = Long.parseLong(m.resource().path("historyId").asText());
        assertThat(h).isGreaterThan(previous);
        previous = h;
      }
    }
  }

  @Test
  void oneMessageSitsInSeveralMailboxesUnderOneMessageId() throws IOException {
    Map<String, List<Msg>> copies = byMessageId(gmail());
    List<List<Msg>> multi = copies.values().stream().filter(c -> c.size() > 1).toList();
    assertThat(multi).isNotEmpty();
    for (List<Msg> c : multi) {
      assertThat(c.stream().map(Msg::mailbox).distinct().count()).isEqualTo(c.size());
      assertThat(c.stream().map(m -> m.header("Subject")).distinct().count()).isEqualTo(1);
    }
    // The sender's copy is SENT and only it may carry Bcc.
    assertThat(multi).anyMatch(c -> c.stream().anyMatch(m -> m.labels().contains("SENT"))
        && c.stream().anyMatch(m -> m.labels().contains("INBOX")));
    assertThat(gmail()).filteredOn(m -> m.header("Bcc") != null)
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.labels()).contains("SENT"));
    assertThat(summary.messages()).isLessThan(summary.messageCopies());
  }

  @Test
  void repliesReferToEarlierMessagesAndShareTheMailboxThread() throws IOException {
    List<Msg> messages = gmail();
    Map<String, List<Msg>> byId = byMessageId(messages);
    List<Msg> replies = messages.stream().filter(m -> m.header("In-Reply-To") != null).toList();
    assertThat(replies).isNotEmpty();
    for (Msg reply : replies) {
      String parent = reply.header("In-Reply-To");
      assertThat(reply.header("References")).contains(parent);
      assertThat(decode(reply.header("Subject"))).matches("(?i)(re|aw) ?:.*");
      assertThat(byId).containsKey(parent);
      // In a mailbox holding both, the reply joins its parent's Gmail thread.
      byId.get(parent).stream().filter(p -> p.mailbox().equals(reply.mailbox())).forEach(p ->
          assertThat(reply.resource().path("threadId").asText())
              .isEqualTo(p.resource().path("threadId").asText()));
    }
    Map<String, Long> threadSizes = messages.stream().collect(Collectors.groupingBy(
        m -> m.mailbox() + " " + m.resource().path("threadId").asText(), Collectors.counting()));
    assertThat(threadSizes.values()).anyMatch(n -> n >= 3).allMatch(n -> n <= 6);
  }

  @Test
  void mailCoversTheCasesTheSpecCaresAbout() throws IOException {
    List<Msg> messages = gmail();
    assertThat(messages).anyMatch(m -> m.header("From").contains("news@some-saas.example"));
    assertThat(messages).anyMatch(m -> m.header("From").contains(".example")
        && !m.header("From").contains("some-saas") && m.header("Cc") != null);
    assertThat(messages).anyMatch(m -> m.header("From").contains("=?UTF-8?B?")
        || m.header("From").contains("=?utf-8?Q?"));
    assertThat(messages).anyMatch(m -> m.header("From").matches("\"[^\"]+, [^\"]+\" <.*>"));
    assertThat(messages).anyMatch(m -> all(m).matches(".*[A-Z0-9._-]+@[A-Z0-9.-]+\\.[A-Z]{2,}.*"));
    assertThat(messages).anyMatch(m -> all(m).contains("maya.l@helio.app"));
    assertThat(messages).anyMatch(m -> m.labels().contains("DRAFT"));
    assertThat(messages).anyMatch(m -> m.labels().contains("SPAM")
        || m.labels().contains("TRASH"));
    assertThat(messages)
        .anyMatch(m -> m.labels().stream().anyMatch(l -> l.startsWith("CATEGORY_")));
    // Internal-only mail: every address on the company domain.
    assertThat(messages).anyMatch(m -> all(m).contains("@")
        && addresses(m).stream().allMatch(a -> a.endsWith("@helio.app")));
  }

  @Test
  void theUnconnectedTeamMemberHasNoMailboxButIsCopied() throws IOException {
    String unconnected = csv("team_members.csv", "team_member_id,email,aliases").get(3)[1];

    assertThat(sample.resolve("input/gmail").resolve(unconnected)).doesNotExist();
    assertThat(sample.resolve("input/calendar").resolve(unconnected)).doesNotExist();
    try (Stream<Path> boxes = Files.list(sample.resolve("input/gmail"))) {
      assertThat(boxes.count()).isEqualTo(3).isEqualTo(summary.mailboxes());
    }
    assertThat(gmail()).anyMatch(m -> m.header("Cc") != null
        && m.header("Cc").toLowerCase().contains(unconnected));
  }

  @Test
  void filesRollOverEveryFiveThousandLines(@TempDir Path dir) throws IOException {
    SampleSummary big = SampleGenerator.generate(dir, new SampleOptions(3, 40, 6, 12, 3L,
        SampleOptions.small().end()));

    Path box = dir.resolve("input/gmail/maya@helio.app");
    assertThat(box.resolve("messages-0002.jsonl")).exists();
    assertThat(Files.readAllLines(box.resolve("messages-0001.jsonl"))).hasSize(5000);
    assertThat(big.messageCopies()).isEqualTo(lineCount(dir.resolve("input/gmail")));
    assertThat(big.events()).isEqualTo(lineCount(dir.resolve("input/calendar")));
  }

  // ------------------------------------------------------------------ calendar

  @Test
  void calendarLinesAreEventResourcesWithTheInterestingCases() throws IOException {
    List<Event> events = calendar();
    assertThat(events).hasSize((int) summary.events());
    for (Event e : events) {
      JsonNode r = e.resource();
      assertThat(r.path("kind").asText()).isEqualTo("calendar#event");
      assertThat(r.path("id").asText()).isNotEmpty();
      assertThat(r.path("iCalUID").asText()).isNotEmpty();
      assertThat(r.path("organizer").path("email").asText()).contains("@");
      OffsetDateTime.parse(r.path("updated").asText());
      assertThat(r.path("start").has("dateTime") || r.path("start").has("date")).isTrue();
    }

    List<JsonNode> instances = events.stream().map(Event::resource)
        .filter(r -> r.has("recurringEventId")).toList();
    assertThat(instances).isNotEmpty().allSatisfy(r -> {
      assertThat(r.path("originalStartTime").path("dateTime").asText()).isNotEmpty();
      assertThat(r.path("id").asText())
          .matches(r.path("recurringEventId").asText() + "_\\d{8}T\\d{6}Z");
    });
    assertThat(instances.stream().map(r -> r.path("iCalUID").asText()).distinct().count())
        .isLessThan(instances.size());
    assertThat(instances).anyMatch(r -> r.path("status").asText().equals("cancelled"));

    assertThat(attendees(events)).anyMatch(a -> a.path("responseStatus").asText().equals("declined")
        && !a.path("email").asText().endsWith("@helio.app"));
    assertThat(attendees(events)).anyMatch(a -> a.path("resource").asBoolean());
    assertThat(events).anyMatch(e -> e.resource().path("start").has("date"));
    assertThat(events).anyMatch(e -> e.resource().path("eventType").asText().equals("outOfOffice"));
    assertThat(events).anyMatch(e -> e.resource().path("eventType").asText().equals("focusTime"));
    // An internal-only meeting: several attendees, all on the company domain.
    assertThat(events).anyMatch(e -> attendeeEmails(e).size() > 1
        && attendeeEmails(e).stream().allMatch(a -> a.endsWith("@helio.app")));
  }

  @Test
  void oneMeetingAppearsInSeveralCalendarsEachWithItsOwnUpdated() throws IOException {
    Map<String, List<Event>> copies = calendar().stream().collect(Collectors.groupingBy(
        e -> e.resource().path("iCalUID").asText() + " " + e.resource().path("id").asText(),
        TreeMap::new, Collectors.toList()));
    List<List<Event>> shared = copies.values().stream().filter(c -> c.size() > 1).toList();
    assertThat(shared).isNotEmpty();
    for (List<Event> c : shared) {
      assertThat(c.stream().map(Event::mailbox).distinct().count()).isEqualTo(c.size());
      assertThat(c.stream().map(e -> e.resource().path("updated").asText()).distinct().count())
          .as("one latest copy").isEqualTo(c.size());
    }
    // Some later copy differs from an earlier one beyond updated/etag/self.
    assertThat(shared).anyMatch(c -> c.stream().map(SampleGeneratorTest::withoutCopyFields)
        .distinct().count() > 1);
  }

  @Test
  void someMeetingsAreInTheTwoWeeksAfterTheEnd() throws IOException {
    Instant end = SampleOptions.small().end();
    List<Instant> starts = calendar().stream()
        .map(e -> e.resource().path("start").path("dateTime").asText())
        .filter(s -> !s.isEmpty())
        .map(s -> OffsetDateTime.parse(s).toInstant())
        .toList();
    assertThat(starts).anyMatch(s -> s.isAfter(end))
        .allMatch(s -> s.isBefore(end.plusSeconds(15 * 86_400)));
    assertThat(calendar()).allSatisfy(e -> assertThat(
        OffsetDateTime.parse(e.resource().path("updated").asText()).toInstant()).isBefore(end));
  }

  @Test
  void smallSampleHasTheAdvertisedSize() {
    assertThat(summary.messages()).isBetween(150L, 600L);
    assertThat(summary.events()).isBetween(60L, 160L);
    assertThat(summary.mailboxes()).isEqualTo(3);
  }

  // ------------------------------------------------------------------ helpers

  private record Msg(String mailbox, JsonNode resource) {
    String header(String name) {
      for (JsonNode h : resource.path("payload").path("headers")) {
        if (h.path("name").asText().equalsIgnoreCase(name)) {
          return h.path("value").asText();
        }
      }
      return null;
    }

    List<String> labels() {
      List<String> out = new ArrayList<>();
      resource.path("labelIds").forEach(l -> out.add(l.asText()));
      return out;
    }
  }

  private record Event(String mailbox, JsonNode resource) {}

  private static List<Msg> gmail() throws IOException {
    List<Msg> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : lines("gmail")) {
      out.add(new Msg(e.getKey(), e.getValue()));
    }
    return out;
  }

  private static List<Event> calendar() throws IOException {
    List<Event> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : lines("calendar")) {
      out.add(new Event(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** Every line of every file under input/<source>, as (mailbox, parsed JSON), in file order. */
  private static List<Map.Entry<String, JsonNode>> lines(String source) throws IOException {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    Path root = sample.resolve("input").resolve(source);
    String pattern = source.equals("gmail") ? "messages-\\d{4}\\.jsonl" : "events-\\d{4}\\.jsonl";
    for (Path file : sortedFiles(root)) {
      assertThat(file.getFileName().toString()).matches(pattern);
      String mailbox = root.relativize(file).getName(0).toString();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        out.add(Map.entry(mailbox, JSON.readTree(line)));
      }
    }
    return out;
  }

  private static Map<String, List<Msg>> byMessageId(List<Msg> messages) {
    Map<String, List<Msg>> out = new TreeMap<>();
    for (Msg m : messages) {
      String id = m.header("Message-ID");
      if (id != null) {
        out.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
      }
    }
    return out;
  }

  private static List<JsonNode> attendees(List<Event> events) {
    List<JsonNode> out = new ArrayList<>();
    events.forEach(e -> e.resource().path("attendees").forEach(out::add));
    return out;
  }

  private static List<String> attendeeEmails(Event e) {
    List<String> out = new ArrayList<>();
    e.resource().path("attendees").forEach(a -> {
      if (!a.path("resource").asBoolean()) {
        out.add(a.path("email").asText());
      }
    });
    return out;
  }

  private static String withoutCopyFields(Event e) {
    JsonNode copy = e.resource().deepCopy();
    ((ObjectNode) copy).remove(List.of("updated", "etag"));
    copy.path("attendees").forEach(a ->
        ((ObjectNode) a).remove("self"));
    ((ObjectNode) copy.path("organizer")).remove("self");
    ((ObjectNode) copy.path("creator")).remove("self");
    return copy.toString();
  }

  /** Every header value that holds addresses, joined. */
  private static String all(Msg m) {
    return String.join(", ", nonNull(m.header("From")), nonNull(m.header("To")),
        nonNull(m.header("Cc")), nonNull(m.header("Bcc")));
  }

  /** The bare addresses in From/To/Cc/Bcc, lower-cased (no group syntax handling needed). */
  private static List<String> addresses(Msg m) {
    List<String> out = new ArrayList<>();
    Matcher matcher = Pattern.compile("[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+").matcher(all(m));
    while (matcher.find()) {
      out.add(matcher.group().toLowerCase());
    }
    return out;
  }

  /** Decodes a header that is one RFC 2047 encoded-word (B or Q), as the generator writes them. */
  private static String decode(String value) {
    Matcher m = Pattern.compile("=\\?(?i:utf-8)\\?([BQ])\\?(.*)\\?=").matcher(value);
    if (!m.matches()) {
      return value;
    }
    if (m.group(1).equals("B")) {
      return new String(Base64.getDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String q = m.group(2);
    for (int i = 0; i < q.length(); i++) {
      char c = q.charAt(i);
      if (c == '=') {
        bytes.write(Integer.parseInt(q.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c == '_' ? ' ' : c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static List<String[]> csv(String name, String header) throws IOException {
    List<String> lines = Files.readAllLines(sample.resolve("reference").resolve(name));
    assertThat(lines.get(0)).isEqualTo(header);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).as(line).hasSize(3);
      rows.add(cells);
    }
    return rows;
  }

  private static List<String> splitMulti(String cell) {
    return cell.isEmpty() ? List.of() : List.of(cell.split(";"));
  }

  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    for (Path f : sortedFiles(root)) {
      out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
    }
    return out;
  }

  private static List<Path> sortedFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static long lineCount(Path root) throws IOException {
    long n = 0;
    for (Path f : sortedFiles(root)) {
      n += Files.readAllLines(f).size();
    }
    return n;
  }
}
