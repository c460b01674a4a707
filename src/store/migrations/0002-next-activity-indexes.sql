-- Schema version 2: a deal's or a contact's next step (its earliest open activity with a due
-- time) is found by one index seek, not by reading every activity it has. The board asks for
-- it for every card it shows.
CREATE INDEX activities_next_by_deal ON activities (deal_id, due_at)
  WHERE done = 0 AND due_at IS NOT NULL;
CREATE INDEX activities_next_by_contact ON activities (contact_id, due_at)
  WHERE done = 0 AND due_at IS NOT NULL;
