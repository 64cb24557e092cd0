package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.ingest.google.progress.IngestProgress;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A backfill slowed by latency and a client-side quota prints progress lines at its interval, then the table. */
@SparkTest
class GoogleProgressTest {
  static final String ANA = "ana@helio.app";
  static final String BEN = "ben@helio.app";
  static final Pattern LINE = Pattern.compile("progress (\\S+): listed (\\d+)\\+?, fetched (\\d+)( \\(\\d+%\\))?,"
      + " (\\d+\\.\\d) msg/s, eta (>=)?(\\?|\\d+s|\\d+m\\d\\ds), (\\d+) events, (\\d+)s elapsed");

  @Test
  void aSlowBackfillPrintsEachMailboxsProgressAndASummaryMatchingWhatLanded(SparkSession spark) throws Exception {
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    Instant now = Instant.now();
    Map<String, Integer> messages = Map.of(ANA, 300, BEN, 100);
    try (FakeGoogle google = FakeGoogle.start(20, 60)) {
      Map<String, String> tokens = new HashMap<>();
      for (var e : messages.entrySet()) {
        tokens.put(e.getKey(), google.connect(e.getKey()));
        for (int i = 0; i < e.getValue(); i++) {
          String id = e.getKey().charAt(0) + "m" + i;
          google.gmail().add(e.getKey(), FakeResources.message(id, "t-" + id, now.minus(Duration.ofHours(i + 1)),
              List.of("INBOX"), "wes@umbrella.com", e.getKey(), null, "Hello " + i, id + "@umbrella.com", null));
        }
      }
      google.calendar().put(ANA, FakeResources.event("e1", "e1@google.com", now.minus(Duration.ofDays(2)),
          now.minus(Duration.ofDays(2)).plusSeconds(1800), now.minus(Duration.ofDays(3)), "Demo", ANA,
          List.of(ANA, "wes@umbrella.com"), null));
      // 500 units a second for a mailbox is 100 messages.get: Ana's 300 take a few seconds.
      GoogleClients clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri())
          .withQuota(QuotaLimiter.of(500, QuotaLimiter.DEFAULT_PROJECT_UNITS_PER_MINUTE));
      GoogleOptions options = new GoogleOptions(List.of(ANA, BEN), List.of(), GoogleOptions.DEFAULT_BACKFILL,
          GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri());
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      IngestProgress progress = IngestProgress.to(new PrintStream(err, true, StandardCharsets.UTF_8),
          Duration.ofSeconds(1));

      GoogleIngest.Report report = new GoogleIngest(wh, RunContext.start(), clients,
          new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, tokens)).withProgress(progress)
          .ingest(options);

      assertThat(report.exitStatus()).isZero();
      String printed = err.toString(StandardCharsets.UTF_8);
      List<Matcher> lines = printed.lines().filter(l -> l.startsWith("progress ")).map(LINE::matcher).toList();
      assertThat(lines).isNotEmpty().allMatch(Matcher::matches);
      List<Matcher> ana = lines.stream().filter(m -> m.group(1).equals(ANA)).toList();
      // A line a second for a run of several seconds, and once fetching runs a rate and a time left.
      assertThat(ana).hasSizeGreaterThanOrEqualTo(2);
      assertThat(ana).anyMatch(m -> Long.parseLong(m.group(3)) > 0 && Double.parseDouble(m.group(5)) > 0
          && !m.group(7).equals("?") && Long.parseLong(m.group(2)) == 300);
      for (int i = 1; i < ana.size(); i++) {
        long gap = Long.parseLong(ana.get(i).group(9)) - Long.parseLong(ana.get(i - 1).group(9));
        assertThat(gap).as("seconds between two lines at a 1 s interval").isBetween(0L, 2L);
      }
      for (String token : tokens.values()) {
        assertThat(printed).doesNotContain(token);
      }

      String summary = printed.substring(printed.indexOf("ingest summary:\n"));
      assertThat(summary.lines().skip(1).findFirst().orElseThrow().split("\\s+"))
          .containsExactly("mailbox", "listed", "fetched", "msg/s", "events", "time", "gmail", "calendar");
      wh.register();
      for (String mailbox : List.of(ANA, BEN)) {
        long landed = spark.sql("SELECT count(*) FROM bronze.gmail_messages WHERE mailbox = '" + mailbox + "'")
            .first().getLong(0);
        long events = spark.sql("SELECT count(*) FROM bronze.calendar_events WHERE mailbox = '" + mailbox + "'")
            .first().getLong(0);
        assertThat(landed).isEqualTo((long) messages.get(mailbox));
        String row = summary.lines().filter(l -> l.startsWith(mailbox + " ")).findFirst().orElseThrow();
        String[] cells = row.split("\\s+");
        assertThat(cells[1]).isEqualTo(Long.toString(landed));
        assertThat(cells[2]).isEqualTo(Long.toString(landed));
        assertThat(Double.parseDouble(cells[3])).isPositive();
        assertThat(cells[4]).isEqualTo(Long.toString(events));
        assertThat(cells[6]).isEqualTo("ok");
        assertThat(cells[7]).isEqualTo("ok");
      }
      assertThat(summary).containsPattern("\ntotal +400 +400 ");
    }
  }
}
