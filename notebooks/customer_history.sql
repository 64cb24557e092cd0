-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Customer history
-- MAGIC
-- MAGIC Everything we did with one customer, newest first: the email conversations with their
-- MAGIC messages and the meetings with their attendees. Set the `customer_id` widget (for example
-- MAGIC `--param customer_id=c2`); left empty, the notebook shows the first customer by id.

-- COMMAND ----------

CREATE WIDGET TEXT customer_id DEFAULT ''

-- COMMAND ----------

-- DBTITLE 1,The customer
-- required
WITH chosen AS (
  SELECT coalesce(nullif(trim('${customer_id}'), ''), min(customer_id)) AS customer_id FROM silver.customers
)
SELECT c.customer_id, c.name, c.domains, m.last_interaction_at, m.last_email_reply_at, m.next_meeting_at
FROM silver.customers c
JOIN chosen USING (customer_id)
LEFT JOIN gold.customer_metrics m USING (customer_id)

-- COMMAND ----------

-- DBTITLE 1,Interactions, newest first
-- required
WITH chosen AS (
  SELECT coalesce(nullif(trim('${customer_id}'), ''), min(customer_id)) AS customer_id FROM silver.customers
)
SELECT i.last_activity_at, i.interaction_type, i.subject, i.started_at, i.message_count, i.team_member_ids,
       i.user_ids, i.interaction_id
FROM gold.interactions i
JOIN gold.interaction_links l ON l.interaction_id = i.interaction_id AND l.role = 'customer'
JOIN chosen ON l.id = chosen.customer_id
ORDER BY i.last_activity_at DESC, i.interaction_id

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Email conversations
-- MAGIC
-- MAGIC Each conversation's messages in the order they were sent; the newest conversation first.

-- COMMAND ----------

-- DBTITLE 1,Email conversations and their messages
WITH chosen AS (
  SELECT coalesce(nullif(trim('${customer_id}'), ''), min(customer_id)) AS customer_id FROM silver.customers
)
SELECT i.subject AS conversation, m.sent_at, m.direction, m.from_address, m.subject, m.snippet, i.interaction_id
FROM gold.interactions i
JOIN gold.interaction_links l ON l.interaction_id = i.interaction_id AND l.role = 'customer'
JOIN chosen ON l.id = chosen.customer_id
JOIN gold.interaction_messages m ON m.interaction_id = i.interaction_id
WHERE i.interaction_type = 'email'
ORDER BY i.last_activity_at DESC, i.interaction_id, m.sent_at, m.message_key

-- COMMAND ----------

-- DBTITLE 1,Meetings and their attendees
WITH chosen AS (
  SELECT coalesce(nullif(trim('${customer_id}'), ''), min(customer_id)) AS customer_id FROM silver.customers
)
SELECT m.start_at, m.end_at, m.subject, m.organizer, m.participants AS attendees, m.status, m.interaction_id
FROM silver.meetings m
JOIN chosen ON array_contains(m.customer_ids, chosen.customer_id)
WHERE m.synced
ORDER BY m.start_at DESC, m.meeting_key
