package dev.interactions.app;

import dev.interactions.core.Settings;
import dev.interactions.ingest.google.GoogleOptions;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.function.Function;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that check option values while picocli parses, before any path is checked or Spark
 * starts: a bad value is a usage error (exit 2) whose message lists what is allowed.
 */
final class OptionValues {
  private OptionValues() {}

  /** A usage error found after parsing, e.g. a bad value in a --config file: exit 2 as well. */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /** A value its parser checks: the parser's own message says what is allowed. */
  static <T> T parsed(String value, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  /** One of a few exact words. */
  static String word(String value, String... allowed) {
    return oneOf(value, String.join(", ", allowed), v -> {
      if (!List.of(allowed).contains(v)) {
        throw new IllegalArgumentException(v);
      }
      return v;
    });
  }

  /** A value from a fixed list: a parse failure names the allowed values. */
  static <T> T oneOf(String value, String allowed, Function<String, T> parse) {
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected one of " + allowed + " but was '" + value + "'");
    }
  }

  static final class SyncTo implements ITypeConverter<Settings.SyncTo> {
    @Override
    public Settings.SyncTo convert(String value) {
      return oneOf(value, "users, customers", Settings.SyncTo::parse);
    }
  }

  static final class SampleLayout implements ITypeConverter<dev.interactions.sample.Layout> {
    @Override
    public dev.interactions.sample.Layout convert(String value) {
      return oneOf(value, "files, jsonl", dev.interactions.sample.Layout::parse);
    }
  }

  static final class StoreBodies implements ITypeConverter<GoogleOptions.StoreBodies> {
    @Override
    public GoogleOptions.StoreBodies convert(String value) {
      return oneOf(value, "none, snippet, full", GoogleOptions.StoreBodies::parse);
    }
  }

  /** true or false, exactly (picocli's own Boolean converter would not list them). */
  static final class TrueOrFalse implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return Boolean.valueOf(word(value, "true", "false"));
    }
  }

  /** How the Google source authenticates; service accounts come with domain-wide delegation. */
  static final class Auth implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      return word(value, "user-tokens", "service-account");
    }
  }

  /** An email address, normalized (lower case). */
  static final class Mailbox implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String normalized = dev.interactions.core.mail.Addresses.normalize(value);
      if (normalized == null) {
        throw new TypeConversionException("expected an email address like maya@helio.app but was '" + value + "'");
      }
      return normalized;
    }
  }

  /** A wait: a whole number of seconds, minutes or hours (5m). */
  static final class Timeout implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      if (value == null || !value.matches("[1-9][0-9]{0,5}[smh]")) {
        throw new TypeConversionException("expected a number with a unit s, m or h (like 30s, 5m or 1h) but was '"
            + value + "'");
      }
      long n = Long.parseLong(value.substring(0, value.length() - 1));
      return switch (value.charAt(value.length() - 1)) {
        case 's' -> java.time.Duration.ofSeconds(n);
        case 'm' -> java.time.Duration.ofMinutes(n);
        default -> java.time.Duration.ofHours(n);
      };
    }
  }

  /** An http or https URL with a host. */
  static final class HttpUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        java.net.URI uri = new java.net.URI(value);
        if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
          return value;
        }
      } catch (java.net.URISyntaxException e) {
        // Said below.
      }
      throw new TypeConversionException("expected an http or https URL like https://oauth2.googleapis.com/token"
          + " but was '" + value + "'");
    }
  }

  /** A mailbox's time budget per run: seconds, minutes or hours (30m). */
  static final class TimeBudget implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      return parsed(value, GoogleOptions::parseTimeBudget);
    }
  }

  /** How often the Google ingest prints its progress lines: seconds or minutes (10s). */
  static final class ProgressEvery implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      return parsed(value, dev.interactions.ingest.google.progress.IngestProgress::parseEvery);
    }
  }

  /** Rows per landing commit of a Google ingest: 1 to 1,000,000. */
  static final class LandEvery implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return parsed(value, v -> {
        if (v.matches("[1-9][0-9]{0,6}") && Integer.parseInt(v) <= 1_000_000) {
          return Integer.parseInt(v);
        }
        throw new IllegalArgumentException("land-every must be a whole number from 1 to 1000000, not '" + v + "'");
      });
    }
  }

  /** A positive number of Gmail quota units. */
  static final class QuotaUnits implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return parsed(value, v -> GoogleOptions.parseQuota(v, "quota"));
    }
  }

  /** The first run's window: a count of days, weeks or months (6m). */
  static final class Backfill implements ITypeConverter<Period> {
    @Override
    public Period convert(String value) {
      return parsed(value, GoogleOptions::parseBackfill);
    }
  }

  /** Window lengths: whole days from 1 to 3650. */
  static final class WindowDays implements ITypeConverter<Integer> {
    static final int MAX = 3650;

    @Override
    public Integer convert(String value) {
      try {
        int days = Integer.parseInt(value.trim());
        if (days >= 1 && days <= MAX) {
          return days;
        }
      } catch (NumberFormatException e) {
        // reported below with the allowed values
      }
      throw new TypeConversionException("expected whole days from 1 to " + MAX + " (like 7,30,90) but was '"
          + value + "'");
    }
  }

  /** An instant like 2026-06-30T00:00:00Z, or a date meaning 00:00 UTC of that day. */
  static final class AsOfInstant implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
            : Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("expected an instant like 2026-06-30T00:00:00Z or a date like "
            + "2026-06-30 but was '" + value + "'");
      }
    }
  }
}
