-- Schema version 6: the CHECK constraints that allow one of three or more words are written as
-- comparisons joined by OR instead of IN (...): the same rule for every value, NULL included.
-- SQLite checks an IN list of three or more constants by building a temporary b-tree each time a
-- statement runs; with five of them on contacts, that was a fifth of the processor time of a
-- 100,000-row import, and the change log's action check paid it in every logging trigger.
-- Only the text of CHECK constraints changes and every stored row satisfies the new ones, so the
-- schema text is edited in place, the way SQLite documents for CHECK constraints
-- (https://sqlite.org/lang_altertable.html#otheralter), rather than rebuilding contacts with
-- every index and trigger that hangs on it. writable_schema = RESET reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace (replace (replace (replace (replace (sql,
    'CHECK (lifecycle IN (''lead'', ''qualified'', ''opportunity'', ''customer'',
                                           ''advocate'', ''churned''))',
    'CHECK (lifecycle = ''lead'' OR lifecycle = ''qualified'' OR lifecycle = ''opportunity'' OR lifecycle = ''customer'' OR lifecycle = ''advocate'' OR lifecycle = ''churned'')'),
    'CHECK (bant_budget IN (''unknown'', ''yes'', ''no''))',
    'CHECK (bant_budget = ''unknown'' OR bant_budget = ''yes'' OR bant_budget = ''no'')'),
    'CHECK (bant_authority IN (''unknown'', ''yes'', ''no''))',
    'CHECK (bant_authority = ''unknown'' OR bant_authority = ''yes'' OR bant_authority = ''no'')'),
    'CHECK (bant_need IN (''unknown'', ''yes'', ''no''))',
    'CHECK (bant_need = ''unknown'' OR bant_need = ''yes'' OR bant_need = ''no'')'),
    'CHECK (bant_timeline IN (''unknown'', ''yes'', ''no''))',
    'CHECK (bant_timeline = ''unknown'' OR bant_timeline = ''yes'' OR bant_timeline = ''no'')')
WHERE type = 'table' AND name = 'contacts';
UPDATE sqlite_schema SET sql = replace (sql,
    'CHECK (kind IN (''open'', ''won'', ''lost''))',
    'CHECK (kind = ''open'' OR kind = ''won'' OR kind = ''lost'')')
WHERE type = 'table' AND name = 'stages';
UPDATE sqlite_schema SET sql = replace (sql,
    'CHECK (kind IN (''call'', ''email'', ''meeting'', ''note'', ''task'', ''support''))',
    'CHECK (kind = ''call'' OR kind = ''email'' OR kind = ''meeting'' OR kind = ''note'' OR kind = ''task'' OR kind = ''support'')')
WHERE type = 'table' AND name = 'activities';
UPDATE sqlite_schema SET sql = replace (sql,
    'CHECK (action IN (''insert'', ''update'', ''delete''))',
    'CHECK (action = ''insert'' OR action = ''update'' OR action = ''delete'')')
WHERE type = 'table' AND name = 'change_log';
PRAGMA writable_schema = RESET;
