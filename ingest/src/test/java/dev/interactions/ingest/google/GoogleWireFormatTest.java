package dev.interactions.ingest.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.services.calendar.model.Events;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.ListHistoryResponse;
import com.google.api.services.gmail.model.Message;
import dev.interactions.ingest.google.fake.FakeGoogle;
import dev.interactions.ingest.google.fake.FakeResources;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fake speaks Google's wire formats: its answers go through the real client library's parsers
 * (Gmail, Calendar, batch, OAuth) and look like the API reference's examples (int64 fields as JSON
 * strings, error bodies with code, message and errors[].reason).
 */
class GoogleWireFormatTest {
  static final String MAYA = "maya@helio.app";
  static final Instant SENT = Instant.parse("2026-11-20T09:30:00Z");

  static FakeGoogle google;
  static GoogleClients clients;
  static UserTokens tokens;

  @BeforeAll
  static void start() throws IOException {
    google = FakeGoogle.start(1, 5);
    String refresh = google.connect(MAYA);
    tokens = new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, Map.of(MAYA, refresh));
    clients = new GoogleClients(new NetHttpTransport(), google.rootUrl(), google.tokenUri()).withFirstRetryMillis(10);
    google.gmail().add(MAYA, FakeResources.message("18c1f0a2b3c4d5e6", "18c1f0a2b3c4d5e6", SENT,
        List.of("INBOX", "UNREAD", "CATEGORY_PERSONAL"), "Wes Umbra <wes@umbrella.com>", "maya@helio.app", null,
        "Renewal", "CAF=x1@umbrella.com", null));
    google.calendar().put(MAYA, FakeResources.event("ev1", "ev1@google.com", SENT, SENT.plusSeconds(1800), SENT,
        "QBR", MAYA, List.of(MAYA, "wes@umbrella.com"), null));
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  Gmail gmail() {
    return clients.gmail(clients.userCredentials(tokens, MAYA));
  }

  @Test
  void int64FieldsAreJsonStringsAsInTheReferenceAndParseToNumbers() throws Exception {
    String token = new ObjectMapper().readTree(post(google.tokenUri(), "grant_type=refresh_token&client_id="
        + FakeGoogle.CLIENT_ID + "&client_secret=" + FakeGoogle.CLIENT_SECRET + "&refresh_token="
        + tokens.refreshToken(MAYA))).path("access_token").asText();
    JsonNode raw = new ObjectMapper().readTree(get(google.rootUrl()
        + "gmail/v1/users/me/messages/18c1f0a2b3c4d5e6?format=metadata&metadataHeaders=From", token));
    assertThat(raw.path("historyId").isTextual()).isTrue();
    assertThat(raw.path("internalDate").isTextual()).isTrue();
    assertThat(raw.path("internalDate").asText()).isEqualTo(Long.toString(SENT.toEpochMilli()));
    assertThat(raw.path("payload").path("headers")).hasSize(1);

    Message m = gmail().users().messages().get("me", "18c1f0a2b3c4d5e6").setFormat("metadata")
        .setMetadataHeaders(List.of("From", "Subject")).execute();
    assertThat(m.getInternalDate()).isEqualTo(SENT.toEpochMilli());
    assertThat(m.getHistoryId()).isEqualTo(BigInteger.valueOf(google.gmail().historyId(MAYA)));
    assertThat(m.getLabelIds()).containsExactly("INBOX", "UNREAD", "CATEGORY_PERSONAL");
    assertThat(m.getPayload().getHeaders()).extracting("name").containsExactly("Subject", "From");
    assertThat(m.getPayload().getParts()).isNull();
    assertThat(GoogleClients.JSON.toString(m)).contains("\"historyId\":\"" + google.gmail().historyId(MAYA) + "\"");
  }

  @Test
  void fieldsSelectionKeepsOnlyWhatIsAsked() throws Exception {
    Message m = gmail().users().messages().get("me", "18c1f0a2b3c4d5e6").setFormat("full")
        .setFields("id,labelIds").execute();
    assertThat(m.keySet()).containsExactlyInAnyOrder("id", "labelIds");
  }

