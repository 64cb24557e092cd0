package dev.interactions.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodedWordsTest {

  @Test
  void decodesBase64() {
    assertThat(EncodedWords.decode("=?UTF-8?B?0JjQstCw0L0=?=")).isEqualTo("Иван");
  }

  @Test
  void decodesQuotedPrintableWithUnderscoreAsSpace() {
    assertThat(EncodedWords.decode("=?iso-8859-1?Q?Andr=E9_Dupont?=")).isEqualTo("André Dupont");
  }

  @Test
  void encodingLetterIsCaseInsensitive() {
    assertThat(EncodedWords.decode("=?utf-8?q?caf=C3=A9?= =?UTF-8?b?Y2Fmw6k=?=")).isEqualTo("cafécafé");
  }

  @Test
  void dropsWhitespaceBetweenAdjacentEncodedWords() {
    assertThat(EncodedWords.decode("=?UTF-8?Q?Hello?= \t =?UTF-8?Q?_World?=")).isEqualTo("Hello World");
  }

  @Test
  void keepsWhitespaceBetweenEncodedWordAndPlainText() {
    assertThat(EncodedWords.decode("Re: =?UTF-8?Q?R=C3=A9union?= demain")).isEqualTo("Re: Réunion demain");
  }

  @Test
  void joinsCharacterSplitAcrossTwoWords() {
    // "é" is C3 A9 in UTF-8; some senders cut between the two bytes.
    assertThat(EncodedWords.decode("=?UTF-8?B?Y2Fmww==?= =?UTF-8?B?qQ==?=")).isEqualTo("café");
  }

  @Test
  void decodesOtherCharsets() {
    assertThat(EncodedWords.decode("=?windows-1252?Q?=93Quoted=94_=80?=")).isEqualTo("“Quoted” €");
    assertThat(EncodedWords.decode("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=")).isEqualTo("日本語");
  }

  @Test
  void ignoresRfc2231LanguageSuffix() {
    assertThat(EncodedWords.decode("=?UTF-8*en?Q?Hello?=")).isEqualTo("Hello");
  }

  @Test
  void leavesUnknownCharsetAsIs() {
    assertThat(EncodedWords.decode("=?x-unknown?Q?abc?= =?UTF-8?Q?d?=")).isEqualTo("=?x-unknown?Q?abc?= d");
  }

  @Test
  void leavesMalformedWordsAsIs() {
    assertThat(EncodedWords.decode("=?UTF-8?Q?bad=ZZ?=")).isEqualTo("=?UTF-8?Q?bad=ZZ?=");
    assertThat(EncodedWords.decode("=?UTF-8?B?a?=")).isEqualTo("=?UTF-8?B?a?=");
    assertThat(EncodedWords.decode("=?UTF-8?X?abc?=")).isEqualTo("=?UTF-8?X?abc?=");
    assertThat(EncodedWords.decode("=?UTF-8?Q?unterminated")).isEqualTo("=?UTF-8?Q?unterminated");
  }

  @Test
  void unfoldsFoldedLines() {
    assertThat(EncodedWords.decode("Quarterly\r\n  review\n\tnotes")).isEqualTo("Quarterly review notes");
    assertThat(EncodedWords.decode("=?UTF-8?Q?Caf=C3=A9?=\r\n =?UTF-8?Q?_au_lait?=")).isEqualTo("Café au lait");
  }

  @Test
  void plainTextAndNullPassThrough() {
    assertThat(EncodedWords.decode("Plain = text ?")).isEqualTo("Plain = text ?");
    assertThat(EncodedWords.decode(null)).isNull();
  }
}
