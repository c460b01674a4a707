/* crm-store-bulk.c — bulk transactions: many rows in one go (demo data, imports).
 *
 * Per-row bookkeeping is what makes a big write slow, so a bulk transaction trades it away
 * while keeping the end result the same as row-by-row writes:
 *  - inner writes take no savepoints; one that fails half-way dooms the whole transaction;
 *  - the page cache is larger for the duration;
 *  - the row-insert triggers of the change log and the search indexes are suspended (dropped
 *    inside the transaction, so a rollback brings them back) and their work is done once, set
 *    based, before the commit. The change log then holds the net result of the batch: one
 *    'insert' row with the final values for each row the batch created (its own intermediate
 *    updates are folded in), and the usual rows for every change to rows that existed before;
 *  - likewise the log rows of the links (contact_tags) of the rows the batch creates, after
 *    those rows; a copy of the trigger narrowed by a WHEN clause logs the others row by row;
 *  - the secondary indexes that no write of a batch reads are dropped and built again, once,
 *    before the commit (sorting once beats hundreds of thousands of scattered inserts), unless
 *    their table already holds far more rows than the batch brings (see BULK_KEEP_INDEX_RATIO);
 *  - so are the triggers that keep contacts.company_name, whose work is one UPDATE at the end.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

#define BULK_CACHE_SIZE_KIB 1048576

/* An index is kept up to date row by row, not dropped and built again, when its table already
 * holds more than this many times the rows the batch expects. Measured on a 100,000-contact
 * import: building an index costs about 0.3 µs per entry (old and new rows), keeping it row by
 * row about 1.2 µs per new row, more as the index grows; so rebuilding wins up to about three
 * old rows per new one. */
#define BULK_KEEP_INDEX_RATIO 3

/* Tables whose insert triggers are suspended, parents before children, so that the change log
 * lists a row after the rows it refers to. */
static const char *const bulk_tables[] = {
  "lead_sources", "lost_reasons", "companies",
  "contacts",     "tags",         "pipelines",
  "stages",       "deals",        "deal_stage_history",
  "activities",   "feedback",     "acquisition_spend",
};

/* Indexes rebuilt at the end of a bulk transaction instead of kept row by row: the secondary
 * indexes that no write of a batch reads (the deals' and their history's stay: moves read
 * them). */
static const char *const bulk_deferred_indexes[] = {
  "companies_by_name",
  "contacts_by_name",
  "contacts_by_company",
  "contacts_by_source",
  "contacts_by_email",
  "contacts_by_captured",
  "contacts_by_score",
  "contacts_by_last_contacted",
  "contacts_by_company_name",
  "contacts_by_lifecycle",
  "contacts_by_owner",
  "contacts_by_country",
  "contact_lifecycle_history_by_contact",
  "contact_lifecycle_history_by_time",
  "contact_tags_by_tag",
  "activities_by_contact",
  "activities_by_deal",
  "activities_open_tasks",
  "activities_next_by_deal",
  "activities_next_by_contact",
  "feedback_by_contact",
};

/* Triggers that keep a derived column up to date (contacts.company_name), suspended like the
 * others, their work done set-based at the end: one UPDATE of the contacts whose @key is
 * >= ?1 (the rows the batch inserted) or = ?1 (one row inserted with an id below those). The
 * contacts' fill runs before their indexes are built (so it updates no index entry by entry);
 * the companies' needs contacts_by_company and runs after. */
#define DERIVED_FILL_SQL                                                                           \
  "UPDATE contacts SET company_name = (SELECT name FROM companies WHERE id = "                     \
  "contacts.company_id) "                                                                          \
  "WHERE %s %s ?1 AND company_name IS NOT (SELECT name FROM companies WHERE id = "                 \
  "contacts.company_id)"

static const struct
{
  const char *table;
  const char *trigger;
  const char *key;
  gboolean after_indexes;
} bulk_derived_triggers[] = {
  { "contacts", "contacts_company_name_insert", "company_id IS NOT NULL AND id", FALSE },
  { "companies", "companies_company_name_insert", "company_id", TRUE },
};

/* The insert triggers of link tables, which have no id of their own: a batch's links of the
 * rows it creates (@key >= the first new id of @parent) are logged set-based before the commit,
 * after their parents and in @order, by the trigger's own statement; meanwhile a copy of the
 * trigger narrowed by a WHEN clause logs row by row, as before, the links it gives to rows that
 * existed before the batch (merged duplicates). */
