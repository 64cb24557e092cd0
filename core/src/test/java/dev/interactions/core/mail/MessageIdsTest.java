package dev.interactions.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

  @Test
  void normalizeStripsBracketsAndWhitespace() {
    assertThat(MessageIds.normalize("  < abc@x.com >  ")).isEqualTo("abc@x.com");
    assertThat(MessageIds.normalize("<CAF=3Dq+Xy_Z@mail.gmail.com>")).isEqualTo("CAF=3Dq+Xy_Z@mail.gmail.com");
  }

  @Test
  void normalizeKeepsCase() {
    assertThat(MessageIds.normalize("AbC.123@Example.COM")).isEqualTo("AbC.123@Example.COM");
  }

  @Test
  void normalizeGivesNullWhenBlank() {
    assertThat(MessageIds.normalize(null)).isNull();
    assertThat(MessageIds.normalize("   ")).isNull();
    assertThat(MessageIds.normalize("< >")).isNull();
  }

  @Test
  void parsesReferencesInOrderWithoutDuplicates() {
    String references = "<a1@mail.gmail.com>\r\n <B2@outlook.com> <a1@mail.gmail.com><c3@x.com>";
    assertThat(MessageIds.parseList(references)).containsExactly("a1@mail.gmail.com", "B2@outlook.com", "c3@x.com");
  }

  @Test
  void ignoresTextAroundBracketedIds() {
    String inReplyTo = "Your message of \"Mon, 1 Jan 2024\" <m1@x.com> (Alice's note) <>";
    assertThat(MessageIds.parseList(inReplyTo)).containsExactly("m1@x.com");
  }

  @Test
  void splitsUnbracketedValueOnWhitespaceAndCommas() {
    assertThat(MessageIds.parseList("m1@x.com, m2@x.com  junk m1@x.com"))
        .containsExactly("m1@x.com", "m2@x.com");
  }

  @Test
  void garbageAndNullGiveEmptyList() {
    assertThat(MessageIds.parseList(null)).isEmpty();
    assertThat(MessageIds.parseList("no ids here")).isEmpty();
    assertThat(MessageIds.parseList("<unterminated@x.com")).isEmpty();
  }
}
