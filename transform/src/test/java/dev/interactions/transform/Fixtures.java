package dev.interactions.transform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes real-shaped Gmail Message and Calendar Event JSON into a files-source input folder. */
final class Fixtures {
  final Path dir;
  private int counter;

  Fixtures() {
    try {
      dir = Files.createTempDirectory("fixtures");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reference("team_member_id,email,aliases\nt1,maya@helio.app,maya.l@helio.app\nt2,omar@helio.app,\n",
        "user_id,email,customer_id\np1,wes@umbrella.com,k1\np2,lena@stark.io,k2\np3,raj@umbrella.com,k1\n",
        "customer_id,name,domains\nk1,Umbrella,umbrella.com\nk2,Stark,stark.io\n");
  }

  Fixtures reference(String team, String users, String customers) {
    write("reference/team_members.csv", team);
    write("reference/users.csv", users);
    write("reference/customers.csv", customers);
    return this;
  }

  Path input() {
    return dir.resolve("input");
  }

  Path referenceDir() {
    return dir.resolve("reference");
  }

  void write(String relative, String content) {
    try {
      Path p = dir.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A Gmail message copy; build with the fluent setters, then {@link #in}. */
  final class Mail {
    String threadId = "thread-" + (++counter);
    String at = "2026-06-10T09:00:00Z";
    List<String> labels = new ArrayList<>(List.of("INBOX"));
    List<String[]> headers = new ArrayList<>();

    Mail header(String name, String value) {
      headers.add(new String[] {name, value});
      return this;
    }

    Mail from(String v) {
      return header("From", v);
    }

    Mail to(String v) {
      return header("To", v);
    }

    Mail cc(String v) {
      return header("Cc", v);
    }

    Mail bcc(String v) {
      return header("Bcc", v);
    }

    Mail subject(String v) {
      return header("Subject", v);
    }

    Mail id(String messageId) {
      return header("Message-ID", "<" + messageId + ">");
    }

    Mail inReplyTo(String messageId) {
      return header("In-Reply-To", "<" + messageId + ">");
    }

    Mail references(String value) {
      return header("References", value);
    }

    Mail at(String instant) {
      this.at = instant;
      return this;
    }

    Mail thread(String id) {
      this.threadId = id;
      return this;
    }

    Mail labels(String... l) {
      this.labels = List.of(l);
      return this;
    }

    /** Writes this copy into a mailbox's folder. */
    Mail in(String mailbox) {
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

  /** A string's JSON escaping (without the quotes). */
  static String json(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n")
        .replace("\t", "\\t");
  }

  Mail mail() {
    return new Mail();
  }

  /** A Calendar event in a mailbox's calendar; attendees as "email" or "email:declined" or "room@...:resource". */
  Fixtures event(String mailbox, String json) {
    write("input/calendar/" + mailbox + "/" + (++counter) + ".json", json);
    return this;
  }

  static String attendees(String... specs) {
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
}
