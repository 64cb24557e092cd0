package dev.interactions.app;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.core.RunContext;
import dev.interactions.core.pipeline.RunLock;
import dev.interactions.core.pipeline.RunLog;
import dev.interactions.core.pipeline.StageReport;
import dev.interactions.core.catalog.Warehouse;
import dev.interactions.core.mail.Addresses;
import dev.interactions.ingest.SyncState;
import dev.interactions.ingest.files.FilesIngest;
import dev.interactions.ingest.google.GoogleClients;
import dev.interactions.ingest.google.GoogleIngest;
import dev.interactions.ingest.google.GoogleOptions;
import dev.interactions.ingest.google.MailboxCredentials;
import dev.interactions.ingest.google.QuotaLimiter;
import dev.interactions.ingest.google.ServiceAccountKey;
import dev.interactions.ingest.google.UserTokens;
import dev.interactions.ingest.google.progress.IngestProgress;
import dev.interactions.transform.reference.ReferenceCsv;
import dev.interactions.transform.reference.ReferenceData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = "Land raw Gmail and Calendar resources into the bronze tables.")
final class IngestCommand implements Callable<Integer> {
  // Looked up when used, not held statically: picocli creates every command to parse any one, and
  // a static logger would start the logging system for a usage error (seconds instead of a blink).
  private static Logger log() {
    return LoggerFactory.getLogger(IngestCommand.class);
  }

  enum Source { files, google }

  @Mixin Verbosity verbosity;

  @Option(names = "--source", required = true, description = "files or google.")
  Source source;

  @Option(names = "--input", description = "files source: folder with gmail/<mailbox>/ and calendar/<mailbox>/.")
  String input;

  @Option(names = "--warehouse", required = true, description = "Warehouse root: a folder or a Hadoop URI.")
  String warehouse;

  @Mixin ReferenceOptions referenceOptions;

  @Option(names = "--mailboxes", split = ",", paramLabel = "a@x.com,b@x.com",
      description = "google source: which mailboxes (default: the team members that have a token; with"
          + " service-account, every team member).")
  List<String> mailboxes;

  @Option(names = "--auth", paramLabel = "user-tokens|service-account", converter = OptionValues.Auth.class,
      description = "google source: user-tokens (per-user refresh tokens) or service-account (a service account"
          + " key with domain-wide delegation, impersonating each mailbox).")
  String auth;

  @Option(names = "--credentials", paramLabel = "TOKENS.json|KEY.json",
      description = "google source, owner-readable only: user-tokens: {\"client_id\", \"client_secret\", \"tokens\":"
          + " {\"<mailbox>\": \"<refresh token>\"}}; service-account: the service account's JSON key.")
  Path credentials;

  @Option(names = "--backfill", paramLabel = "6m", converter = OptionValues.Backfill.class,
      description = "google source: the first run's window, in d, w or m (default: 6m).")
  Period backfill = GoogleOptions.DEFAULT_BACKFILL;

  @Option(names = "--google-root-url", paramLabel = "URL",
      description = "google source: replaces the root URL of the Gmail and Calendar APIs (proxies, tests).")
  String googleRootUrl;

  @Option(names = "--token-uri", paramLabel = "URL",
      description = "google source: replaces Google's OAuth token endpoint (also a key file's token_uri).")
  String tokenUri;

  @Option(names = "--mailbox-time-budget", paramLabel = "30m", converter = OptionValues.TimeBudget.class,
      description = "google source: how long one mailbox's backfill may run per run (s, m or h); one that reaches it"
          + " stops 'partial' and goes on next run (default: no limit).")
  Duration mailboxTimeBudget;

  @Option(names = "--quota-user-units-per-second", paramLabel = "250", converter = OptionValues.QuotaUnits.class,
      description = "google source: Gmail quota units one mailbox may spend a second (default: 250, Google's).")
  double quotaUserUnitsPerSecond = QuotaLimiter.DEFAULT_USER_UNITS_PER_SECOND;

