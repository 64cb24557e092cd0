package dev.interactions.sample;

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
public record SampleSummary(long messages, long messageCopies, long events, int mailboxes) {}
