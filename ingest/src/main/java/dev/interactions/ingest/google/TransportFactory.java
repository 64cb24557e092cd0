package dev.interactions.ingest.google;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import java.io.Serializable;

/**
 * Makes the HTTP transport of a sync task's Google clients. A transport is not serializable, so
 * tasks get this instead and build their own; tests can hand in another.
 */
@FunctionalInterface
public interface TransportFactory extends Serializable {
  HttpTransport create();

  /** The JDK's HTTP client, as in production. */
  TransportFactory NET_HTTP = NetHttpTransport::new;
}
