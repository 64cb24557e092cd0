package dev.interactions.sample;

import java.util.ArrayList;
import java.util.List;

/** One message before rendering. */
final class Email {
  enum Kind { CUSTOMER, INTERNAL, NEWSLETTER, THIRD_PARTY, DRAFT }

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

  List<Addr> toAndCc() {
    List<Addr> out = new ArrayList<>(to);
    out.addAll(cc);
    return out;
  }

  /** To, Cc and Bcc, in that order. */
  List<Addr> recipients() {
    List<Addr> out = toAndCc();
    out.addAll(bcc);
    return out;
  }
}
