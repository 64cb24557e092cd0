package dev.interactions.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The cast as the pipeline's reference CSVs: team_members.csv, users.csv, customers.csv. */
final class ReferenceCsvs {
  private ReferenceCsvs() {}

  static void write(Cast cast, Path dir) throws IOException {
    Files.createDirectories(dir);
    StringBuilder tm = new StringBuilder("team_member_id,email,aliases\n");
    for (TeamMember m : cast.team) {
      tm.append(csvRow(m.id(), m.email(), String.join(";", m.aliases())));
    }
    StringBuilder us = new StringBuilder("user_id,email,customer_id\n");
    for (User u : cast.users) {
      us.append(csvRow(u.id(), u.email(), u.customer().id()));
    }
    StringBuilder cs = new StringBuilder("customer_id,name,domains\n");
    for (Customer c : cast.customers) {
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