static const struct
{
  const char *table;
  const char *trigger;
  const char *parent;
  const char *key;
  const char *order;
} bulk_link_triggers[] = {
  { "contact_tags", "contact_tags_log_insert", "contacts", "contact_id",
    "new.contact_id, new.tag_id" },
};

typedef struct
{
  char *table;
  char *name;
  char *create_sql;     /* to bring the trigger back */
  char *fill_range_sql; /* its work for every row with id >= ?1 */
  char *fill_one_sql;   /* its work for the row with id = ?1 */
  gboolean narrowed;    /* replaced by a copy that still logs the older rows (link tables) */
  gint64 first_new_id;
  gboolean is_change_log;
  gboolean is_derived;
  gboolean after_indexes; /* derived only: filled once the indexes are back */
} CrmSuspendedTrigger;

static void
suspended_trigger_free (gpointer data)
{
  CrmSuspendedTrigger *trigger = data;

  g_free (trigger->table);
  g_free (trigger->name);
  g_free (trigger->create_sql);
  g_free (trigger->fill_range_sql);
  g_free (trigger->fill_one_sql);
  g_free (trigger);
}

/* Turns "CREATE TRIGGER … BEGIN INSERT INTO t (cols) VALUES (exprs of new.*); END" into
 * "INSERT INTO t (cols) SELECT exprs FROM table AS new WHERE <where>", so the triggers stay
 * the single definition of what an insert writes. NULL when the trigger has another form. */
static char *
fill_sql_from_trigger (const char *create_sql, const char *table, const char *where)
{
  const char *insert = strstr (create_sql, "INSERT INTO");
  const char *values = insert != NULL ? strstr (insert, "VALUES (") : NULL;
  const char *end = values != NULL ? g_strrstr (values, ");") : NULL;
  gsize values_length = strlen ("VALUES (");

  if (end == NULL || strstr (end + 2, "INSERT") != NULL)
    return NULL;
  return g_strdup_printf ("%.*s SELECT %.*s FROM %s AS new WHERE %s", (int) (values - insert),
                          insert, (int) (end - (values + values_length)), values + values_length,
                          table, where);
}

/* *create_sql gets the definition of trigger @name, or NULL when there is none. */
static gboolean
read_trigger_sql (CrmStore *self, const char *name, char **create_sql, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1", error);

  *create_sql = NULL;
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW)
    *create_sql = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_reset (statement);
  return TRUE;
}

/* Suspends trigger @name of @table. @derived_index is the trigger's entry in
 * bulk_derived_triggers, or -1 for a trigger that inserts a log or search row. */
static gboolean
suspend_trigger (
    CrmStore *self, const char *table, const char *name, int derived_index, GError **error)
{
  g_autofree char *max_sql = g_strdup_printf ("SELECT ifnull (max (id), 0) FROM %s", table);
  g_autofree char *drop_sql = g_strdup_printf ("DROP TRIGGER %s", name);
  CrmSuspendedTrigger *trigger;
  char *create_sql = NULL;

  if (!read_trigger_sql (self, name, &create_sql, error))
    return FALSE;
  if (create_sql == NULL)
    return TRUE; /* not there: nothing to suspend */

  trigger = g_new0 (CrmSuspendedTrigger, 1);
  trigger->table = g_strdup (table);
  trigger->name = g_strdup (name);
  trigger->create_sql = create_sql;
  if (derived_index >= 0)
    {
      const char *key = bulk_derived_triggers[derived_index].key;

      trigger->fill_range_sql = g_strdup_printf (DERIVED_FILL_SQL, key, ">=");
      trigger->fill_one_sql = g_strdup_printf (DERIVED_FILL_SQL, key, "=");
      trigger->is_derived = TRUE;
      trigger->after_indexes = bulk_derived_triggers[derived_index].after_indexes;
    }
  else
    {
      trigger->fill_range_sql = fill_sql_from_trigger (create_sql, table, "new.id >= ?1");
      trigger->fill_one_sql = fill_sql_from_trigger (create_sql, table, "new.id = ?1");
    }
  trigger->first_new_id = crm_store_query_int64 (self->db, max_sql, NULL) + 1;
  trigger->is_change_log = g_str_has_suffix (name, "_log_insert");
  g_ptr_array_add (self->suspended_triggers, trigger);

  if (trigger->fill_range_sql == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   "The trigger %s has an unexpected form", name);
      return FALSE;
    }
  return crm_store_exec (self, drop_sql, error);
}

/* Narrows the insert trigger of link table bulk_link_triggers[@index] to the links of rows
 * that existed before the batch; see bulk_link_triggers. */
