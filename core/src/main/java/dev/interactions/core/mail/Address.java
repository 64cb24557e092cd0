package dev.interactions.core.mail;

import java.io.Serializable;

/**
 * One mailbox of an address header.
 *
 * @param email the normalised address (see {@link Addresses#normalize}): trimmed, lower-case, no angle brackets
 * @param displayName the RFC 2047-decoded display name, or null when the header carried none
 */
public record Address(String email, String displayName) implements Serializable {
}
