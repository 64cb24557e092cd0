-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Team dashboard
-- MAGIC
-- MAGIC What each team member did with customers in the 30 days before the last `metrics` run
-- MAGIC (its instant T is the `as_of` column), the emails and meetings behind each number, and the
-- MAGIC daily trend.
-- MAGIC
-- MAGIC - **emails** are messages, not conversations; a message counts for every team member on it.
-- MAGIC - **meetings** are synced meetings starting in the window.

-- COMMAND ----------

CREATE WIDGET TEXT trend_days DEFAULT '90'

-- COMMAND ----------

-- DBTITLE 1,Emails and meetings per team member (last 30 days)
-- chart: bar x=email y=emails_30d,meetings_30d
-- required
SELECT a.team_member_id, a.email, a.emails_30d, a.meetings_30d, a.as_of
FROM gold.team_activity a
ORDER BY a.emails_30d + a.meetings_30d DESC, a.team_member_id

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Behind the numbers
-- MAGIC
-- MAGIC Exactly the emails and meetings counted above, newest first for each team member.

-- COMMAND ----------

-- DBTITLE 1,The items behind the counts (drill-down)
SELECT i.team_member_id, i.item_type, i.at, coalesce(x.subject, '') AS subject, x.customer_ids, i.interaction_id
FROM gold.team_activity_items i
JOIN gold.interactions x USING (interaction_id)
ORDER BY i.team_member_id, i.at DESC, i.item_key

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Daily trend
-- MAGIC
-- MAGIC The team's synced emails and meetings per UTC day over the last `trend_days` days before T
-- MAGIC (from `gold.daily_activity`; an item with two customers counts once for each, and days
-- MAGIC without activity show as zero).

-- COMMAND ----------

-- DBTITLE 1,Emails and meetings per day
-- chart: line x=date y=emails,meetings
WITH t AS (SELECT to_date(max(as_of)) AS day FROM gold.team_activity),
days AS (
  SELECT explode(sequence(date_sub(t.day, ${trend_days}), date_sub(t.day, 1))) AS date
  FROM t WHERE t.day IS NOT NULL
)
SELECT d.date, coalesce(sum(a.emails), 0) AS emails, coalesce(sum(a.meetings), 0) AS meetings
FROM days d
LEFT JOIN gold.daily_activity a ON a.date = d.date
GROUP BY d.date
ORDER BY d.date
