-- # Why was an email not synced?
-- Exclusions by reason, and the most recent excluded emails with the addresses involved.
-- For one email, `bin/interactions explain --message-id ID` gives the full story.

-- %% Emails by decision
SELECT coalesce(exclusion_reason, 'synced') AS decision, direction, count(*) AS emails
FROM silver.email_messages
GROUP BY 1, 2
ORDER BY 1, 2;

-- %% Latest excluded emails
SELECT sent_at, exclusion_reason, from_address, subject, participants
FROM silver.email_messages
WHERE NOT synced
ORDER BY sent_at DESC, message_key
LIMIT 50;

-- %% Reference data warnings
SELECT kind, subject, detail FROM silver.reference_warnings ORDER BY kind, subject;
