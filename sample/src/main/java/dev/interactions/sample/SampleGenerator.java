package dev.interactions.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic sample of everything the pipeline reads: the reference CSVs
 * ({@code reference/team_members.csv}, {@code users.csv}, {@code customers.csv}) and, in the files
 * source layout, Gmail {@code Message} resources
 * ({@code input/gmail/<mailbox>/messages-NNNN.jsonl}) and Calendar {@code Event} resources
 * ({@code input/calendar/<mailbox>/events-NNNN.jsonl}); or, in the {@link Layout#FILES} layout,
 * one message a file ({@code messages-NNNNNNN.json}) and one events list page a file
 * ({@code events-NNNNNNN.json}), with the same resources.
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
 * {@link SampleOptions#seed()}, no output depends on hash iteration order, and the clock is never
 * read.
 */
public final class SampleGenerator {

  private SampleGenerator() {}

  /**
   * Writes the sample under {@code outDir} (see the class comment for the layout). Files this
   * generator wrote there before are replaced; nothing else is touched.
   */
  public static SampleSummary generate(Path outDir, SampleOptions o) throws IOException {
    return generate(outDir, o, Layout.JSONL);
  }

  /** As {@link #generate(Path, SampleOptions)}, in the given layout. */
  public static SampleSummary generate(Path outDir, SampleOptions o, Layout layout) throws IOException {
    // One split per part, in this order: the cast, the mail, the calendar.
    SplittableRandom root = new SplittableRandom(o.seed());
    Cast cast = Cast.build(o, new Dice(root.split()));
    ReferenceCsvs.write(cast, outDir.resolve("reference"));

    Path input = outDir.resolve("input");
    Window window = Window.of(o);
    try (ResourceSinks gmail = ResourceSinks.replacing(layout, input.resolve("gmail"), "messages", null);
        ResourceSinks calendar = ResourceSinks.replacing(layout, input.resolve("calendar"), "events", "calendar#events")) {
      for (TeamMember m : cast.connected) {
        gmail.register(m.email());
        calendar.register(m.email());
      }
      MailStream mail = new MailStream(cast, o, window, new Dice(root.split()), gmail);
      mail.writeAll();
      new CalendarStream(cast, o, window, new Dice(root.split()), calendar).writeAll();
      return new SampleSummary(
          mail.messages(), gmail.total(), calendar.total(), cast.connected.size());
    }
  }
}
