/* crm-store-undo.c — undo from the change log: crm_store_revert_changes() walks a range of
 * change_log rows backwards and writes each row back as it was before.
 *
 * The SQL is built from the entity descriptions (table and column names only); every value
 * comes from the logged JSON through json_extract() on a bound parameter, so no stored value is
 * ever pasted into SQL. Before anything is written, every row the range touched is checked: if
 * the log shows a later change to it and the row is no longer as the range left it, the revert
 * is refused rather than overwrite newer data. After writing, the revert must not have touched
 * any row outside the range (a cascade into rows added since); otherwise it is rolled back. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-store-private.h"

/* The one logged table without an id or an entity description: its log rows are keyed by
 * contact_id and its JSON is {contact_id, tag_id}. */
#define CONTACT_TAGS_TABLE "contact_tags"

/* Beyond this many log rows, listeners get one reset per entity instead of a signal per row. */
#define MAX_PER_ROW_SIGNALS 256

typedef enum
{
  LOGGED_INSERT,
  LOGGED_UPDATE,
  LOGGED_DELETE,
} LoggedAction;

typedef struct
{
  gint64 id;
  char *table;
  gint64 entity_id;
  LoggedAction action;
  char *old_values;          /* JSON object of the row before (update, delete) */
  char *new_values;          /* JSON object of the row after (insert, update) */
  const CrmEntityInfo *info; /* NULL for contact_tags */
} LoggedChange;

typedef struct
{
  gboolean per_row_signals;
  gboolean touched[CRM_N_ENTITIES];
  GHashTable *tagged_contacts; /* gint64 contact id set: contacts whose tags were written */
} RevertRun;

static void
logged_change_clear (gpointer data)
{
  LoggedChange *change = data;

  g_clear_pointer (&change->table, g_free);
  g_clear_pointer (&change->old_values, g_free);
  g_clear_pointer (&change->new_values, g_free);
}

static char *
column_text_dup (sqlite3_stmt *statement, int column)
{
  const unsigned char *text = sqlite3_column_text (statement, column);
  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
is_contact_tags (const LoggedChange *change)
{
  return change->info == NULL;
}

/* For contact_tags the values of either side name the pair; they are the same JSON text. */
static const char *
contact_tag_values (const LoggedChange *change)
{
  return change->new_values != NULL ? change->new_values : change->old_values;
}

/* ---- SQL built from the entity descriptions --------------------------------------------- */

/* Column @i of @info's table: id, uuid, then the record's fields; NULL for a field the
 * database keeps itself (not logged: its triggers bring it back with the others). */
static const char *
column_name (const CrmEntityInfo *info, guint i)
{
  if (i == 0)
    return "id";
  if (i == 1)
    return "uuid";
  return info->fields[i - 2].derived ? NULL : info->fields[i - 2].column;
}

static guint
n_columns (const CrmEntityInfo *info)
{
  return info->n_fields + 2;
}

/* INSERT of the whole row from the JSON in ?1. */
static char *
restore_row_sql (const CrmEntityInfo *info)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "INSERT INTO %s (", info->table);
  for (guint i = 0; i < n_columns (info); i++)
    if (column_name (info, i) != NULL)
      g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", column_name (info, i));
  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n_columns (info); i++)
    if (column_name (info, i) != NULL)
      g_string_append_printf (sql, "%sjson_extract (?1, '$.%s')", i > 0 ? ", " : "",
                              column_name (info, i));
  g_string_append_c (sql, ')');
  return g_string_free (sql, FALSE);
}

/* UPDATE of every column but id from the JSON in ?1, of the row with id ?2. */
static char *
restore_values_sql (const CrmEntityInfo *info)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "UPDATE %s SET ", info->table);
  for (guint i = 1; i < n_columns (info); i++)
    if (column_name (info, i) != NULL)
      g_string_append_printf (sql, "%s%s = json_extract (?1, '$.%s')", i > 1 ? ", " : "",
                              column_name (info, i), column_name (info, i));
  g_string_append (sql, " WHERE id = ?2");
  return g_string_free (sql, FALSE);
}

/* 1 when the row with id ?2 holds exactly the values of the JSON in ?1, else 0. Bytewise, so a
 * NOCASE column that changed only in case counts as changed. */
