-- Schema version 5: the contacts' search index keeps prefix indexes of one to three letters.
-- A search is typed letter by letter; without them FTS5 answers "a"* by merging the postings of
-- every word that starts with an a (about 80 ms at a million contacts), with them from one list
-- (about 10 ms). FTS5 cannot add them to an existing table: it is built again, with the same
-- text the triggers write (contacts_fts_insert of 0001, contacts_fts_update of 0004, and
-- companies_fts_rename of 0001, which all still apply to the new table by its name).
DROP TABLE contacts_fts;
CREATE VIRTUAL TABLE contacts_fts USING fts5 (name, details, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
INSERT INTO contacts_fts (rowid, name, details)
  SELECT c.id, c.name,
         (ifnull (c.email, '') || ' ' || ifnull (c.phone, '') || ' ' || ifnull (c.title, '') || ' ' || ifnull (c.notes, '') || ' ' || ifnull ((SELECT name FROM companies WHERE id = c.company_id), ''))
  FROM contacts c;
