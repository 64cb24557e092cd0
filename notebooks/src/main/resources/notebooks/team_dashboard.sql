-- # Team dashboard
-- What each team member did in the last 30 days (as of the last metrics run), and the
-- emails and meetings behind those numbers.

-- %% Emails and meetings per team member
SELECT a.team_member_id, a.email, a.emails_30d, a.meetings_30d, a.as_of
FROM gold.team_activity a
ORDER BY a.emails_30d + a.meetings_30d DESC, a.team_member_id;

-- %% The items behind the counts (drill-down)
SELECT i.team_member_id, i.item_type, i.at, coalesce(x.subject, '') AS subject, i.interaction_id
FROM gold.team_activity_items i
JOIN gold.interactions x USING (interaction_id)
ORDER BY i.team_member_id, i.at DESC;