static char *
row_matches_sql (const CrmEntityInfo *info)
{
  GString *sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT count(*) FROM %s WHERE id = ?2", info->table);
  for (guint i = 1; i < n_columns (info); i++)
    if (column_name (info, i) != NULL)
      g_string_append_printf (sql, " AND %s COLLATE BINARY IS json_extract (?1, '$.%s')",
                              column_name (info, i), column_name (info, i));
  return g_string_free (sql, FALSE);
}

/* ---- Reading the range ------------------------------------------------------------------- */

static const CrmEntityInfo *
info_for_table (const char *table)
{
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    {
      const CrmEntityInfo *info = crm_store_get_entity_info (entity);
      if (strcmp (info->table, table) == 0)
        return info;
    }
  return NULL;
}

static gboolean
parse_action (const char *text, LoggedAction *action)
{
  static const char *const names[] = { "insert", "update", "delete" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *action = (LoggedAction) i;
        return TRUE;
      }
  return FALSE;
}

/* Checks what the log row says before anything acts on it, and links it to its entity. */
static gboolean
resolve_change (LoggedChange *change, const char *action_text, GError **error)
{
  gboolean known_table = strcmp (change->table, CONTACT_TAGS_TABLE) == 0;

  change->info = info_for_table (change->table);
  if (change->info == NULL && !known_table)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   _ ("Cannot undo a change to “%s”: this version of Rapport does not know it"),
                   change->table);
      return FALSE;
    }
  if (!parse_action (action_text, &change->action)
      || (change->action != LOGGED_INSERT && change->old_values == NULL)
      || (change->action != LOGGED_DELETE && change->new_values == NULL)
      || (known_table && change->action == LOGGED_UPDATE))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                   _ ("The change log entry %lld is damaged, so it cannot be undone"),
                   (long long) change->id);
      return FALSE;
    }
  return TRUE;
}

/* The log rows of the range, newest first. */
static GArray *
read_changes (CrmStore *self, gint64 after_change_id, gint64 up_to_change_id, GError **error)
{
  g_autoptr (GArray) changes = NULL;
  g_autoptr (GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *statement;
  int rc;

  statement = crm_store_prepare (self,
                                 "SELECT id, entity, entity_id, action, old_values, new_values "
                                 "FROM change_log WHERE id > ?1 AND id <= ?2 ORDER BY id DESC",
                                 error);
  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, after_change_id);
  sqlite3_bind_int64 (statement, 2, up_to_change_id);

  changes = g_array_new (FALSE, TRUE, sizeof (LoggedChange));
  g_array_set_clear_func (changes, logged_change_clear);
  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      LoggedChange change = { 0 };

      change.id = sqlite3_column_int64 (statement, 0);
      change.table = column_text_dup (statement, 1);
      change.entity_id = sqlite3_column_int64 (statement, 2);
      change.old_values = column_text_dup (statement, 4);
      change.new_values = column_text_dup (statement, 5);
      g_array_append_val (changes, change);
      g_ptr_array_add (actions, column_text_dup (statement, 3));
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }

  for (guint i = 0; i < changes->len; i++)
    if (!resolve_change (&g_array_index (changes, LoggedChange, i), actions->pdata[i], error))
      return NULL;
  return g_steal_pointer (&changes);
}

/* ---- Has anything changed since? -------------------------------------------------------- */

