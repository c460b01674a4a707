-- A schema version past the real ones that fails half-way, for the upgrade tests only.
CREATE TABLE half_done (id INTEGER PRIMARY KEY);
ALTER TABLE contacts ADD COLUMN nickname TEXT;
INSERT INTO no_such_table VALUES (1);
