package dev.interactions.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A files-source folder written by a test: reference CSVs and real-shaped Gmail {@code Message}
 * and Calendar {@code Event} JSON under {@code input/gmail/<mailbox>/} and {@code input/calendar/<mailbox>/}.
 *
 * <p>Default reference data: team members t1 maya@helio.app (alias maya.l@helio.app) and t2
 * omar@helio.app; users p1 wes@umbrella.com and p3 raj@umbrella.com of customer k1 (umbrella.com),
 * p2 lena@stark.io of k2 (stark.io).
 */
public final class MailFolder {
  public static final String DEFAULT_TEAM = "team_member_id,email,aliases\nt1,maya@helio.app,maya.l@helio.app\n"
      + "t2,omar@helio.app,\n";
  public static final String DEFAULT_USERS = "user_id,email,customer_id\np1,wes@umbrella.com,k1\n"
      + "p2,lena@stark.io,k2\np3,raj@umbrella.com,k1\n";
  public static final String DEFAULT_CUSTOMERS = "customer_id,name,domains\nk1,Umbrella,umbrella.com\n"
      + "k2,Stark,stark.io\n";

  private final Path dir;
  private int counter;

  public MailFolder() {
    try {
      dir = Files.createTempDirectory("mail-folder");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reference(DEFAULT_TEAM, DEFAULT_USERS, DEFAULT_CUSTOMERS);
  }

  /** Replaces the three reference CSVs (header rows included). */
  public MailFolder reference(String team, String users, String customers) {
    write("reference/team_members.csv", team);
    write("reference/users.csv", users);
    write("reference/customers.csv", customers);
    return this;
  }

  /** The folder holding input/ and reference/. */
  public Path dir() {
    return dir;
  }

  public Path input() {
    return dir.resolve("input");
  }

  public Path referenceDir() {
    return dir.resolve("reference");
  }

  public MailFolder write(String relative, String content) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A Gmail message copy; build with the fluent setters, then {@link Mail#in}. */
  public Mail mail() {
    return new Mail();
  }

  /** One email in a mailbox with a generated Message-ID {@code <m<n>@mail.example>}; cc may be null. */
  public MailFolder email(String mailbox, String at, String from, String to, String cc, String subject) {
    int n = ++counter;
    String headers = "{\"name\": \"From\", \"value\": \"" + from + "\"}, {\"name\": \"To\", \"value\": \"" + to + "\"}"
        + (cc == null ? "" : ", {\"name\": \"Cc\", \"value\": \"" + cc + "\"}")
        + ", {\"name\": \"Subject\", \"value\": \"" + subject + "\"}"
        + ", {\"name\": \"Message-ID\", \"value\": \"<m" + n + "@mail.example>\"}";
    return write("input/gmail/" + mailbox + "/m" + n + ".json", """
        {"id": "%016x", "threadId": "t%d", "labelIds": ["INBOX"], "snippet": "...", "historyId": "%d",
         "internalDate": "%d", "payload": {"mimeType": "text/plain", "headers": [%s]}}
        """.formatted(n, n, n, Instant.parse(at).toEpochMilli(), headers));
  }

  /** A Calendar event resource, as given, in a mailbox's calendar. */
  public MailFolder event(String mailbox, String json) {
    return write("input/calendar/" + mailbox + "/" + (++counter) + ".json", json);
  }

  /** A one-hour confirmed meeting in a calendar; every attendee accepted. */
  public MailFolder meeting(String mailbox, String start, String organizer, String... attendees) {
    int n = ++counter;
    StringBuilder list = new StringBuilder();
    for (String a : attendees) {
      list.append(list.isEmpty() ? "" : ", ").append("{\"email\": \"").append(a)
          .append("\", \"responseStatus\": \"accepted\"}");
    }
    Instant s = Instant.parse(start);
    return write("input/calendar/" + mailbox + "/e" + n + ".json", """
        {"kind": "calendar#event", "id": "e%d", "status": "confirmed", "iCalUID": "e%d@google.com",
         "updated": "2026-01-01T00:00:00Z", "summary": "Meeting %d", "organizer": {"email": "%s"},
         "start": {"dateTime": "%s"}, "end": {"dateTime": "%s"}, "attendees": [%s]}
        """.formatted(n, n, n, organizer, s, s.plusSeconds(3600), list));
  }

  /** Attendees JSON from "email", "email:declined" or "room@...:resource". */
  public static String attendees(String... specs) {
    List<String> out = new ArrayList<>();
    for (String s : specs) {
      String[] p = s.split(":");
      String status = p.length > 1 && p[1].equals("declined") ? "declined" : "accepted";
      boolean resource = p.length > 1 && p[1].equals("resource");
      out.add("{\"email\": \"" + p[0] + "\", \"responseStatus\": \"" + status + "\""
          + (resource ? ", \"resource\": true" : "") + "}");
    }
    return "[" + String.join(", ", out) + "]";
  }

  /** A string's JSON escaping (without the quotes). */
  public static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
        .replace("\t", "\\t");
  }

  /** One Gmail message copy under construction. */
  public final class Mail {
    private String threadId = "thread-" + (++counter);
    private String at = "2026-06-10T09:00:00Z";
    private List<String> labels = new ArrayList<>(List.of("INBOX"));
    private final List<String[]> headers = new ArrayList<>();

    public Mail header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    public Mail from(String v) {
      return header("From", v);
    }

    public Mail to(String v) {
      return header("To", v);
    }

    public Mail cc(String v) {
      return header("Cc", v);
    }

    public Mail bcc(String v) {
      return header("Bcc", v);
    }

    public Mail subject(String v) {
      return header("Subject", v);
    }

    public Mail id(String messageId) {
      return header("Message-ID", "<" + messageId + ">");
    }

    public Mail inReplyTo(String messageId) {
      return header("In-Reply-To", "<" + messageId + ">");
    }

    public Mail references(String value) {
      return header("References", value);
    }

    public Mail at(String instant) {
      this.at = instant;
      return this;
    }

    public Mail thread(String id) {
      this.threadId = id;
      return this;
    }

    public Mail labels(String... l) {
      this.labels = List.of(l);
      return this;
    }

    /** Writes this copy into a mailbox's folder. */
    public Mail in(String mailbox) {
      int n = ++counter;
      StringBuilder h = new StringBuilder();
      for (String[] kv : headers) {
        h.append(h.isEmpty() ? "" : ",\n    ").append("{\"name\": \"").append(kv[0]).append("\", \"value\": \"")
            .append(json(kv[1])).append("\"}");
      }
      String labelJson = String.join(", ", labels.stream().map(l -> "\"" + l + "\"").toList());
      write("input/gmail/" + mailbox + "/" + n + ".json", """
          {"id": "%016x", "threadId": "%s", "labelIds": [%s], "snippet": "...", "historyId": "%d",
           "internalDate": "%d", "payload": {"mimeType": "text/plain", "headers": [
            %s]}}
          """.formatted(n, threadId, labelJson, n, Instant.parse(at).toEpochMilli(), h));
      return this;
    }
  }
}
