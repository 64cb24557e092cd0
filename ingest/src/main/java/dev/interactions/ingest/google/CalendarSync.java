package dev.interactions.ingest.google;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.Events;
import dev.interactions.ingest.BronzeRows;
import dev.interactions.ingest.google.LandingSink.Synced;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Syncs one mailbox's primary calendar: the first run lists the window from the backfill start to
 * 12 months ahead with recurring events expanded and cancelled ones shown, then every later run
 * lists only what changed since the stored sync token. A 410 (token no longer valid) means a full
 * listing again.
 */
final class CalendarSync {
  private static final String FIELDS = "items(id,status,iCalUID,updated,eventType,summary,recurringEventId,"
      + "start,end,originalStartTime,organizer,attendees),nextPageToken,nextSyncToken,timeZone";
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private final Calendar calendar;
  private final String mailbox;
  private final GoogleOptions options;
  private final Instant now;
  private final LandingSink sink;
  private final GmailSync.StoredIds stored;
  private final GoogleCalls calls;
  private long fetched;
  private long deleted;
  private long quarantined;

  CalendarSync(Calendar calendar, GoogleCalls calls, String mailbox, GoogleOptions options, Instant now,
      LandingSink sink, GmailSync.StoredIds stored) {
    this.stored = stored;
    this.calls = calls;
    this.calendar = calendar;
    this.mailbox = mailbox;
    this.options = options;
    this.now = now;
    this.sink = sink;
  }

  /** Syncs from the stored sync token (null: the whole window); returns the token to store. */
  Synced run(String syncToken) throws IOException, InterruptedException {
    String next;
    if (syncToken == null) {
      next = list(null, new HashSet<>());
    } else {
      try {
        next = list(syncToken, new HashSet<>());
      } catch (GoogleJsonResponseException e) {
        if (e.getStatusCode() != 410) {
          throw e;
        }
        next = resync();
      }
    }
    return new Synced(next, fetched, deleted, quarantined);
  }

  /** The token is no longer valid: list the window again; stored events it no longer lists are deleted. */
  private String resync() throws IOException, InterruptedException {
    Set<String> listed = new HashSet<>();
    String next = list(null, listed);
    Set<String> missing = new HashSet<>(stored.since(mailbox, options.backfillStart(now)));
    missing.removeAll(listed);
    List<Row> tombstones = new ArrayList<>();
    for (String id : missing) {
      tombstones.add(BronzeRows.calendarTombstone(mailbox, id, Timestamp.from(now), ref(id)));
    }
    deleted += tombstones.size();
    if (!tombstones.isEmpty()) {
      sink.calendar(tombstones);
    }
    return next;
  }

  private static String ref(String id) {
    return "calendar:calendars/primary/events/" + id;
  }

  private String list(String syncToken, Set<String> listed) throws IOException, InterruptedException {
    String page = null;
    String nextSyncToken = null;
    do {
      Calendar.Events.List request = calendar.events().list(BronzeRows.PRIMARY)
          .setSingleEvents(true)
          .setShowDeleted(true)
          .setMaxResults(2500)
          .setPageToken(page)
          .setFields(FIELDS);
      if (syncToken == null) {
        request.setTimeMin(new DateTime(Date.from(options.backfillStart(now))))
            .setTimeMax(new DateTime(Date.from(GoogleOptions.calendarEnd(now))));
      } else {
        // A sync token cannot be combined with timeMin or timeMax: Google keeps the first listing's.
        request.setSyncToken(syncToken);
      }
      Events events = calls.call(request::execute);
      List<Row> rows = new ArrayList<>();
      if (events.getItems() != null) {
        for (Event e : events.getItems()) {
          listed.add(e.getId());
          String raw = GoogleClients.JSON.toString(e);
          Row row = BronzeRows.calendar(mailbox, ref(e.getId()),
              JACKSON.readTree(raw), events.getTimeZone(), raw);
          if (row.getAs("q_reason") != null) {
            quarantined++;
          }
          rows.add(row);
        }
      }
      fetched += rows.size();
      if (!rows.isEmpty()) {
        sink.calendar(rows);
      }
      page = events.getNextPageToken();
      nextSyncToken = events.getNextSyncToken();
    } while (page != null);
    if (nextSyncToken == null) {
      throw new IOException("events.list ended without nextSyncToken");
    }
    return nextSyncToken;
  }
}
