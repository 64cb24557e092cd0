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
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Syncs one mailbox's primary calendar: the first run lists the window from the backfill start to
 * 12 months ahead with recurring events expanded and cancelled ones shown, then every later run
 * lists only what changed since the stored sync token. A 410 (token no longer valid) means a full
 * listing again.
 */
final class CalendarSync extends MailboxSync {
  private static final String FIELDS = "items(id,status,iCalUID,updated,eventType,summary,recurringEventId,"
      + "start,end,originalStartTime,organizer,attendees),nextPageToken,nextSyncToken,timeZone";
  private static final ObjectMapper JACKSON = new ObjectMapper();

  private final Calendar calendar;

  CalendarSync(Calendar calendar, Context context) {
    super(context, "calendar:calendars/primary/events/", context.sink()::calendar);
    this.calendar = calendar;
  }

  /** Syncs from the stored sync token (null: the whole window); returns the token to store. */
  @Override
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
        // The token is no longer valid: list the window again; stored events it no longer lists are deleted.
        Set<String> stored = storedInWindow();
        Set<String> listed = new HashSet<>();
        next = list(null, listed);
        tombstoneUnlisted(stored, listed, (id, at) -> BronzeRows.calendarTombstone(context.mailbox(), id, at, ref(id)));
      }
    }
    return synced(next, false);
  }

  private String list(String syncToken, Set<String> listed) throws IOException, InterruptedException {
    Instant now = context.now();
    String[] nextSyncToken = {null};
    eachPage(page -> {
          Calendar.Events.List request = calendar.events().list(BronzeRows.PRIMARY)
              .setSingleEvents(true)
              .setShowDeleted(true)
              .setMaxResults(2500)
              .setPageToken(page)
              .setFields(FIELDS);
          if (syncToken == null) {
            request.setTimeMin(new DateTime(Date.from(context.options().backfillStart(now))))
                .setTimeMax(new DateTime(Date.from(GoogleOptions.calendarEnd(now))));
          } else {
            // A sync token cannot be combined with timeMin or timeMax: Google keeps the first listing's.
            request.setSyncToken(syncToken);
          }
          return request.execute();
        },
        Events::getNextPageToken,
        events -> {
          List<Row> rows = new ArrayList<>();
          for (Event e : events.getItems() == null ? List.<Event>of() : events.getItems()) {
            listed.add(e.getId());
            String raw = GoogleClients.JSON.toString(e);
            rows.add(BronzeRows.calendar(context.mailbox(), ref(e.getId()), JACKSON.readTree(raw),
                events.getTimeZone(), raw));
          }
          landFetched(rows);
          context.progress().events(context.mailbox(), rows.size());
          nextSyncToken[0] = events.getNextSyncToken();
          return true;
        });
    if (nextSyncToken[0] == null) {
      throw new IOException("events.list ended without nextSyncToken");
    }
    return nextSyncToken[0];
  }
}