  @Option(names = "--quota-project-units-per-minute", paramLabel = "1200000", converter = OptionValues.QuotaUnits.class,
      description = "google source: Gmail quota units all mailboxes together may spend a minute (default: 1200000,"
          + " Google's).")
  double quotaProjectUnitsPerMinute = QuotaLimiter.DEFAULT_PROJECT_UNITS_PER_MINUTE;

  @Option(names = "--land-every", paramLabel = "10000", converter = OptionValues.LandEvery.class,
      description = "google source: messages and events fetched before they land in one commit; a run killed"
          + " part-way fetches at most this many again (default: 10000).")
  int landEvery = GoogleIngest.FLUSH_ROWS;

  @Option(names = "--progress-every", paramLabel = "10s", converter = OptionValues.ProgressEvery.class,
      description = "google source: how often a line per active mailbox (listed, fetched, rate, time left) goes to"
          + " stderr, in s or m (default: 10s); a summary table follows at the end.")
  Duration progressEvery = IngestProgress.DEFAULT_EVERY;

  @Option(names = "--store-bodies", paramLabel = "none|snippet|full", converter = OptionValues.StoreBodies.class,
      description = "How much of a message lands in bronze: none (headers only), snippet, or full (bodies; never"
          + " attachments). none and snippet fetch Gmail's metadata format (default: snippet).")
  GoogleOptions.StoreBodies storeBodies = GoogleOptions.StoreBodies.SNIPPET;

  @Override
  public Integer call() throws Exception {
    if (source == Source.google) {
      return ingestGoogle();
    }
    if (input == null) {
      throw new IllegalArgumentException("--source files needs --input DIR");
    }
    Cli.requireFolder(input, "input folder");
    FilesIngest.Report report;
    try (RunLock lock = Cli.lockWarehouse(warehouse, "ingest", false)) {
      report = ingestFiles(Cli.openWarehouse(warehouse, false), input, storeBodies);
    }
    for (FilesIngest.SourceReport s : report.sources()) {
      System.out.printf("%s: %d files (%d unchanged since read, skipped), %d mailboxes, %d resources read, %d new,"
          + " %d updated, %d quarantined%n", s.source(), s.files(), s.unchanged(), s.mailboxes(), s.resources(),
          s.landed().inserted(), s.landed().updated(), s.quarantined());
    }
    if (report.quarantined() > 0) {
      // Quarantine is a count, not a failure: the rest landed.
      System.err.printf("interactions: %d records quarantined (see bronze.quarantine); the rest landed%n",
          report.quarantined());
    }
    return 0;
  }

  static FilesIngest.Report ingestFiles(Warehouse wh, String input, GoogleOptions.StoreBodies storeBodies) {
    RunContext run = RunContext.start();
    log().info("ingest run {} from {}, store-bodies {}", run.runId(), input, storeBodies.label());
    return RunLog.record(wh, "ingest", run,
        w -> StageReport.complete("ingest", new FilesIngest(w, run, storeBodies).ingest(input)))
        .details(FilesIngest.Report.class);
  }

  private Integer ingestGoogle() throws Exception {
    if (auth == null || credentials == null) {
      throw new IllegalArgumentException("--source google needs --auth user-tokens and --credentials TOKENS.json"
          + " (or --auth service-account and --credentials KEY.json)");
    }
    String referenceDir = referenceOptions.referenceOrNull();
    if (referenceDir == null && mailboxes == null) {
      throw new IllegalArgumentException("--source google needs --reference DIR (or --mailboxes a@x.com,b@x.com)");
    }
    // Checked before Spark starts: a bad value or file is a one-line error in a blink.
    Set<String> named = mailboxes == null ? null : normalized(mailboxes);
    if (tokenUri != null && !tokenUri.matches("https?://[^/\\s]+(/\\S*)?")) {
      throw new IllegalArgumentException("--token-uri must be an http(s) URL, not '" + tokenUri + "'");
    }
    MailboxCredentials mailboxCredentials = "service-account".equals(auth) ? ServiceAccountKey.read(credentials)
        : UserTokens.read(credentials);
    if (referenceDir != null) {
      Cli.requireFolder(referenceDir, "reference folder");
    }
    try (RunLock lock = Cli.lockWarehouse(warehouse, "ingest", false)) {
      return ingestGoogle(mailboxCredentials, named, referenceDir);
    }
  }

