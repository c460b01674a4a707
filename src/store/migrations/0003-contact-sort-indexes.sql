-- Schema version 3: the contact list pages through contacts by lead score and by last contact
-- (most recent first, never contacted last) as it does by name, with an index for each order.
CREATE INDEX contacts_by_score ON contacts (score, id);
CREATE INDEX contacts_by_last_contacted ON contacts (ifnull (last_contacted_at, -1), id);
