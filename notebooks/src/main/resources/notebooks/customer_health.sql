-- # Customer health
-- Customers sorted by how long ago we last heard from them, with their next meeting.

-- %% Customers with the oldest last interaction first
SELECT c.customer_id, c.name, c.last_interaction_at, c.last_email_reply_at, c.next_meeting_at,
       c.emails_30d, c.meetings_30d
FROM gold.customer_metrics c
ORDER BY c.last_interaction_at ASC NULLS FIRST, c.customer_id;

-- %% Contacts who have not written to us themselves in 30 days
SELECT u.user_id, u.email, u.customer_id, u.last_email_reply_at, u.last_interaction_at
FROM gold.user_metrics u
WHERE u.last_email_reply_at IS NULL OR u.last_email_reply_at < u.as_of - INTERVAL 30 DAYS
ORDER BY u.customer_id, u.user_id;
