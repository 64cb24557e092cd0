package dev.interactions.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SubjectsTest {

  @Test
  void stripsSinglePrefix() {
    assertThat(Subjects.stripReplyPrefixes("Re: Q3 renewal")).isEqualTo("Q3 renewal");
    assertThat(Subjects.stripReplyPrefixes("Fw: Q3 renewal")).isEqualTo("Q3 renewal");
  }

  @Test
  void stripsRepeatedMixedPrefixesInAnyCase() {
    assertThat(Subjects.stripReplyPrefixes("RE: Fwd : re:Hello")).isEqualTo("Hello");
    assertThat(Subjects.stripReplyPrefixes("AW: SV: fw: FWD: Angebot")).isEqualTo("Angebot");
  }

  @Test
  void stripsBracketedCounter() {
    assertThat(Subjects.stripReplyPrefixes("Re[2]: Re [3] : Invoice")).isEqualTo("Invoice");
  }

  @Test
  void leavesPrefixesInTheMiddle() {
    assertThat(Subjects.stripReplyPrefixes("Meeting notes Re: Fwd budget")).isEqualTo("Meeting notes Re: Fwd budget");
    assertThat(Subjects.stripReplyPrefixes("Re: Meeting Re: budget")).isEqualTo("Meeting Re: budget");
  }

  @Test
  void leavesWordsThatOnlyStartLikeAPrefix() {
    assertThat(Subjects.stripReplyPrefixes("Reply: needed")).isEqualTo("Reply: needed");
    assertThat(Subjects.stripReplyPrefixes("Review of contract")).isEqualTo("Review of contract");
  }

  @Test
  void prefixOnlyBecomesEmpty() {
    assertThat(Subjects.stripReplyPrefixes("Re: ")).isEmpty();
    assertThat(Subjects.stripReplyPrefixes("FWD:")).isEmpty();
  }

  @Test
  void trimsAndKeepsNull() {
    assertThat(Subjects.stripReplyPrefixes("  Hello  ")).isEqualTo("Hello");
    assertThat(Subjects.stripReplyPrefixes(null)).isNull();
  }
}
