package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import dev.interactions.testkit.SharedSpark;
import dev.interactions.testkit.SparkTest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Mailboxes are spread over Spark tasks that sync them side by side with their own clients, in
 * rounds that the driver lands: seen from Spark's own task events and from the fake's side.
 */
@SparkTest
class GoogleScaleOutTest {
  static final List<String> MAILBOXES = List.of("ada@helio.app", "bo@helio.app", "cy@helio.app", "di@helio.app");
  static final int MESSAGES = 120;
  /** Transports the sync tasks made: the factory travels to them and runs there. */
  static final AtomicInteger TRANSPORTS = new AtomicInteger();

  /** The sync rounds' jobs, in order: the partitions that ran, and when each job was submitted. */
  static final class SyncTasks extends SparkListener {
    final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    final Map<Integer, Set<Integer>> partitions = new ConcurrentSkipListMap<>();
    final Map<Integer, Long> submittedAt = new ConcurrentSkipListMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
      if (job.properties() != null && GoogleIngest.JOB_GROUP.equals(job.properties().getProperty("spark.jobGroup.id"))) {
        scala.collection.JavaConverters.seqAsJavaList(job.stageIds())
            .forEach(stage -> jobOfStage.put((Integer) stage, job.jobId()));
        partitions.put(job.jobId(), ConcurrentHashMap.newKeySet());
        submittedAt.put(job.jobId(), job.time());
      }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd task) {
      Integer job = jobOfStage.get(task.stageId());
      if (job != null && task.taskInfo().successful()) {
        partitions.get(job).add(task.taskInfo().index());
      }
    }
  }

  @Test
  void mailboxesSyncInSeveralTasksAtOnceAndLandExactlyTheFakesData(SparkSession spark) throws Exception {
    Warehouse wh = new Warehouse(spark, SharedSpark.newWarehouse());
    Instant now = Instant.now();
    SyncTasks tasks = new SyncTasks();
    spark.sparkContext().addSparkListener(tasks);
    try (FakeGoogle google = FakeGoogle.start(5, 20)) {
      Map<String, String> tokens = new HashMap<>();
      for (String mailbox : MAILBOXES) {
        tokens.put(mailbox, google.connect(mailbox));
        String name = mailbox.substring(0, mailbox.indexOf('@'));
        for (int i = 0; i < MESSAGES; i++) {
          google.gmail().add(mailbox, FakeResources.message(name + i, "t-" + name + i,
              now.minus(Duration.ofHours(i + 1)), List.of("INBOX"), "wes@umbrella.com", mailbox, null, "Hello " + i,
              name + i + "@umbrella.com", null));
        }
        google.calendar().put(mailbox, FakeResources.event(name + "-e1", name + "-e1@google.com",
            now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)).plusSeconds(1800),
            now.minus(Duration.ofDays(3)), "Demo", mailbox, List.of(mailbox, "wes@umbrella.com"), null));
      }
      TransportFactory counting = () -> {
        TRANSPORTS.incrementAndGet();
        return new NetHttpTransport();
      };
      // 500 units a second a mailbox: each mailbox's 120 messages take a while, long enough to see them overlap.
      GoogleClients clients = new GoogleClients(counting, google.rootUrl(), google.tokenUri())
          .withQuota(QuotaLimiter.of(500, QuotaLimiter.DEFAULT_PROJECT_UNITS_PER_MINUTE));
      GoogleOptions options = new GoogleOptions(MAILBOXES, List.of(), GoogleOptions.DEFAULT_BACKFILL,
          GoogleOptions.StoreBodies.SNIPPET, google.rootUrl(), google.tokenUri());
      int before = TRANSPORTS.get();
      AtomicInteger commits = new AtomicInteger();
      List<Long> committedAt = new CopyOnWriteArrayList<>();

      // About 100 rows a round: 25 a mailbox, so each backfill needs three rounds of one batch.
      GoogleIngest.Report report = new GoogleIngest(wh, RunContext.start(), clients,
          new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, tokens))
          .landEvery(100, () -> {
            commits.incrementAndGet();
            committedAt.add(System.currentTimeMillis());
          }).ingest(options);

      assertThat(report.exitStatus()).isZero();
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(tasks.partitions).as("sync rounds, one Spark job each").hasSize(3).hasSizeLessThanOrEqualTo(commits.get());
      List<Set<Integer>> rounds = List.copyOf(tasks.partitions.values());
      assertThat(rounds.get(0)).as("the tasks of the first round").containsExactlyInAnyOrder(0, 1);
      // Later rounds fetch while the round before lands, and leave local[2]'s other slot to its commit.
      assertThat(rounds.subList(1, rounds.size())).as("the tasks of the rounds beside a commit")
          .allSatisfy(p -> assertThat(p).containsExactly(0));
      List<Long> submitted = List.copyOf(tasks.submittedAt.values());
      for (int round = 1; round < submitted.size(); round++) {
        assertThat(submitted.get(round)).as("round %d submitted before round %d's commit ended", round + 1, round)
            .isLessThan(committedAt.get(round - 1));
      }
      // Each task of each round makes its own.
      assertThat(TRANSPORTS.get() - before).isGreaterThanOrEqualTo(2 + 1 + 1);
      assertThat(google.allAtOnce(MAILBOXES)).as("time all four mailboxes were syncing at once").isPositive();
      for (String mailbox : MAILBOXES) {
        BronzeVersusFake.assertGmailMatches(wh, google, mailbox, options.backfillStart(now));
        Map<String, Long> gets = google.calls().stream()
            .filter(c -> mailbox.equals(c.mailbox()) && c.path().startsWith("/gmail/v1/users/me/messages/"))
            .collect(Collectors.groupingBy(c -> c.path(), Collectors.counting()));
        assertThat(gets).as("messages.get of " + mailbox).hasSize(MESSAGES).allSatisfy((id, n) -> assertThat(n)
            .as(id).isEqualTo(1));
      }
      assertThat(report.states()).hasSize(2 * MAILBOXES.size())
          .allSatisfy(s -> assertThat(s.status()).isEqualTo("ok"))
          .filteredOn(s -> s.source().equals("gmail")).allSatisfy(s -> assertThat(s.resourcesSeen())
              .isEqualTo(MESSAGES));
    } finally {
      spark.sparkContext().removeSparkListener(tasks);
    }
  }
}