static gboolean
query_count (
    CrmStore *self, const char *sql, const char *json, gint64 id, gint64 *count, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);
  int rc;

  if (statement == NULL)
    return FALSE;
  if (json != NULL)
    sqlite3_bind_text (statement, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, id);
  rc = sqlite3_step (statement);
  *count = rc == SQLITE_ROW ? sqlite3_column_int64 (statement, 0) : 0;
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
changed_later (CrmStore *self,
               const LoggedChange *change,
               gint64 up_to_change_id,
               gboolean *later,
               GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self,
      "SELECT EXISTS (SELECT 1 FROM change_log WHERE entity = ?1 AND entity_id = ?2 AND id > ?3)",
      error);
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, change->table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, change->entity_id);
  sqlite3_bind_int64 (statement, 3, up_to_change_id);
  rc = sqlite3_step (statement);
  *later = rc == SQLITE_ROW && sqlite3_column_int (statement, 0) != 0;
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Whether the row is now exactly as @change (the newest change of the range to it) left it. */
static gboolean
row_is_as_left (CrmStore *self, const LoggedChange *change, gboolean *as_left, GError **error)
{
  g_autofree char *sql = NULL;
  const char *json = NULL;
  gint64 expected, count;

  if (is_contact_tags (change))
    {
      sql = g_strdup ("SELECT count(*) FROM contact_tags WHERE contact_id = json_extract (?1, "
                      "'$.contact_id') AND tag_id = json_extract (?1, '$.tag_id')");
      json = contact_tag_values (change);
      expected = change->action == LOGGED_INSERT ? 1 : 0;
    }
  else if (change->action == LOGGED_DELETE)
    {
      sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = ?2", change->info->table);
      expected = 0;
    }
  else
    {
      sql = row_matches_sql (change->info);
      json = change->new_values;
      expected = 1;
    }

  if (!query_count (self, sql, json, change->entity_id, &count, error))
    return FALSE;
  *as_left = count == expected;
  return TRUE;
}

static void
set_changed_since_error (GError **error, const char *table, gint64 id)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
               _ ("Changed since; cannot undo (%s %lld was written after this change)"), table,
               (long long) id);
}

static char *
row_key (const LoggedChange *change)
{
  if (is_contact_tags (change))
    return g_strconcat (change->table, " ", contact_tag_values (change), NULL);
  return g_strdup_printf ("%s %" G_GINT64_FORMAT, change->table, change->entity_id);
}

/* A row changed after the range is refused unless it is back as the range left it (as after
 * the undo of a later step): what matters is that no newer data is overwritten. */
