package dev.interactions.app;

import com.google.api.client.http.javanet.NetHttpTransport;
import dev.interactions.ingest.google.DesktopClient;
import dev.interactions.ingest.google.GoogleClients;
import dev.interactions.ingest.google.LoopbackConsent;
import dev.interactions.ingest.google.TokensFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A team member connects a mailbox: no Spark, no warehouse, just the consent and the tokens file. */
@Command(name = "auth", mixinStandardHelpOptions = true,
    description = "Connect a mailbox: its owner consents in a browser (OAuth installed-app flow on a loopback"
        + " redirect) and its refresh token is added to the --auth user-tokens file.")
final class AuthCommand implements Callable<Integer> {
  @Mixin Verbosity verbosity;

  @Option(names = "--credentials", required = true, paramLabel = "TOKENS.json",
      description = "The --auth user-tokens file to add the token to; created owner-readable only when missing.")
  Path credentials;

  @Option(names = "--client-secrets", required = true, paramLabel = "CLIENT.json",
      description = "The client secrets of the Desktop-app OAuth client, as Google Cloud Console downloads them"
          + " (owner-readable only).")
  Path clientSecrets;

  @Option(names = "--mailbox", required = true, paramLabel = "ADDRESS", converter = OptionValues.Mailbox.class,
      description = "The mailbox to connect; its owner signs in as it.")
  String mailbox;

  @Option(names = "--timeout", paramLabel = "5m", converter = OptionValues.Timeout.class,
      description = "How long to wait for the consent in the browser, in s, m or h (default: 5m).")
  Duration timeout = Duration.ofMinutes(5);

  @Option(names = "--auth-uri", paramLabel = "URL", converter = OptionValues.HttpUrl.class,
      description = "Replaces the client secrets' (Google's) consent page (proxies, tests).")
  String authUri;

  @Option(names = "--token-uri", paramLabel = "URL", converter = OptionValues.HttpUrl.class,
      description = "Replaces the client secrets' (Google's) OAuth token endpoint.")
  String tokenUri;

  @Option(names = "--google-root-url", paramLabel = "URL", converter = OptionValues.HttpUrl.class,
      description = "Replaces the root URL of the Gmail API, which tells whose token it is (proxies, tests).")
  String googleRootUrl;

  @Override
  public Integer call() throws Exception {
    // Both files are checked before the browser is asked for anything.
    DesktopClient client = DesktopClient.read(clientSecrets).withEndpoints(authUri, tokenUri);
    TokensFile.check(credentials, client);
    GoogleClients clients = new GoogleClients(new NetHttpTransport(), googleRootUrl, client.tokenUri());
    LoopbackConsent.Grant grant = new LoopbackConsent(clients, client, timeout, System.err, true).run(mailbox);
    TokensFile.add(credentials, client, grant.mailbox(), grant.refreshToken());
    System.out.println("connected " + grant.mailbox());
    return 0;
  }
}