static gboolean
narrow_link_trigger (CrmStore *self, guint index, GError **error)
{
  const char *table = bulk_link_triggers[index].table;
  const char *name = bulk_link_triggers[index].trigger;
  const char *key = bulk_link_triggers[index].key;
  g_autofree char *max_sql
      = g_strdup_printf ("SELECT ifnull (max (id), 0) FROM %s", bulk_link_triggers[index].parent);
  g_autofree char *drop_sql = g_strdup_printf ("DROP TRIGGER %s", name);
  g_autofree char *where = NULL;
  g_autofree char *narrowed_sql = NULL;
  CrmSuspendedTrigger *trigger;
  char *create_sql = NULL;
  const char *begin;

  if (!read_trigger_sql (self, name, &create_sql, error))
    return FALSE;
  if (create_sql == NULL)
    return TRUE; /* not there: nothing to suspend */

  trigger = g_new0 (CrmSuspendedTrigger, 1);
  trigger->table = g_strdup (table);
  trigger->name = g_strdup (name);
  trigger->create_sql = create_sql;
  trigger->first_new_id = crm_store_query_int64 (self->db, max_sql, NULL) + 1;
  trigger->is_change_log = TRUE;
  trigger->narrowed = TRUE;
  where = g_strdup_printf ("new.%s >= ?1 ORDER BY %s", key, bulk_link_triggers[index].order);
  trigger->fill_range_sql = fill_sql_from_trigger (create_sql, table, where);
  g_ptr_array_add (self->suspended_triggers, trigger);

  begin = strstr (create_sql, " BEGIN");
  if (trigger->fill_range_sql == NULL || begin == NULL || strstr (create_sql, " WHEN ") != NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   "The trigger %s has an unexpected form", name);
      return FALSE;
    }
  narrowed_sql
      = g_strdup_printf ("%.*s WHEN new.%s < %" G_GINT64_FORMAT "%s", (int) (begin - create_sql),
                         create_sql, key, trigger->first_new_id, begin);
  return crm_store_exec (self, drop_sql, error) && crm_store_exec (self, narrowed_sql, error);
}

/* Whether the table of an index holds too many rows to build it again for this batch. */
static gboolean
table_too_big_to_reindex (CrmStore *self, const char *table)
{
  g_autofree char *max_sql = NULL;

  if (self->bulk_expected_rows < 0)
    return FALSE;
  /* The largest id stands for the row count: no scan, and ids are rarely far apart. */
  max_sql = g_strdup_printf ("SELECT ifnull (max (rowid), 0) FROM %s", table);
  return crm_store_query_int64 (self->db, max_sql, NULL)
         > BULK_KEEP_INDEX_RATIO * MAX (self->bulk_expected_rows, 1);
}

/* Drops index @name, keeping its definition in self->suspended_indexes. */
static gboolean
suspend_index (CrmStore *self, const char *name, GError **error)
{
  g_autofree char *drop_sql = g_strdup_printf ("DROP INDEX %s", name);
  sqlite3_stmt *statement;
  char *create_sql = NULL;
  char *table = NULL;

  statement = crm_store_prepare (
      self, "SELECT sql, tbl_name FROM sqlite_schema WHERE type = 'index' AND name = ?1", error);
  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (statement) == SQLITE_ROW && sqlite3_column_text (statement, 0) != NULL)
    {
      create_sql = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      table = g_strdup ((const char *) sqlite3_column_text (statement, 1));
    }
  sqlite3_reset (statement);
  if (create_sql == NULL)
    return TRUE; /* not there (an older schema): nothing to suspend */
  if (table_too_big_to_reindex (self, table))
    {
      g_free (create_sql);
      g_free (table);
      return TRUE;
    }
  g_free (table);
  g_ptr_array_add (self->suspended_indexes, create_sql);
  return crm_store_exec (self, drop_sql, error);
}

