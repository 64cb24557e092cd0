-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Customers at risk
-- MAGIC
-- MAGIC Customers and their contacts ("users") sorted by how long ago we last heard from them, as of
-- MAGIC the last `metrics` run (T, the `as_of` column):
-- MAGIC
-- MAGIC 1. every customer, the longest silent first;
-- MAGIC 2. customers and users who have not written to us themselves in `no_reply_days` days;
-- MAGIC 3. the meetings coming up after T, so that someone can prepare.

-- COMMAND ----------

CREATE WIDGET TEXT no_reply_days DEFAULT '30'

-- COMMAND ----------

-- DBTITLE 1,Customers, the oldest last interaction first
-- required
SELECT c.customer_id, c.name, c.last_interaction_at, c.last_email_reply_at,
       datediff(c.as_of, c.last_interaction_at) AS days_since_interaction,
       datediff(c.as_of, c.last_email_reply_at) AS days_since_reply,
       c.next_meeting_at, c.emails_30d, c.meetings_30d
FROM gold.customer_metrics c
ORDER BY c.last_interaction_at ASC NULLS FIRST, c.customer_id

-- COMMAND ----------

-- DBTITLE 1,Customers without a reply in no_reply_days days
SELECT c.customer_id, c.name, c.last_email_reply_at, c.last_email_at, c.next_meeting_at
FROM gold.customer_metrics c
WHERE c.last_email_reply_at IS NULL OR c.last_email_reply_at < c.as_of - make_interval(0, 0, 0, ${no_reply_days})
ORDER BY c.last_email_reply_at ASC NULLS FIRST, c.customer_id

-- COMMAND ----------

-- DBTITLE 1,Users without a reply in no_reply_days days
SELECT u.user_id, u.email, u.customer_id, u.last_email_reply_at, u.last_interaction_at, u.next_meeting_at
FROM gold.user_metrics u
WHERE u.last_email_reply_at IS NULL OR u.last_email_reply_at < u.as_of - make_interval(0, 0, 0, ${no_reply_days})
ORDER BY u.last_email_reply_at ASC NULLS FIRST, u.customer_id, u.user_id

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Coming up
-- MAGIC
-- MAGIC Synced meetings that start after T, with the customers they are with.

-- COMMAND ----------

-- DBTITLE 1,Upcoming meetings
WITH t AS (SELECT max(as_of) AS as_of FROM gold.customer_metrics)
SELECT m.start_at, m.subject, concat_ws('; ', collect_list(c.name)) AS customers, m.organizer, m.participants
FROM silver.meetings m
CROSS JOIN t
LEFT JOIN silver.customers c ON array_contains(m.customer_ids, c.customer_id)
WHERE m.synced AND m.start_at > t.as_of
GROUP BY m.meeting_key, m.start_at, m.subject, m.organizer, m.participants
ORDER BY m.start_at, m.meeting_key
