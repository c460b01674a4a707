-- Schema version 4: the contact list's company order, its filters, and saved filters
-- ("smart lists").

-- A contact's company name, kept on the contact so the list can be ordered by it through an
-- index (a join cannot page by keyset). Only the triggers below write it: Rapport's own writes
-- leave the column out, and a write that names it anyway is corrected. It is not part of the
-- change log (a company rename would otherwise log a row for each of its people, and undoing
-- the contact's own changes would stumble over them): it follows company_id and the company.
ALTER TABLE contacts ADD COLUMN company_name TEXT;

-- The change log records a contact's own columns only: the trigger now names them, so that
-- keeping company_name up to date writes no log row. A column added to contacts later must be
-- added to this list too.
DROP TRIGGER contacts_log_update;
CREATE TRIGGER contacts_log_update AFTER UPDATE OF id, uuid, name, email, phone, title, company_id, lifecycle, source_id, captured_at, owner, country, notes, bant_budget, bant_budget_note, bant_authority, bant_authority_note, bant_need, bant_need_note, bant_timeline, bant_timeline_note, score, last_contacted_at, created_at, updated_at ON contacts BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('contacts', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'email', old.email, 'phone', old.phone, 'title', old.title, 'company_id', old.company_id, 'lifecycle', old.lifecycle, 'source_id', old.source_id, 'captured_at', old.captured_at, 'owner', old.owner, 'country', old.country, 'notes', old.notes, 'bant_budget', old.bant_budget, 'bant_budget_note', old.bant_budget_note, 'bant_authority', old.bant_authority, 'bant_authority_note', old.bant_authority_note, 'bant_need', old.bant_need, 'bant_need_note', old.bant_need_note, 'bant_timeline', old.bant_timeline, 'bant_timeline_note', old.bant_timeline_note, 'score', old.score, 'last_contacted_at', old.last_contacted_at, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'email', new.email, 'phone', new.phone, 'title', new.title, 'company_id', new.company_id, 'lifecycle', new.lifecycle, 'source_id', new.source_id, 'captured_at', new.captured_at, 'owner', new.owner, 'country', new.country, 'notes', new.notes, 'bant_budget', new.bant_budget, 'bant_budget_note', new.bant_budget_note, 'bant_authority', new.bant_authority, 'bant_authority_note', new.bant_authority_note, 'bant_need', new.bant_need, 'bant_need_note', new.bant_need_note, 'bant_timeline', new.bant_timeline, 'bant_timeline_note', new.bant_timeline_note, 'score', new.score, 'last_contacted_at', new.last_contacted_at, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;

UPDATE contacts SET company_name = (SELECT name FROM companies WHERE id = contacts.company_id)
WHERE company_id IS NOT NULL;

-- A contact's search text is written again only when what it holds changed. Every write of a
-- contact names every column, so the triggers fired for a change of score alone, and undoing a
-- lifecycle change of many contacts rewrote each one's search entry.
DROP TRIGGER contacts_fts_update;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, email, phone, title, notes, company_id ON contacts
WHEN old.name IS NOT new.name OR old.email IS NOT new.email OR old.phone IS NOT new.phone
  OR old.title IS NOT new.title OR old.notes IS NOT new.notes OR old.company_id IS NOT new.company_id
BEGIN
  UPDATE contacts_fts
  SET name = new.name,
      details = (ifnull (new.email, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.title, '') || ' ' || ifnull (new.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = new.company_id), ''))
  WHERE rowid = new.id;
END;
DROP TRIGGER contacts_fts_rename;
CREATE TRIGGER contacts_fts_rename AFTER UPDATE OF name ON contacts WHEN old.name IS NOT new.name BEGIN
  UPDATE deals_fts
  SET details = (SELECT (ifnull (d.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = d.company_id), '') || ' ' || ifnull (new.name, ''))
                 FROM deals d WHERE d.id = deals_fts.rowid)
  WHERE rowid IN (SELECT id FROM deals WHERE contact_id = new.id);
END;

CREATE TRIGGER contacts_company_name_insert AFTER INSERT ON contacts
WHEN new.company_name IS NOT (SELECT name FROM companies WHERE id = new.company_id) BEGIN
  UPDATE contacts SET company_name = (SELECT name FROM companies WHERE id = new.company_id)
  WHERE id = new.id;
END;
CREATE TRIGGER contacts_company_name_update AFTER UPDATE OF company_id, company_name ON contacts
WHEN new.company_name IS NOT (SELECT name FROM companies WHERE id = new.company_id) BEGIN
  UPDATE contacts SET company_name = (SELECT name FROM companies WHERE id = new.company_id)
  WHERE id = new.id;
END;
-- A company that comes back (undo of its deletion) names its people again.
CREATE TRIGGER companies_company_name_insert AFTER INSERT ON companies BEGIN
  UPDATE contacts SET company_name = new.name WHERE company_id = new.id;
END;
CREATE TRIGGER companies_company_name_rename AFTER UPDATE OF name ON companies
WHEN old.name IS NOT new.name BEGIN
  UPDATE contacts SET company_name = new.name WHERE company_id = new.id;
END;
-- With foreign keys on, ON DELETE SET NULL has cleared company_id (and the name with it)
-- already; this covers a deletion made with them off.
CREATE TRIGGER companies_company_name_delete AFTER DELETE ON companies BEGIN
  UPDATE contacts SET company_name = NULL WHERE company_id = old.id;
END;

-- The list by company: company name A to Z (case-blind), people without a company last (the
-- largest character stands in for them), then by id. One key, so a page starts with one seek.
CREATE INDEX contacts_by_company_name
  ON contacts (ifnull (company_name, char (1114111)) COLLATE NOCASE, id);

-- Filters: counting the contacts of a lifecycle stage, an owner or a country reads an index,
-- not the table (at a million contacts a scan costs a tenth of a second or more each time), and
-- a filter that few pass finds them through it.
CREATE INDEX contacts_by_lifecycle ON contacts (lifecycle);
CREATE INDEX contacts_by_owner ON contacts (owner);
CREATE INDEX contacts_by_country ON contacts (country COLLATE NOCASE);

-- Saved filters of the contact list; filter is the text of crm_contact_filter_to_string()
-- (a key file: lifecycle stages, source, tag, score range, owner, days without contact, no
-- next step, country, search words).
CREATE TABLE smart_lists (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  filter     TEXT NOT NULL,
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TRIGGER smart_lists_log_insert AFTER INSERT ON smart_lists BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('smart_lists', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'filter', new.filter, 'position', new.position, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER smart_lists_log_update AFTER UPDATE ON smart_lists BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('smart_lists', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'filter', old.filter, 'position', old.position, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'filter', new.filter, 'position', new.position, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER smart_lists_log_delete AFTER DELETE ON smart_lists BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('smart_lists', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'filter', old.filter, 'position', old.position, 'created_at', old.created_at, 'updated_at', old.updated_at));
END;
