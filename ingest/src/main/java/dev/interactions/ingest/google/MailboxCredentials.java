package dev.interactions.ingest.google;

import com.google.auth.Credentials;
import com.google.auth.http.HttpTransportFactory;
import java.io.Serializable;
import java.net.URI;

/**
 * Where the Google source gets a mailbox's credential: the owners' own refresh tokens
 * ({@link UserTokens}) or a service account impersonating them ({@link ServiceAccountKey}).
 * Implementations hold secrets and keep them out of every message they make. They are serializable
 * because sync tasks get them inside the task they run, and nowhere else.
 */
public interface MailboxCredentials extends Serializable {
  /** Whether a credential can be made for this mailbox (a connected one). */
  boolean has(String mailbox);

  /**
   * The credential that acts for {@code mailbox}, getting its access tokens through {@code transport}
   * from {@code tokenUri} (null: the credentials file's, else Google's).
   */
  Credentials forMailbox(String mailbox, HttpTransportFactory transport, URI tokenUri);

  /**
   * The OAuth error by which the token endpoint refused this mailbox's grant ({@code invalid_grant},
   * {@code unauthorized_client} or {@code access_denied}), or null when {@code e} is another failure.
   */
  default String refusal(Throwable e) {
    return GoogleCalls.refusedGrant(e);
  }

  /** The message with every secret of these credentials replaced, for logs, errors and tables. */
  String redact(String message);

  /**
   * What an operator must do after Google's token endpoint refused a mailbox's grant with {@code
   * oauthError} ({@code invalid_grant}, {@code unauthorized_client} or {@code access_denied}); no secret.
   */
  String whenRefused(String oauthError);
}
