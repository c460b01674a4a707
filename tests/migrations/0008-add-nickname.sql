-- A schema version past the real ones, for the upgrade tests only.
ALTER TABLE contacts ADD COLUMN nickname TEXT;
CREATE TABLE upgrade_marker (id INTEGER PRIMARY KEY, note TEXT);
INSERT INTO upgrade_marker (note) VALUES ('upgraded');
