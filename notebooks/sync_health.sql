-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Sync health
-- MAGIC
-- MAGIC Is every mailbox syncing, what did the pipeline leave out and why, and what input could not
-- MAGIC be read. For one email, `bin/interactions explain --warehouse WH --message-id ID` tells the
-- MAGIC whole story.

-- COMMAND ----------

-- DBTITLE 1,Sync state per mailbox and source
-- required
SELECT mailbox, source, origin, auth_state, status, last_success_at, last_attempt_at, resources_seen,
       quarantined, error
FROM bronze.sync_state
ORDER BY mailbox, source

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Emails left out, week by week
-- MAGIC
-- MAGIC Every distinct email by the week (Monday, UTC) it was sent and its decision: `synced`, or
-- MAGIC the reason it is not an interaction.

-- COMMAND ----------

-- DBTITLE 1,Emails by decision per week
-- chart: line x=week y=synced,internal_only,no_known_contact,third_party_sender,draft,spam_or_trash
SELECT to_date(date_trunc('WEEK', sent_at)) AS week,
       count_if(synced) AS synced,
       count_if(exclusion_reason = 'internal_only') AS internal_only,
       count_if(exclusion_reason = 'no_known_contact') AS no_known_contact,
       count_if(exclusion_reason = 'third_party_sender') AS third_party_sender,
       count_if(exclusion_reason = 'draft') AS draft,
       count_if(exclusion_reason = 'spam_or_trash') AS spam_or_trash
FROM silver.email_messages
WHERE sent_at IS NOT NULL
GROUP BY 1
ORDER BY 1

-- COMMAND ----------

-- DBTITLE 1,Emails and meetings by decision
-- required
SELECT 'email' AS kind, coalesce(exclusion_reason, 'synced') AS decision, count(*) AS items
FROM silver.email_messages GROUP BY 1, 2
UNION ALL
SELECT 'meeting' AS kind, coalesce(exclusion_reason, 'synced') AS decision, count(*) AS items
FROM silver.meetings GROUP BY 1, 2
ORDER BY kind, items DESC, decision

-- COMMAND ----------

-- DBTITLE 1,Quarantined input, newest first
SELECT quarantined_at, source, mailbox, ref, reason, raw
FROM bronze.quarantine
ORDER BY quarantined_at DESC, source, mailbox, ref

-- COMMAND ----------

-- DBTITLE 1,Reference data warnings
SELECT kind, subject, detail FROM silver.reference_warnings ORDER BY kind, subject
