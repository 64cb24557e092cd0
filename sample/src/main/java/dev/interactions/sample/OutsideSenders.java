package dev.interactions.sample;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** People outside the reference data who still write to the team and invite it. */
final class OutsideSenders {
  private OutsideSenders() {}

  /** Senders no one on the team knows: the third-party rule's cases. */
  static final Person[] THIRD_PARTIES = {
    new Person("recruiter@talentbridge.example", "Jordan", "Blake", NameStyle.NAME,
        ZoneId.of("America/New_York")),
    new Person("sales@vendorly.example", "Vendorly", "Sales", NameStyle.NAME,
        ZoneId.of("Europe/London")),
  };
  static final Person[] NEWSLETTERS = {
    new Person("news@some-saas.example", "SomeSaaS News", "", NameStyle.NAME, ZoneOffset.UTC),
    new Person("no-reply@updates.some-saas.example", "SomeSaaS", "", NameStyle.NAME,
        ZoneOffset.UTC),
    new Person("digest@community.example", "", "", NameStyle.PLAIN, ZoneOffset.UTC),
  };
}