static gboolean
check_unchanged_since (CrmStore *self, GArray *changes, gint64 up_to_change_id, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Newest first: the first change seen of each row is the state the range left it in. */
  for (guint i = 0; i < changes->len; i++)
    {
      const LoggedChange *change = &g_array_index (changes, LoggedChange, i);
      char *key = row_key (change);
      gboolean later = FALSE, as_left = FALSE;

      if (!g_hash_table_add (seen, key))
        continue;
      if (!changed_later (self, change, up_to_change_id, &later, error))
        return FALSE;
      if (!later)
        continue;
      if (!row_is_as_left (self, change, &as_left, error))
        return FALSE;
      if (!as_left)
        {
          set_changed_since_error (error, change->table, change->entity_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* The revert itself must touch only rows of the range: deleting a row the range inserted
 * would otherwise cascade into rows added since (an activity on a new deal). */
static gboolean
check_touched_only_the_range (CrmStore *self,
                              gint64 after_change_id,
                              gint64 up_to_change_id,
                              gint64 first_own_change_id,
                              GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (
      self,
      "SELECT r.entity, r.entity_id FROM change_log AS r WHERE r.id >= ?3 AND NOT EXISTS "
      "(SELECT 1 FROM change_log AS s WHERE s.entity = r.entity AND s.entity_id = r.entity_id "
      "AND s.id > ?1 AND s.id <= ?2) LIMIT 1",
      error);
  g_autofree char *table = NULL;
  gint64 id = 0;
  int rc;

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_int64 (statement, 1, after_change_id);
  sqlite3_bind_int64 (statement, 2, up_to_change_id);
  sqlite3_bind_int64 (statement, 3, first_own_change_id);
  rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      table = column_text_dup (statement, 0);
      id = sqlite3_column_int64 (statement, 1);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  if (table != NULL)
    {
      set_changed_since_error (error, table, id);
      return FALSE;
    }
  return TRUE;
}

/* ---- Writing back ------------------------------------------------------------------------ */

static void
queue_change (CrmStore *self,
              RevertRun *run,
              CrmEntity entity,
              CrmChangeAction action,
              gint64 id,
              gpointer old_record)
{
  if (!run->per_row_signals)
    {
      run->touched[entity] = TRUE;
      if (old_record != NULL)
        crm_record_free (entity, old_record);
      return;
    }
  crm_store_queue_change (self, entity, action, id, old_record);
}

/* The row as it is before the revert writes it, for the change signal (NULL when gone). */
static gpointer
old_record_for_signal (CrmStore *self, RevertRun *run, const LoggedChange *change)
{
  if (!run->per_row_signals)
    return NULL;
  return crm_store_get_record (self, change->info->entity, change->entity_id, NULL);
}

static gboolean
run_with_json (CrmStore *self, const char *sql, const char *json, gint64 id, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);

  if (statement == NULL)
    return FALSE;
  sqlite3_bind_text (statement, 1, json, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (statement, 2, id);
  return crm_store_step_done (self, statement, error);
}

/* An insert is undone by deleting the row (and, by the schema, what hangs off it). */
static gboolean
undo_insert (CrmStore *self, RevertRun *run, const LoggedChange *change, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?2", change->info->table);
  gpointer old_record = old_record_for_signal (self, run, change);

  if (!run_with_json (self, sql, change->new_values, change->entity_id, error))
    {
      crm_record_free (change->info->entity, old_record);
      return FALSE;
    }
  if (sqlite3_changes (self->db) > 0)
    queue_change (self, run, change->info->entity, CRM_CHANGE_DELETE, change->entity_id,
                  old_record);
  else
    crm_record_free (change->info->entity, old_record);
  return TRUE;
}

/* contact_lifecycle_history is written by a trigger and not logged. Undoing a lifecycle change
 * must not leave the change plus a backward one (dated in the past) in it, which the
 * conversion and churn figures would count: both rows go, the one the undone update wrote
 * (the newest such) and the one the revert's own update just wrote. */
static gboolean
forget_lifecycle_change (CrmStore *self, const LoggedChange *change, GError **error)
{
  static const char sql[]
      = "DELETE FROM contact_lifecycle_history WHERE id = (SELECT max (id) FROM "
        "contact_lifecycle_history WHERE contact_id = ?3 AND from_stage = json_extract (?1, "
        "'$.lifecycle') AND to_stage = json_extract (?2, '$.lifecycle') AND json_extract (?1, "
        "'$.lifecycle') IS NOT json_extract (?2, '$.lifecycle'))";
  const char *const pairs[2][2] = {
    { change->new_values, change->old_values }, /* the revert's row */
    { change->old_values, change->new_values }, /* the undone update's row */
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      sqlite3_stmt *statement = crm_store_prepare (self, sql, error);

      if (statement == NULL)
        return FALSE;
      sqlite3_bind_text (statement, 1, pairs[i][0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (statement, 2, pairs[i][1], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (statement, 3, change->entity_id);
      if (!crm_store_step_done (self, statement, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_update (CrmStore *self, RevertRun *run, const LoggedChange *change, GError **error)
{
  g_autofree char *sql = restore_values_sql (change->info);
  gpointer old_record = old_record_for_signal (self, run, change);
  gboolean updated;

  if (!run_with_json (self, sql, change->old_values, change->entity_id, error))
    {
      crm_record_free (change->info->entity, old_record);
      return FALSE;
    }
  updated = sqlite3_changes (self->db) > 0;
  if (updated)
    queue_change (self, run, change->info->entity, CRM_CHANGE_UPDATE, change->entity_id,
                  old_record);
  else
    crm_record_free (change->info->entity, old_record);
  return !updated || change->info->entity != CRM_ENTITY_CONTACT
         || forget_lifecycle_change (self, change, error);
}

/* A delete is undone by inserting the row again, with its id and uuid. */
static gboolean
undo_delete (CrmStore *self, RevertRun *run, const LoggedChange *change, GError **error)
{
  g_autofree char *sql = restore_row_sql (change->info);

  if (!run_with_json (self, sql, change->old_values, change->entity_id, error))
    return FALSE;
  queue_change (self, run, change->info->entity, CRM_CHANGE_INSERT, change->entity_id, NULL);
  return TRUE;
}

static gboolean
undo_contact_tag (CrmStore *self, RevertRun *run, const LoggedChange *change, GError **error)
{
  const char *sql = change->action == LOGGED_INSERT
                        ? "DELETE FROM contact_tags WHERE contact_id = json_extract (?1, "
                          "'$.contact_id') AND tag_id = json_extract (?1, '$.tag_id')"
                        : "INSERT INTO contact_tags (contact_id, tag_id) VALUES (json_extract "
                          "(?1, '$.contact_id'), json_extract (?1, '$.tag_id'))";
  gint64 contact_id = change->entity_id;

  if (!run_with_json (self, sql, contact_tag_values (change), contact_id, error))
    return FALSE;
  g_hash_table_add (run->tagged_contacts, g_memdup2 (&contact_id, sizeof contact_id));
  return TRUE;
}

static gboolean
undo_change (CrmStore *self, RevertRun *run, const LoggedChange *change, GError **error)
{
  if (is_contact_tags (change))
    return undo_contact_tag (self, run, change, error);
  switch (change->action)
    {
      case LOGGED_INSERT:
        return undo_insert (self, run, change, error);
      case LOGGED_UPDATE:
        return undo_update (self, run, change, error);
      case LOGGED_DELETE:
        return undo_delete (self, run, change, error);
      default:
        g_assert_not_reached ();
    }
}

/* Tags are no column of the contact: a contact whose tags changed is signalled as updated,
 * as crm_store_add_contact_tag() does (the row itself is its own "old record"). */
static void
queue_tagged_contacts (CrmStore *self, RevertRun *run)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, run->tagged_contacts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 contact_id = *(gint64 *) key;
      gpointer contact = crm_store_get_record (self, CRM_ENTITY_CONTACT, contact_id, NULL);

      if (contact != NULL)
        queue_change (self, run, CRM_ENTITY_CONTACT, CRM_CHANGE_UPDATE, contact_id, contact);
    }
}

static void
queue_resets (CrmStore *self, RevertRun *run)
{
  if (run->per_row_signals)
    return;
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    if (run->touched[entity])
      crm_store_queue_change (self, entity, CRM_CHANGE_RESET, 0, NULL);
}

static gboolean
undo_changes (CrmStore *self, GArray *changes, GError **error)
{
  RevertRun run = { 0 };
  gboolean ok = TRUE;

  run.per_row_signals = changes->len <= MAX_PER_ROW_SIGNALS;
  run.tagged_contacts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; ok && i < changes->len; i++)
    ok = undo_change (self, &run, &g_array_index (changes, LoggedChange, i), error);
  if (ok)
    {
      queue_tagged_contacts (self, &run);
      queue_resets (self, &run);
    }
  g_hash_table_unref (run.tagged_contacts);
  return ok;
}

/* ---- The public entry point -------------------------------------------------------------- */

gboolean
crm_store_revert_changes (CrmStore *self,
                          gint64 after_change_id,
                          gint64 up_to_change_id,
                          GError **error)
{
  g_autoptr (GArray) changes = NULL;
  g_autoptr (GError) local_error = NULL;
  gint64 first_own_change_id;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (after_change_id >= 0, FALSE);
  g_return_val_if_fail (up_to_change_id >= after_change_id, FALSE);
  /* Bulk transactions suspend the log triggers the revert depends on. */
  g_return_val_if_fail (!self->bulk, FALSE);

  if (!crm_store_begin (self, error))
    return FALSE;
  /* Rows come back in log order, reversed: a child may return before its parent. The pragma
   * ends with the outermost transaction; the keys are checked at its commit. */
  if (!crm_store_exec (self, "PRAGMA defer_foreign_keys = ON", &local_error))
    goto failed;

  changes = read_changes (self, after_change_id, up_to_change_id, &local_error);
  if (changes == NULL || !check_unchanged_since (self, changes, up_to_change_id, &local_error))
    goto failed;

  first_own_change_id = crm_store_get_last_change_id (self) + 1;
  if (!undo_changes (self, changes, &local_error)
      || !check_touched_only_the_range (self, after_change_id, up_to_change_id, first_own_change_id,
                                        &local_error))
    goto failed;

  if (!crm_store_commit (self, &local_error))
    {
      /* Only a deferred foreign key fails at commit: a row the undo brings back refers to a
       * row deleted since. */
      if (g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT))
        g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                             _ ("Changed since; cannot undo (something it refers to was deleted "
                                "after this change)"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;

failed:
  crm_store_rollback (self);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
