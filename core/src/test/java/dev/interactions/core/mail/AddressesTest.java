package dev.interactions.core.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void parsesNameAndBracketedAddress() {
    assertThat(Addresses.parseList("Alice Smith <Alice.Smith@Example.com>"))
        .containsExactly(new Address("alice.smith@example.com", "Alice Smith"));
  }

  @Test
  void parsesBareAddress() {
    assertThat(Addresses.parseList("  bob@example.com ")).containsExactly(new Address("bob@example.com", null));
  }

  @Test
  void keepsCommaInsideQuotedDisplayName() {
    assertThat(Addresses.parseList("\"Doe, Jane\" <JANE.DOE@Acme.COM>, \"Roe, Rick\" <rick@acme.com>"))
        .containsExactly(new Address("jane.doe@acme.com", "Doe, Jane"), new Address("rick@acme.com", "Roe, Rick"));
  }

  @Test
  void unescapesQuotedPairs() {
    assertThat(Addresses.parseList("\"Jane \\\"JD\\\" Doe \\\\ Sales\" <jd@acme.com>"))
        .containsExactly(new Address("jd@acme.com", "Jane \"JD\" Doe \\ Sales"));
  }

  @Test
  void usesCommentOfBareAddressAsDisplayName() {
    assertThat(Addresses.parseList("alice@example.com (Alice (Sales)), bob@example.com"))
        .containsExactly(new Address("alice@example.com", "Alice (Sales)"), new Address("bob@example.com", null));
  }

  @Test
  void ignoresCommentWhenDisplayNameIsPresent() {
    assertThat(Addresses.parseList("Alice <alice@example.com> (work)"))
        .containsExactly(new Address("alice@example.com", "Alice"));
  }

  @Test
  void unwrapsFullyQuotedBareAddress() {
    assertThat(Addresses.parseList("\"Jane@Acme.com\", 'bob@acme.com'"))
        .containsExactly(new Address("jane@acme.com", null), new Address("bob@acme.com", null));
  }

  @Test
  void parsesBracketedAddressAlone() {
    assertThat(Addresses.parseList("<noreply@GitHub.com>")).containsExactly(new Address("noreply@github.com", null));
  }

  @Test
  void decodesQuotedPrintableDisplayName() {
    assertThat(Addresses.parseList("=?iso-8859-1?Q?Andr=E9?= <andre@x.fr>"))
        .containsExactly(new Address("andre@x.fr", "André"));
  }

  @Test
  void decodesBase64DisplayName() {
    assertThat(Addresses.parseList("=?UTF-8?B?0JjQstCw0L0=?= <ivan@x.ru>"))
        .containsExactly(new Address("ivan@x.ru", "Иван"));
  }

  @Test
  void decodesEncodedWordsInsideQuotes() {
    assertThat(Addresses.parseList("\"=?UTF-8?Q?Fran=C3=A7ois?= =?UTF-8?Q?_Dupont?=\" <fd@x.fr>"))
        .containsExactly(new Address("fd@x.fr", "François Dupont"));
  }

  @Test
  void countsGroupMembersButNotGroupName() {
    assertThat(Addresses.parseList("Team: a@x.com, B <b@y.com>;"))
        .containsExactly(new Address("a@x.com", null), new Address("b@y.com", "B"));
  }

  @Test
  void emptyGroupGivesNoAddress() {
    assertThat(Addresses.parseList("undisclosed-recipients:;")).isEmpty();
  }

  @Test
  void mixesGroupsAndPlainAddresses() {
    assertThat(Addresses.parseList("Sales: a@x.com, b@x.com;, c@y.com"))
        .extracting(Address::email)
        .containsExactly("a@x.com", "b@x.com", "c@y.com");
    assertThat(Addresses.parseList("Ops: o@x.com;, Dev <d@x.com>, Sales: s1@y.com, s2@y.com;, Empty:;"))
        .extracting(Address::email)
        .containsExactly("o@x.com", "d@x.com", "s1@y.com", "s2@y.com");
  }

  @Test
  void toleratesTrailingAndDoubleCommas() {
    assertThat(Addresses.parseList(",a@x.com,, ,b@x.com,"))
        .extracting(Address::email)
        .containsExactly("a@x.com", "b@x.com");
  }

  @Test
  void acceptsSemicolonSeparators() {
    assertThat(Addresses.parseList("Alice <a@x.com>; b@x.com; \"Carl\" <c@x.com>"))
        .containsExactly(new Address("a@x.com", "Alice"), new Address("b@x.com", null), new Address("c@x.com", "Carl"));
  }

  @Test
  void splitsEntriesWithMissingComma() {
    assertThat(Addresses.parseList("Alice <a@x.com> Bob <b@x.com>"))
        .containsExactly(new Address("a@x.com", "Alice"), new Address("b@x.com", "Bob"));
  }

  @Test
  void skipsUnparseableEntries() {
    assertThat(Addresses.parseList("garbage, @x.com, bob@, <>, \"Name only\", <not an address>, ok@x.com, ;:,<"))
        .containsExactly(new Address("ok@x.com", null));
  }

  @Test
  void nullOrBlankGivesEmptyList() {
    assertThat(Addresses.parseList(null)).isEmpty();
    assertThat(Addresses.parseList(" \t")).isEmpty();
  }

  @Test
  void dedupsByEmailKeepingFirstOccurrence() {
    assertThat(Addresses.parseList("Alice <ALICE@x.com>, bob@x.com, A. Smith <alice@x.com>"))
        .containsExactly(new Address("alice@x.com", "Alice"), new Address("bob@x.com", null));
  }

  @Test
  void unfoldsFoldedHeader() {
    assertThat(Addresses.parseList("\"Doe,\r\n Jane\" <jane@acme.com>,\r\n\tbob@acme.com"))
        .containsExactly(new Address("jane@acme.com", "Doe, Jane"), new Address("bob@acme.com", null));
  }

  @Test
  void dropsSourceRouteAndMailtoScheme() {
    assertThat(Addresses.parseList("<@relay.x.com,@gw.x.com:joe@x.com>, Ann <mailto:Ann@x.com>"))
        .containsExactly(new Address("joe@x.com", null), new Address("ann@x.com", "Ann"));
  }

  @Test
  void normalizeTrimsStripsBracketsAndLowerCases() {
    assertThat(Addresses.normalize("  < Jane.Doe@Acme.COM >  ")).isEqualTo("jane.doe@acme.com");
    assertThat(Addresses.normalize("ISTANBUL@X.COM")).isEqualTo("istanbul@x.com");
  }

  @Test
  void normalizeKeepsPlusAndDots() {
    assertThat(Addresses.normalize("A+X@acme.com")).isEqualTo("a+x@acme.com");
    assertThat(Addresses.normalize("a.b@acme.com")).isEqualTo("a.b@acme.com");
  }

  @Test
  void normalizeRejectsImplausibleAddresses() {
    assertThat(Addresses.normalize(null)).isNull();
    assertThat(Addresses.normalize("no-at-sign")).isNull();
    assertThat(Addresses.normalize("@acme.com")).isNull();
    assertThat(Addresses.normalize("jane@")).isNull();
    assertThat(Addresses.normalize("jane doe@acme.com")).isNull();
    assertThat(Addresses.normalize("<>")).isNull();
    assertThat(Addresses.normalize("Jane <jane@acme.com>")).isNull();
  }

  @Test
  void domainOfTakesPartAfterLastAt() {
    assertThat(Addresses.domainOf("jane@acme.com")).isEqualTo("acme.com");
    assertThat(Addresses.domainOf("\"a@b\"@mail.acme.com")).isEqualTo("mail.acme.com");
    assertThat(Addresses.domainOf("no-at-sign")).isNull();
    assertThat(Addresses.domainOf(null)).isNull();
  }
}
