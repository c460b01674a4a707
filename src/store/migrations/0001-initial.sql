-- 0001-initial.sql — the first Rapport schema. Applied inside one transaction by CrmStore.
-- Conventions: times are unix seconds (UTC) in INTEGER columns, NULL when unset; money is an
-- INTEGER in minor units plus an ISO 4217 code; every entity has a UUID besides its rowid.
-- The uuid default (a random version-4 UUID) also covers rows written with the sqlite3 shell.

CREATE TABLE lead_sources (
  id       INTEGER PRIMARY KEY,
  uuid     TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name     TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE lost_reasons (
  id       INTEGER PRIMARY KEY,
  uuid     TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name     TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE companies (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
  website    TEXT,
  industry   TEXT,
  phone      TEXT,
  country    TEXT,
  owner      TEXT,
  notes      TEXT,
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX companies_by_name ON companies (name COLLATE NOCASE, id);

CREATE TABLE contacts (
  id                  INTEGER PRIMARY KEY,
  uuid                TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
  email               TEXT,
  phone               TEXT,
  title               TEXT,
  company_id          INTEGER REFERENCES companies (id) ON DELETE SET NULL,
  lifecycle           TEXT NOT NULL DEFAULT 'lead'
                      CHECK (lifecycle IN ('lead', 'qualified', 'opportunity', 'customer',
                                           'advocate', 'churned')),
  source_id           INTEGER REFERENCES lead_sources (id) ON DELETE SET NULL,
  captured_at         INTEGER NOT NULL DEFAULT (unixepoch()),
  owner               TEXT,
  country             TEXT,
  notes               TEXT,
  bant_budget         TEXT NOT NULL DEFAULT 'unknown' CHECK (bant_budget IN ('unknown', 'yes', 'no')),
  bant_budget_note    TEXT,
  bant_authority      TEXT NOT NULL DEFAULT 'unknown' CHECK (bant_authority IN ('unknown', 'yes', 'no')),
  bant_authority_note TEXT,
  bant_need           TEXT NOT NULL DEFAULT 'unknown' CHECK (bant_need IN ('unknown', 'yes', 'no')),
  bant_need_note      TEXT,
  bant_timeline       TEXT NOT NULL DEFAULT 'unknown' CHECK (bant_timeline IN ('unknown', 'yes', 'no')),
  bant_timeline_note  TEXT,
  score               INTEGER NOT NULL DEFAULT 0 CHECK (score BETWEEN 0 AND 100),
  last_contacted_at   INTEGER,
  created_at          INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at          INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE, id);
CREATE INDEX contacts_by_company ON contacts (company_id);
CREATE INDEX contacts_by_source ON contacts (source_id);
CREATE INDEX contacts_by_email ON contacts (email COLLATE NOCASE);
CREATE INDEX contacts_by_captured ON contacts (captured_at);

-- Lifecycle changes of contacts, written by trigger: powers churn and conversion KPIs.
CREATE TABLE contact_lifecycle_history (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  from_stage TEXT,
  to_stage   TEXT NOT NULL,
  changed_at INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX contact_lifecycle_history_by_contact ON contact_lifecycle_history (contact_id);
CREATE INDEX contact_lifecycle_history_by_time ON contact_lifecycle_history (changed_at);

CREATE TABLE tags (
  id    INTEGER PRIMARY KEY,
  uuid  TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  color TEXT
);

CREATE TABLE contact_tags (
  contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id, contact_id);

CREATE TABLE pipelines (
  id         INTEGER PRIMARY KEY,
  uuid       TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  position   INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at INTEGER NOT NULL DEFAULT (unixepoch())
);

CREATE TABLE stages (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  pipeline_id  INTEGER NOT NULL REFERENCES pipelines (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  position     INTEGER NOT NULL DEFAULT 0,
  probability  INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  rotting_days INTEGER NOT NULL DEFAULT 0 CHECK (rotting_days >= 0),
  kind         TEXT NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost'))
);
CREATE INDEX stages_by_pipeline ON stages (pipeline_id, position);

CREATE TABLE deals (
  id                   INTEGER PRIMARY KEY,
  uuid                 TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  title                TEXT NOT NULL CHECK (length(trim(title)) > 0),
  contact_id           INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  company_id           INTEGER REFERENCES companies (id) ON DELETE SET NULL,
  -- A stage that holds deals cannot be removed (RESTRICT): move the deals first.
  stage_id             INTEGER NOT NULL REFERENCES stages (id) ON DELETE RESTRICT,
  -- Order within the stage: a fractional index compared bytewise, so a move rewrites one row.
  position             TEXT NOT NULL COLLATE BINARY,
  value_minor          INTEGER NOT NULL DEFAULT 0 CHECK (value_minor >= 0),
  currency             TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  expected_close       INTEGER,
  owner                TEXT,
  notes                TEXT,
  probability_override INTEGER CHECK (probability_override BETWEEN 0 AND 100),
  lost_reason_id       INTEGER REFERENCES lost_reasons (id) ON DELETE SET NULL,
  is_expansion         INTEGER NOT NULL DEFAULT 0 CHECK (is_expansion IN (0, 1)),
  created_at           INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at           INTEGER NOT NULL DEFAULT (unixepoch()),
  closed_at            INTEGER,
  stage_entered_at     INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX deals_by_stage ON deals (stage_id, position, id);
CREATE INDEX deals_by_contact ON deals (contact_id);
CREATE INDEX deals_by_company ON deals (company_id);
CREATE INDEX deals_by_closed ON deals (closed_at);

CREATE TABLE deal_stage_history (
  id            INTEGER PRIMARY KEY,
  uuid          TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  deal_id       INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
  from_stage_id INTEGER REFERENCES stages (id) ON DELETE SET NULL,
  to_stage_id   INTEGER REFERENCES stages (id) ON DELETE SET NULL,
  changed_at    INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX deal_stage_history_by_deal ON deal_stage_history (deal_id, changed_at);
CREATE INDEX deal_stage_history_by_time ON deal_stage_history (changed_at);

CREATE TABLE activities (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  kind        TEXT NOT NULL CHECK (kind IN ('call', 'email', 'meeting', 'note', 'task', 'support')),
  subject     TEXT NOT NULL DEFAULT '',
  notes       TEXT,
  contact_id  INTEGER REFERENCES contacts (id) ON DELETE CASCADE,
  deal_id     INTEGER REFERENCES deals (id) ON DELETE CASCADE,
  occurred_at INTEGER NOT NULL DEFAULT (unixepoch()),
  due_at      INTEGER,
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  done_at     INTEGER,
  created_at  INTEGER NOT NULL DEFAULT (unixepoch()),
  updated_at  INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX activities_by_contact ON activities (contact_id, occurred_at);
CREATE INDEX activities_by_deal ON activities (deal_id, occurred_at);
CREATE INDEX activities_open_tasks ON activities (due_at) WHERE kind = 'task' AND done = 0;

CREATE TABLE feedback (
  id          INTEGER PRIMARY KEY,
  uuid        TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat')),
  score       INTEGER NOT NULL,
  comment     TEXT,
  answered_at INTEGER NOT NULL DEFAULT (unixepoch()),
  CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5))
);
CREATE INDEX feedback_by_contact ON feedback (contact_id);
CREATE INDEX feedback_by_time ON feedback (answered_at);

CREATE TABLE acquisition_spend (
  id           INTEGER PRIMARY KEY,
  uuid         TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
  source_id    INTEGER NOT NULL REFERENCES lead_sources (id) ON DELETE CASCADE,
  month_start  INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
  currency     TEXT NOT NULL CHECK (length(currency) = 3 AND currency = upper(currency)),
  UNIQUE (source_id, month_start, currency)
);

-- Every write to an entity table, recorded by the triggers below: for undo, audit and sync.
CREATE TABLE change_log (
  id         INTEGER PRIMARY KEY,
  entity     TEXT NOT NULL,
  entity_id  INTEGER NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
  old_values TEXT, -- JSON object of the row before (update, delete)
  new_values TEXT, -- JSON object of the row after (insert, update)
  changed_at INTEGER NOT NULL DEFAULT (unixepoch())
);
CREATE INDEX change_log_by_entity ON change_log (entity, entity_id);

-- Full-text search over contacts, companies and deals (rowid = the entity's id).
CREATE VIRTUAL TABLE contacts_fts USING fts5 (name, details, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE companies_fts USING fts5 (name, details, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE deals_fts USING fts5 (name, details, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contacts_fts (rowid, name, details)
  VALUES (new.id, new.name,
          (ifnull (new.email, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.title, '') || ' ' || ifnull (new.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = new.company_id), '')));
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name, email, phone, title, notes, company_id ON contacts BEGIN
  UPDATE contacts_fts
  SET name = new.name,
      details = (ifnull (new.email, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.title, '') || ' ' || ifnull (new.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = new.company_id), ''))
  WHERE rowid = new.id;
END;
CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
  DELETE FROM contacts_fts WHERE rowid = old.id;
END;

CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
  INSERT INTO companies_fts (rowid, name, details)
  VALUES (new.id, new.name, (ifnull (new.website, '') || ' ' || ifnull (new.industry, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.country, '') || ' ' || ifnull (new.notes, '')));
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF name, website, industry, phone, country, notes ON companies BEGIN
  UPDATE companies_fts
  SET name = new.name,
      details = (ifnull (new.website, '') || ' ' || ifnull (new.industry, '') || ' ' || ifnull (new.phone, '') || ' ' || ifnull (new.country, '') || ' ' || ifnull (new.notes, ''))
  WHERE rowid = new.id;
END;
-- A renamed company renames itself in the search text of its people and deals.
CREATE TRIGGER companies_fts_rename AFTER UPDATE OF name ON companies BEGIN
  UPDATE contacts_fts
  SET details = (SELECT (ifnull (c.email, '') || ' ' || ifnull (c.phone, '') || ' ' || ifnull (c.title, '') || ' ' || ifnull (c.notes, '') || ' ' || ifnull (new.name, ''))
                 FROM contacts c WHERE c.id = contacts_fts.rowid)
  WHERE rowid IN (SELECT id FROM contacts WHERE company_id = new.id);
  UPDATE deals_fts
  SET details = (SELECT (ifnull (d.notes, '') || ' ' || ifnull (new.name, '') || ' ' || ifnull ((SELECT name FROM contacts WHERE id = d.contact_id), ''))
                 FROM deals d WHERE d.id = deals_fts.rowid)
  WHERE rowid IN (SELECT id FROM deals WHERE company_id = new.id);
END;
CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
  DELETE FROM companies_fts WHERE rowid = old.id;
END;

CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
  INSERT INTO deals_fts (rowid, name, details)
  VALUES (new.id, new.title,
          (ifnull (new.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = new.company_id), '') || ' ' || ifnull ((SELECT name FROM contacts WHERE id = new.contact_id), '')));
END;
CREATE TRIGGER deals_fts_update AFTER UPDATE OF title, notes, company_id, contact_id ON deals BEGIN
  UPDATE deals_fts
  SET name = new.title,
      details = (ifnull (new.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = new.company_id), '') || ' ' || ifnull ((SELECT name FROM contacts WHERE id = new.contact_id), ''))
  WHERE rowid = new.id;
END;
CREATE TRIGGER deals_fts_delete AFTER DELETE ON deals BEGIN
  DELETE FROM deals_fts WHERE rowid = old.id;
END;

CREATE TRIGGER contacts_fts_rename AFTER UPDATE OF name ON contacts BEGIN
  UPDATE deals_fts
  SET details = (SELECT (ifnull (d.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = d.company_id), '') || ' ' || ifnull (new.name, ''))
                 FROM deals d WHERE d.id = deals_fts.rowid)
  WHERE rowid IN (SELECT id FROM deals WHERE contact_id = new.id);
END;

CREATE TRIGGER contacts_lifecycle_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO contact_lifecycle_history (contact_id, from_stage, to_stage, changed_at)
  VALUES (new.id, NULL, new.lifecycle, new.captured_at);
END;
-- Dated by the row's updated_at, so imports and demo data can record when a change happened.
CREATE TRIGGER contacts_lifecycle_update AFTER UPDATE OF lifecycle ON contacts
WHEN old.lifecycle IS NOT new.lifecycle BEGIN
  INSERT INTO contact_lifecycle_history (contact_id, from_stage, to_stage, changed_at)
  VALUES (new.id, old.lifecycle, new.lifecycle, new.updated_at);
END;

-- Change log: one row per written row, with the old and new values as JSON objects.
CREATE TRIGGER companies_log_insert AFTER INSERT ON companies BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('companies', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'website', new.website, 'industry', new.industry, 'phone', new.phone, 'country', new.country, 'owner', new.owner, 'notes', new.notes, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER companies_log_update AFTER UPDATE ON companies BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('companies', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'website', old.website, 'industry', old.industry, 'phone', old.phone, 'country', old.country, 'owner', old.owner, 'notes', old.notes, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'website', new.website, 'industry', new.industry, 'phone', new.phone, 'country', new.country, 'owner', new.owner, 'notes', new.notes, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER companies_log_delete AFTER DELETE ON companies BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('companies', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'website', old.website, 'industry', old.industry, 'phone', old.phone, 'country', old.country, 'owner', old.owner, 'notes', old.notes, 'created_at', old.created_at, 'updated_at', old.updated_at));
END;
CREATE TRIGGER contacts_log_insert AFTER INSERT ON contacts BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('contacts', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'email', new.email, 'phone', new.phone, 'title', new.title, 'company_id', new.company_id, 'lifecycle', new.lifecycle, 'source_id', new.source_id, 'captured_at', new.captured_at, 'owner', new.owner, 'country', new.country, 'notes', new.notes, 'bant_budget', new.bant_budget, 'bant_budget_note', new.bant_budget_note, 'bant_authority', new.bant_authority, 'bant_authority_note', new.bant_authority_note, 'bant_need', new.bant_need, 'bant_need_note', new.bant_need_note, 'bant_timeline', new.bant_timeline, 'bant_timeline_note', new.bant_timeline_note, 'score', new.score, 'last_contacted_at', new.last_contacted_at, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER contacts_log_update AFTER UPDATE ON contacts BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('contacts', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'email', old.email, 'phone', old.phone, 'title', old.title, 'company_id', old.company_id, 'lifecycle', old.lifecycle, 'source_id', old.source_id, 'captured_at', old.captured_at, 'owner', old.owner, 'country', old.country, 'notes', old.notes, 'bant_budget', old.bant_budget, 'bant_budget_note', old.bant_budget_note, 'bant_authority', old.bant_authority, 'bant_authority_note', old.bant_authority_note, 'bant_need', old.bant_need, 'bant_need_note', old.bant_need_note, 'bant_timeline', old.bant_timeline, 'bant_timeline_note', old.bant_timeline_note, 'score', old.score, 'last_contacted_at', old.last_contacted_at, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'email', new.email, 'phone', new.phone, 'title', new.title, 'company_id', new.company_id, 'lifecycle', new.lifecycle, 'source_id', new.source_id, 'captured_at', new.captured_at, 'owner', new.owner, 'country', new.country, 'notes', new.notes, 'bant_budget', new.bant_budget, 'bant_budget_note', new.bant_budget_note, 'bant_authority', new.bant_authority, 'bant_authority_note', new.bant_authority_note, 'bant_need', new.bant_need, 'bant_need_note', new.bant_need_note, 'bant_timeline', new.bant_timeline, 'bant_timeline_note', new.bant_timeline_note, 'score', new.score, 'last_contacted_at', new.last_contacted_at, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER contacts_log_delete AFTER DELETE ON contacts BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('contacts', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'email', old.email, 'phone', old.phone, 'title', old.title, 'company_id', old.company_id, 'lifecycle', old.lifecycle, 'source_id', old.source_id, 'captured_at', old.captured_at, 'owner', old.owner, 'country', old.country, 'notes', old.notes, 'bant_budget', old.bant_budget, 'bant_budget_note', old.bant_budget_note, 'bant_authority', old.bant_authority, 'bant_authority_note', old.bant_authority_note, 'bant_need', old.bant_need, 'bant_need_note', old.bant_need_note, 'bant_timeline', old.bant_timeline, 'bant_timeline_note', old.bant_timeline_note, 'score', old.score, 'last_contacted_at', old.last_contacted_at, 'created_at', old.created_at, 'updated_at', old.updated_at));
END;
CREATE TRIGGER tags_log_insert AFTER INSERT ON tags BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('tags', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'color', new.color));
END;
CREATE TRIGGER tags_log_update AFTER UPDATE ON tags BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('tags', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'color', old.color), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'color', new.color));
END;
CREATE TRIGGER tags_log_delete AFTER DELETE ON tags BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('tags', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'color', old.color));
END;
CREATE TRIGGER pipelines_log_insert AFTER INSERT ON pipelines BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('pipelines', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER pipelines_log_update AFTER UPDATE ON pipelines BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('pipelines', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER pipelines_log_delete AFTER DELETE ON pipelines BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('pipelines', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position, 'created_at', old.created_at, 'updated_at', old.updated_at));
END;
CREATE TRIGGER stages_log_insert AFTER INSERT ON stages BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('stages', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'pipeline_id', new.pipeline_id, 'name', new.name, 'position', new.position, 'probability', new.probability, 'rotting_days', new.rotting_days, 'kind', new.kind));
END;
CREATE TRIGGER stages_log_update AFTER UPDATE ON stages BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('stages', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'pipeline_id', old.pipeline_id, 'name', old.name, 'position', old.position, 'probability', old.probability, 'rotting_days', old.rotting_days, 'kind', old.kind), json_object ('id', new.id, 'uuid', new.uuid, 'pipeline_id', new.pipeline_id, 'name', new.name, 'position', new.position, 'probability', new.probability, 'rotting_days', new.rotting_days, 'kind', new.kind));
END;
CREATE TRIGGER stages_log_delete AFTER DELETE ON stages BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('stages', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'pipeline_id', old.pipeline_id, 'name', old.name, 'position', old.position, 'probability', old.probability, 'rotting_days', old.rotting_days, 'kind', old.kind));
END;
CREATE TRIGGER deals_log_insert AFTER INSERT ON deals BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('deals', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'title', new.title, 'contact_id', new.contact_id, 'company_id', new.company_id, 'stage_id', new.stage_id, 'position', new.position, 'value_minor', new.value_minor, 'currency', new.currency, 'expected_close', new.expected_close, 'owner', new.owner, 'notes', new.notes, 'probability_override', new.probability_override, 'lost_reason_id', new.lost_reason_id, 'is_expansion', new.is_expansion, 'created_at', new.created_at, 'updated_at', new.updated_at, 'closed_at', new.closed_at, 'stage_entered_at', new.stage_entered_at));
END;
CREATE TRIGGER deals_log_update AFTER UPDATE ON deals BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('deals', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'title', old.title, 'contact_id', old.contact_id, 'company_id', old.company_id, 'stage_id', old.stage_id, 'position', old.position, 'value_minor', old.value_minor, 'currency', old.currency, 'expected_close', old.expected_close, 'owner', old.owner, 'notes', old.notes, 'probability_override', old.probability_override, 'lost_reason_id', old.lost_reason_id, 'is_expansion', old.is_expansion, 'created_at', old.created_at, 'updated_at', old.updated_at, 'closed_at', old.closed_at, 'stage_entered_at', old.stage_entered_at), json_object ('id', new.id, 'uuid', new.uuid, 'title', new.title, 'contact_id', new.contact_id, 'company_id', new.company_id, 'stage_id', new.stage_id, 'position', new.position, 'value_minor', new.value_minor, 'currency', new.currency, 'expected_close', new.expected_close, 'owner', new.owner, 'notes', new.notes, 'probability_override', new.probability_override, 'lost_reason_id', new.lost_reason_id, 'is_expansion', new.is_expansion, 'created_at', new.created_at, 'updated_at', new.updated_at, 'closed_at', new.closed_at, 'stage_entered_at', new.stage_entered_at));
END;
CREATE TRIGGER deals_log_delete AFTER DELETE ON deals BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('deals', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'title', old.title, 'contact_id', old.contact_id, 'company_id', old.company_id, 'stage_id', old.stage_id, 'position', old.position, 'value_minor', old.value_minor, 'currency', old.currency, 'expected_close', old.expected_close, 'owner', old.owner, 'notes', old.notes, 'probability_override', old.probability_override, 'lost_reason_id', old.lost_reason_id, 'is_expansion', old.is_expansion, 'created_at', old.created_at, 'updated_at', old.updated_at, 'closed_at', old.closed_at, 'stage_entered_at', old.stage_entered_at));
END;
CREATE TRIGGER deal_stage_history_log_insert AFTER INSERT ON deal_stage_history BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('deal_stage_history', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'deal_id', new.deal_id, 'from_stage_id', new.from_stage_id, 'to_stage_id', new.to_stage_id, 'changed_at', new.changed_at));
END;
CREATE TRIGGER deal_stage_history_log_update AFTER UPDATE ON deal_stage_history BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('deal_stage_history', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'deal_id', old.deal_id, 'from_stage_id', old.from_stage_id, 'to_stage_id', old.to_stage_id, 'changed_at', old.changed_at), json_object ('id', new.id, 'uuid', new.uuid, 'deal_id', new.deal_id, 'from_stage_id', new.from_stage_id, 'to_stage_id', new.to_stage_id, 'changed_at', new.changed_at));
END;
CREATE TRIGGER deal_stage_history_log_delete AFTER DELETE ON deal_stage_history BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('deal_stage_history', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'deal_id', old.deal_id, 'from_stage_id', old.from_stage_id, 'to_stage_id', old.to_stage_id, 'changed_at', old.changed_at));
END;
CREATE TRIGGER activities_log_insert AFTER INSERT ON activities BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('activities', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'kind', new.kind, 'subject', new.subject, 'notes', new.notes, 'contact_id', new.contact_id, 'deal_id', new.deal_id, 'occurred_at', new.occurred_at, 'due_at', new.due_at, 'done', new.done, 'done_at', new.done_at, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER activities_log_update AFTER UPDATE ON activities BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('activities', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'kind', old.kind, 'subject', old.subject, 'notes', old.notes, 'contact_id', old.contact_id, 'deal_id', old.deal_id, 'occurred_at', old.occurred_at, 'due_at', old.due_at, 'done', old.done, 'done_at', old.done_at, 'created_at', old.created_at, 'updated_at', old.updated_at), json_object ('id', new.id, 'uuid', new.uuid, 'kind', new.kind, 'subject', new.subject, 'notes', new.notes, 'contact_id', new.contact_id, 'deal_id', new.deal_id, 'occurred_at', new.occurred_at, 'due_at', new.due_at, 'done', new.done, 'done_at', new.done_at, 'created_at', new.created_at, 'updated_at', new.updated_at));
END;
CREATE TRIGGER activities_log_delete AFTER DELETE ON activities BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('activities', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'kind', old.kind, 'subject', old.subject, 'notes', old.notes, 'contact_id', old.contact_id, 'deal_id', old.deal_id, 'occurred_at', old.occurred_at, 'due_at', old.due_at, 'done', old.done, 'done_at', old.done_at, 'created_at', old.created_at, 'updated_at', old.updated_at));
END;
CREATE TRIGGER lost_reasons_log_insert AFTER INSERT ON lost_reasons BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('lost_reasons', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position));
END;
CREATE TRIGGER lost_reasons_log_update AFTER UPDATE ON lost_reasons BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('lost_reasons', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position));
END;
CREATE TRIGGER lost_reasons_log_delete AFTER DELETE ON lost_reasons BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('lost_reasons', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position));
END;
CREATE TRIGGER lead_sources_log_insert AFTER INSERT ON lead_sources BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('lead_sources', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position));
END;
CREATE TRIGGER lead_sources_log_update AFTER UPDATE ON lead_sources BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('lead_sources', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position), json_object ('id', new.id, 'uuid', new.uuid, 'name', new.name, 'position', new.position));
END;
CREATE TRIGGER lead_sources_log_delete AFTER DELETE ON lead_sources BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('lead_sources', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'name', old.name, 'position', old.position));
END;
CREATE TRIGGER feedback_log_insert AFTER INSERT ON feedback BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('feedback', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'contact_id', new.contact_id, 'kind', new.kind, 'score', new.score, 'comment', new.comment, 'answered_at', new.answered_at));
END;
CREATE TRIGGER feedback_log_update AFTER UPDATE ON feedback BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('feedback', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'contact_id', old.contact_id, 'kind', old.kind, 'score', old.score, 'comment', old.comment, 'answered_at', old.answered_at), json_object ('id', new.id, 'uuid', new.uuid, 'contact_id', new.contact_id, 'kind', new.kind, 'score', new.score, 'comment', new.comment, 'answered_at', new.answered_at));
END;
CREATE TRIGGER feedback_log_delete AFTER DELETE ON feedback BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('feedback', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'contact_id', old.contact_id, 'kind', old.kind, 'score', old.score, 'comment', old.comment, 'answered_at', old.answered_at));
END;
CREATE TRIGGER acquisition_spend_log_insert AFTER INSERT ON acquisition_spend BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('acquisition_spend', new.id, 'insert', json_object ('id', new.id, 'uuid', new.uuid, 'source_id', new.source_id, 'month_start', new.month_start, 'amount_minor', new.amount_minor, 'currency', new.currency));
END;
CREATE TRIGGER acquisition_spend_log_update AFTER UPDATE ON acquisition_spend BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values, new_values)
  VALUES ('acquisition_spend', new.id, 'update', json_object ('id', old.id, 'uuid', old.uuid, 'source_id', old.source_id, 'month_start', old.month_start, 'amount_minor', old.amount_minor, 'currency', old.currency), json_object ('id', new.id, 'uuid', new.uuid, 'source_id', new.source_id, 'month_start', new.month_start, 'amount_minor', new.amount_minor, 'currency', new.currency));
END;
CREATE TRIGGER acquisition_spend_log_delete AFTER DELETE ON acquisition_spend BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('acquisition_spend', old.id, 'delete', json_object ('id', old.id, 'uuid', old.uuid, 'source_id', old.source_id, 'month_start', old.month_start, 'amount_minor', old.amount_minor, 'currency', old.currency));
END;
CREATE TRIGGER contact_tags_log_insert AFTER INSERT ON contact_tags BEGIN
  INSERT INTO change_log (entity, entity_id, action, new_values)
  VALUES ('contact_tags', new.contact_id, 'insert', json_object ('contact_id', new.contact_id, 'tag_id', new.tag_id));
END;
CREATE TRIGGER contact_tags_log_delete AFTER DELETE ON contact_tags BEGIN
  INSERT INTO change_log (entity, entity_id, action, old_values)
  VALUES ('contact_tags', old.contact_id, 'delete', json_object ('contact_id', old.contact_id, 'tag_id', old.tag_id));
END;
