-- # Conversations
-- The longest email conversations and the messages in them.

-- %% Longest conversations
SELECT interaction_id, subject, message_count, started_at, last_activity_at, customer_ids, team_member_ids
FROM gold.interactions
WHERE interaction_type = 'email'
ORDER BY message_count DESC, last_activity_at DESC, interaction_id
LIMIT 20;

-- %% Messages of those conversations
SELECT m.interaction_id, m.sent_at, m.direction, m.from_address, m.subject
FROM gold.interaction_messages m
JOIN (SELECT interaction_id FROM gold.interactions WHERE interaction_type = 'email'
      ORDER BY message_count DESC, last_activity_at DESC, interaction_id LIMIT 20) top USING (interaction_id)
ORDER BY m.interaction_id, m.sent_at;
