package dev.interactions.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A conversation in progress: what its next message needs to know. */
final class Conversation {
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