gboolean
crm_store_bulk_start (CrmStore *self, GError **error)
{
  g_autofree char *cache_sql = g_strdup_printf ("PRAGMA cache_size = -%d", BULK_CACHE_SIZE_KIB);

  self->bulk = TRUE;
  self->bulk_failed = FALSE;
  memset (self->bulk_touched, 0, sizeof self->bulk_touched);
  self->cache_size_before_bulk = crm_store_query_int64 (self->db, "PRAGMA cache_size", NULL);
  self->bulk_first_log_id
      = crm_store_query_int64 (self->db, "SELECT ifnull (max (id), 0) FROM change_log", NULL) + 1;
  self->suspended_triggers = g_ptr_array_new_with_free_func (suspended_trigger_free);
  self->suspended_indexes = g_ptr_array_new_with_free_func (g_free);

  if (!crm_store_exec (self, cache_sql, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bulk_deferred_indexes); i++)
    if (!suspend_index (self, bulk_deferred_indexes[i], error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bulk_tables); i++)
    {
      g_autofree char *log_trigger = g_strdup_printf ("%s_log_insert", bulk_tables[i]);
      g_autofree char *search_trigger = g_strdup_printf ("%s_fts_insert", bulk_tables[i]);

      if (!suspend_trigger (self, bulk_tables[i], log_trigger, -1, error)
          || !suspend_trigger (self, bulk_tables[i], search_trigger, -1, error))
        return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (bulk_link_triggers); i++)
    if (!narrow_link_trigger (self, i, error))
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (bulk_derived_triggers); i++)
    if (!suspend_trigger (self, bulk_derived_triggers[i].table, bulk_derived_triggers[i].trigger,
                          (int) i, error))
      return FALSE;
  return TRUE;
}

static gboolean
run_with_id (CrmStore *self, const char *sql, gint64 id, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, id);
  return crm_store_step_done (self, statement, error);
}

/* The batch's own changes to the rows it created are folded into their insert rows. */
static gboolean
fold_change_log (CrmStore *self, const CrmSuspendedTrigger *trigger, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self, "DELETE FROM change_log WHERE id >= ?1 AND entity = ?2 AND entity_id >= ?3", error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, self->bulk_first_log_id);
  sqlite3_bind_text (statement, 2, trigger->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (statement, 3, trigger->first_new_id);
  return crm_store_step_done (self, statement, error);
}

gboolean
crm_store_bulk_finish (CrmStore *self, GError **error)
{
  g_autoptr (GPtrArray) triggers = g_steal_pointer (&self->suspended_triggers);
  g_autoptr (GPtrArray) indexes = g_steal_pointer (&self->suspended_indexes);

  for (guint i = 0; triggers != NULL && i < triggers->len; i++)
    {
      CrmSuspendedTrigger *trigger = triggers->pdata[i];

      if (trigger->is_derived && !trigger->after_indexes
          && !run_with_id (self, trigger->fill_range_sql, trigger->first_new_id, error))
        return FALSE;
    }

  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    if (!crm_store_exec (self, indexes->pdata[i], error))
      return FALSE;

  for (guint i = 0; triggers != NULL && i < triggers->len; i++)
    {
      CrmSuspendedTrigger *trigger = triggers->pdata[i];

      if (trigger->is_derived && !trigger->after_indexes)
        {
          if (!crm_store_exec (self, trigger->create_sql, error))
            return FALSE;
          continue;
        }
      if (trigger->is_change_log && !fold_change_log (self, trigger, error))
        return FALSE;
      if (trigger->narrowed)
        {
          g_autofree char *drop_sql = g_strdup_printf ("DROP TRIGGER %s", trigger->name);

          if (!crm_store_exec (self, drop_sql, error))
            return FALSE;
        }
      if (!run_with_id (self, trigger->fill_range_sql, trigger->first_new_id, error)
          || !crm_store_exec (self, trigger->create_sql, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_bulk_log_explicit_insert (CrmStore *self, const char *table, gint64 id, GError **error)
{
  for (guint i = 0; self->suspended_triggers != NULL && i < self->suspended_triggers->len; i++)
    {
      CrmSuspendedTrigger *trigger = self->suspended_triggers->pdata[i];

      /* Rows at or past first_new_id are covered at commit. */
      if (trigger->fill_one_sql == NULL || strcmp (trigger->table, table) != 0
          || id >= trigger->first_new_id)
        continue;
      if (!run_with_id (self, trigger->fill_one_sql, id, error))
        return FALSE;
    }
  return TRUE;
}

void
crm_store_bulk_forget (CrmStore *self)
{
  g_clear_pointer (&self->suspended_triggers, g_ptr_array_unref);
  g_clear_pointer (&self->suspended_indexes, g_ptr_array_unref);
}

void
crm_store_bulk_end (CrmStore *self)
{
  g_autofree char *restore
      = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, self->cache_size_before_bulk);

  crm_store_bulk_forget (self);
  crm_store_exec (self, restore, NULL);
  self->bulk = FALSE;
  self->bulk_failed = FALSE;
  memset (self->bulk_touched, 0, sizeof self->bulk_touched);
}
