package dev.interactions.ingest.google.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake Google as a process of its own, for benchmarks of the real command line: fills M
 * mailboxes with N real-shaped messages each (and a few calendar events), enforces a per-user
 * Gmail quota, writes a user-tokens credentials file, and prints {@code port=<port>}, {@code
 * mailboxes=<a,b,...>} and {@code ready} on stdout. When its stdin ends it writes what it served
 * per mailbox (Gmail quota units of the calls it answered, its first and last Gmail call, the 429s
 * it answered) and exits.
 *
 * <pre>
 * FakeGoogleServer --mailboxes M --messages-per-mailbox N --user-units-per-second U
 *     --latency-ms A-B --tokens FILE --summary FILE
 * </pre>
 */
public final class FakeGoogleServer {
  static final String DOMAIN = "helio.app";
  static final String CUSTOMER = "umbrella.com";
  static final int EVENTS_PER_MAILBOX = 5;
  /** Inside the source's default six-month backfill window. */
  static final Duration SPREAD = Duration.ofDays(150);

  /** What one mailbox was served; times in epoch milliseconds. */
  static final class Served {
    long units;
    long gets;
    long calls;
    long refused;
    long otherErrors;
    long firstMillis = Long.MAX_VALUE;
    long lastMillis = Long.MIN_VALUE;

    synchronized void answered(String path, int status) {
      long now = System.currentTimeMillis();
      firstMillis = Math.min(firstMillis, now);
      lastMillis = Math.max(lastMillis, now);
      calls++;
      if (status == 429) {
        refused++;
      } else if (status >= 400) {
        otherErrors++;
      } else {
        units += FakeGoogle.gmailUnits(path);
        if (path.startsWith("/gmail/v1/users/me/messages/")) {
          gets++;
        }
      }
    }
  }

  private FakeGoogleServer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    int mailboxes = Integer.parseInt(opts.getOrDefault("mailboxes", "1"));
    int messages = Integer.parseInt(opts.getOrDefault("messages-per-mailbox", "1500"));
    double units = Double.parseDouble(opts.getOrDefault("user-units-per-second", "250"));
    String[] latency = opts.getOrDefault("latency-ms", "20-100").split("-", 2);
    Path tokens = Path.of(required(opts, "tokens"));
    Path summary = Path.of(required(opts, "summary"));

    FakeGoogle google = FakeGoogle.start(Integer.parseInt(latency[0]),
        Integer.parseInt(latency.length > 1 ? latency[1] : latency[0]));
    Map<String, String> refreshTokens = new LinkedHashMap<>();
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (int b = 1; b <= mailboxes; b++) {
      String mailbox = String.format("m%02d@%s", b, DOMAIN);
      refreshTokens.put(mailbox, google.connect(mailbox));
      fill(google, mailbox, b, messages, now);
    }
    writeTokens(tokens, refreshTokens);

    Map<String, Served> served = new LinkedHashMap<>();
    refreshTokens.keySet().forEach(m -> served.put(m, new Served()));
    google.observe((mailbox, path, status) -> {
      Served s = mailbox == null ? null : served.get(mailbox);
      if (s != null) {
        s.answered(path, status);
      }
    });
    if (units > 0) {
      google.enforceUserQuota(units);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.println("port=" + java.net.URI.create(google.rootUrl()).getPort());
    out.println("mailboxes=" + String.join(",", refreshTokens.keySet()));
    out.println("ready");

    // Runs until whoever started it closes our stdin.
    while (System.in.read() >= 0) {
      // discard
    }
    google.close();
    List<String> lines = new ArrayList<>();
    lines.add("mailbox\tunits\tgets\tcalls\trefused_429\tother_errors\tfirst_ms\tlast_ms");
    served.forEach((m, s) -> {
      synchronized (s) {
        lines.add(String.join("\t", m, Long.toString(s.units), Long.toString(s.gets), Long.toString(s.calls),
            Long.toString(s.refused), Long.toString(s.otherErrors),
            Long.toString(s.calls == 0 ? 0 : s.firstMillis), Long.toString(s.calls == 0 ? 0 : s.lastMillis)));
      }
    });
    Files.write(summary, lines, StandardCharsets.UTF_8);
  }

  /**
   * Conversations of three: a customer writes, the mailbox's owner answers, the customer answers
   * back; spread evenly over the backfill window, newest first.
   */
  static void fill(FakeGoogle google, String mailbox, int box, int messages, Instant now) {
    long step = Math.max(1, SPREAD.toMillis() / Math.max(1, messages));
    String customer = String.format("buyer%02d@%s", box, CUSTOMER);
    for (int i = 0; i < messages; i++) {
      String id = String.format("%02d%08x", box, i);
      int thread = i / 3;
      boolean fromOwner = i % 3 == 1;
      String messageId = id + "@mail." + (fromOwner ? DOMAIN : CUSTOMER);
      String inReplyTo = i % 3 == 0 ? null : String.format("%02d%08x@mail.%s", box, i - 1,
          fromOwner ? CUSTOMER : DOMAIN);
      Instant sent = now.minusMillis(3_600_000L + step * (messages - i));
      ObjectNode m = FakeResources.message(id, String.format("t%02d%07x", box, thread), sent,
          fromOwner ? List.of("SENT") : List.of("INBOX", "UNREAD"), fromOwner ? mailbox : customer,
          fromOwner ? customer : mailbox, null, "Order " + thread, messageId, inReplyTo);
      google.gmail().add(mailbox, m);
    }
    for (int e = 0; e < EVENTS_PER_MAILBOX; e++) {
      Instant start = now.minus(Duration.ofDays(7L * (e + 1)));
      String id = String.format("ev%02d%02d", box, e);
      google.calendar().put(mailbox, FakeResources.event(id, id + "@google.com", start, start.plusSeconds(1800),
          start.minus(Duration.ofDays(3)), "Review " + e, mailbox, List.of(mailbox, customer), null));
    }
  }

  private static void writeTokens(Path file, Map<String, String> refreshTokens) throws IOException {
    ObjectNode root = FakeHttp.JSON.createObjectNode();
    root.put("client_id", FakeGoogle.CLIENT_ID);
    root.put("client_secret", FakeGoogle.CLIENT_SECRET);
    ObjectNode t = root.putObject("tokens");
    refreshTokens.forEach(t::put);
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, FakeHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --name value pairs; got '" + args[i] + "'");
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }

  private static String required(Map<String, String> opts, String name) {
    String v = opts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return v;
  }
}