  private static Set<String> normalized(List<String> addresses) {
    Set<String> out = new LinkedHashSet<>();
    for (String m : addresses) {
      String normalized = Addresses.normalize(m);
      if (normalized == null) {
        throw new IllegalArgumentException("--mailboxes: not an address: '" + m + "'");
      }
      out.add(normalized);
    }
    return out;
  }

  /** With service-account every wanted mailbox is connected: the domain's delegation decides at the token endpoint. */
  private Integer ingestGoogle(MailboxCredentials mailboxCredentials, Set<String> named, String referenceDir)
      throws Exception {
    Warehouse wh = Cli.openWarehouse(warehouse, false);
    Set<String> wanted = new LinkedHashSet<>();
    if (named != null) {
      wanted.addAll(named);
    } else {
      ReferenceData data = ReferenceCsv.load(referenceDir, wh.spark().sparkContext().hadoopConfiguration());
      data.teamMembers().forEach(t -> wanted.add(Addresses.normalize(t.email())));
    }
    List<String> connected = new ArrayList<>();
    List<String> notConnected = new ArrayList<>();
    wanted.forEach(m -> (mailboxCredentials.has(m) ? connected : notConnected).add(m));
    GoogleOptions options = new GoogleOptions(connected, notConnected, backfill, storeBodies, googleRootUrl, tokenUri,
        mailboxTimeBudget, quotaUserUnitsPerSecond, quotaProjectUnitsPerMinute);
    RunContext run = RunContext.start();
    log().info("ingest run {} from Google: {} mailboxes, {} not connected", run.runId(), connected.size(),
        notConnected.size());
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), googleRootUrl, tokenUri)
        .withQuota(options.quota());
    GoogleIngest.Report report = RunLog.record(wh, "ingest", run, w -> {
      GoogleIngest.Report r;
      try {
        r = new GoogleIngest(w, run, clients, mailboxCredentials).landEvery(landEvery)
            .withProgress(IngestProgress.to(System.err, progressEvery)).ingest(options);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("ingest interrupted", e);
      }
      return new StageReport("ingest", r.exitStatus() == 0 ? StageReport.Outcome.COMPLETE : StageReport.Outcome.PARTIAL, r);
    }).details(GoogleIngest.Report.class);
    for (SyncState s : report.states()) {
      System.out.printf("%s %s: %s, %d fetched%n", s.source(), s.mailbox(),
          s.status() == null ? s.authState() : s.status(), s.resourcesSeen());
    }
    report.states().stream().filter(s -> SyncState.PARTIAL.equals(s.status())).forEach(s -> System.err.println(
        "interactions: note: " + s.source() + " " + s.mailbox() + " stopped at its time budget; it goes on next run"));
    List<SyncState> failed = report.failed();
    failed.forEach(s -> System.err.println("interactions: " + s.source() + " " + s.mailbox() + " failed: " + s.error()));
    int exit = report.exitStatus();
    if (exit == 1) {
      System.err.println("interactions: error: " + (wanted.isEmpty() ? "no mailbox to sync: no team member has an email"
          : connected.isEmpty() ? "no mailbox to sync: none of " + wanted.size() + " has a refresh token in " + credentials
          : "no mailbox could be synced (see bronze.sync_state)"));
    } else if (exit == Main.EXIT_PARTIAL) {
      System.err.println("interactions: partly done: " + failed.stream().map(SyncState::mailbox).distinct().count()
          + " of " + connected.size() + " mailboxes failed (see status)");
    }
    return exit;
  }
}
