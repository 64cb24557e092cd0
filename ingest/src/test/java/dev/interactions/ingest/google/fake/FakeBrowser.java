package dev.interactions.ingest.google.fake;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The owner's browser in consent tests: watches what the command prints for the consent URL,
 * opens it and follows the fake's redirect to the loopback receiver, as a browser would.
 */
public final class FakeBrowser implements AutoCloseable {
  private static final Pattern CONSENT_URL = Pattern.compile("http://127\\.0\\.0\\.1:[0-9]+" + FakeConsent.PATH
      + "\\?\\S+");

  /** Where the browser ended: the receiver's URL (code included), its status and page. */
  public record Visit(String consentUrl, String landedAt, int status, String page) {}

  private final Thread thread;
  private final CompletableFuture<Visit> visit = new CompletableFuture<>();

  private FakeBrowser(Supplier<String> printed, UnaryOperator<String> tamper) {
    thread = new Thread(() -> {
      try {
        visit.complete(open(waitForUrl(printed), tamper));
      } catch (InterruptedException e) {
        visit.completeExceptionally(e);
      } catch (IOException | RuntimeException e) {
        visit.completeExceptionally(e);
      }
    }, "fake-browser");
    thread.setDaemon(true);
    thread.start();
  }

  /** Opens the first consent URL that appears in {@code printed} (polled), changed by {@code tamper}. */
  public static FakeBrowser watching(Supplier<String> printed, UnaryOperator<String> tamper) {
    return new FakeBrowser(printed, tamper);
  }

  public static FakeBrowser watching(Supplier<String> printed) {
    return watching(printed, url -> url);
  }

  /** The visit, once the receiver has answered. */
  public Visit visit() throws Exception {
    return visit.get(30, TimeUnit.SECONDS);
  }

  private static String waitForUrl(Supplier<String> printed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      Matcher m = CONSENT_URL.matcher(printed.get());
      if (m.find()) {
        return m.group();
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no consent URL was printed");
  }

  private static Visit open(String consentUrl, UnaryOperator<String> tamper) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL(tamper.apply(consentUrl)).openConnection();
    c.setInstanceFollowRedirects(true);
    c.setConnectTimeout(10_000);
    c.setReadTimeout(10_000);
    int status = c.getResponseCode();
    InputStream body = status >= 400 ? c.getErrorStream() : c.getInputStream();
    String page = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
    String landedAt = c.getURL().toString();
    c.disconnect();
    return new Visit(consentUrl, landedAt, status, page);
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