  @Test
  void errorsAreGoogleJsonErrors() {
    assertThatThrownBy(() -> gmail().users().messages().get("me", "nope").execute())
        .isInstanceOfSatisfying(GoogleJsonResponseException.class, e -> {
          assertThat(e.getStatusCode()).isEqualTo(404);
          assertThat(e.getDetails().getCode()).isEqualTo(404);
          assertThat(e.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");
        });
  }

  @Test
  void batchAnswersEachPartInOrderIncludingFailures() throws Exception {
    Gmail gmail = gmail();
    BatchRequest batch = gmail.batch(gmail.getRequestFactory().getInitializer());
    List<String> results = new ArrayList<>();
    for (String id : List.of("18c1f0a2b3c4d5e6", "missing", "18c1f0a2b3c4d5e6")) {
      gmail.users().messages().get("me", id).setFormat("minimal").queue(batch, new JsonBatchCallback<Message>() {
        @Override
        public void onSuccess(Message message, HttpHeaders headers) {
          results.add("ok " + message.getId() + " " + message.getInternalDate());
        }

        @Override
        public void onFailure(GoogleJsonError error, HttpHeaders headers) {
          results.add("failed " + error.getCode() + " " + error.getErrors().get(0).getReason());
        }
      });
    }
    batch.execute();
    assertThat(results).containsExactly("ok 18c1f0a2b3c4d5e6 " + SENT.toEpochMilli(), "failed 404 notFound",
        "ok 18c1f0a2b3c4d5e6 " + SENT.toEpochMilli());
    assertThat(google.calls()).anyMatch(c -> c.path().equals("/batch/gmail/v1"));
  }

  @Test
  void historyAndCalendarPagesParseAsInTheReference() throws Exception {
    ListHistoryResponse h = gmail().users().history().list("me").setStartHistoryId(BigInteger.ONE)
        .setHistoryTypes(List.of("messageAdded")).execute();
    assertThat(h.getHistoryId()).isEqualTo(BigInteger.valueOf(google.gmail().historyId(MAYA)));
    assertThat(h.getHistory().get(0).getMessagesAdded().get(0).getMessage().getId()).isEqualTo("18c1f0a2b3c4d5e6");

    Events events = clients.calendar(clients.userCredentials(tokens, MAYA)).events().list("primary")
        .setSingleEvents(true).setShowDeleted(true).execute();
    assertThat(events.getNextSyncToken()).isNotBlank();
    assertThat(events.getTimeZone()).isEqualTo("Europe/Berlin");
    assertThat(events.getItems().get(0).getStart().getDateTime().getValue()).isEqualTo(SENT.toEpochMilli());
    assertThat(events.getItems().get(0).getAttendees()).extracting("email").contains("wes@umbrella.com");
  }

  @Test
  void rateLimitsAndServerErrorsAreRetriedWithTheirRetryAfter() throws Exception {
    Gmail gmail = gmail();
    GoogleCalls calls = clients.calls();
    calls.call(() -> gmail.users().getProfile("me").execute());
    google.clearCalls();
    google.failNext(2, 429);
    assertThat(calls.call(() -> gmail.users().getProfile("me").execute()).getEmailAddress()).isEqualTo(MAYA);
    assertThat(google.calls()).filteredOn(c -> c.path().endsWith("/profile")).hasSize(3);

    google.clearCalls();
    google.failNext(1, 403);
    assertThat(calls.call(() -> gmail.users().getProfile("me").execute()).getEmailAddress()).isEqualTo(MAYA);
    assertThat(google.calls()).filteredOn(c -> c.path().endsWith("/profile")).hasSize(2);

    // A failed call inside a batch reaches its callback with Google's reason and the part's Retry-After.
    google.failNext(1, 429);
    BatchRequest batch = gmail.batch(gmail.getRequestFactory().getInitializer());
    List<String> answers = new ArrayList<>();
    gmail.users().messages().get("me", "18c1f0a2b3c4d5e6").setFormat("minimal").queue(batch,
        new JsonBatchCallback<Message>() {
          @Override
          public void onSuccess(Message message, HttpHeaders headers) {
            answers.add(message.getId());
          }

          @Override
          public void onFailure(GoogleJsonError error, HttpHeaders headers) {
            answers.add("failed " + error.getCode() + " " + GoogleCalls.retryable(error) + " " + headers.getRetryAfter());
          }
        });
    batch.execute();
    assertThat(answers).containsExactly("failed 429 true 1");
  }

  @Test
  void aRevokedRefreshTokenIsInvalidGrantAndNeverQuotesTheToken() {
    String token = google.connect("gone@helio.app");
    google.revoke(token);
    UserTokens revoked = new UserTokens(FakeGoogle.CLIENT_ID, FakeGoogle.CLIENT_SECRET, Map.of("gone@helio.app", token));
    assertThatThrownBy(() -> clients.gmail(clients.userCredentials(revoked, "gone@helio.app")).users()
        .getProfile("me").execute())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("invalid_grant")
        .satisfies(e -> assertThat(revoked.redact(e.getMessage())).doesNotContain(token));
  }

  private static String post(String url, String form) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String get(String url, String accessToken) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
  }
}
