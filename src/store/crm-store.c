/* crm-store.c — CrmStore: opening, migrating, transactions, change signals, checks, backups.
 * The typed entity functions live in crm-store-records.c, deals in crm-store-deals.c and the
 * read-only queries in crm-store-queries.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "crm-store-private.h"
#include "crm-store-resources.h"

/* PRAGMA application_id of Rapport files: "RAPT". */
#define RAPPORT_APPLICATION_ID 0x52415054
#define MIGRATIONS_PATH RESOURCE_PREFIX "/migrations/"

/* clang-format off */
G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)
/* clang-format on */

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

gint64
crm_store_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
pending_change_clear (gpointer data)
{
  CrmPendingChange *change = data;

  if (change->old_record != NULL)
    crm_record_free (change->entity, change->old_record);
  change->old_record = NULL;
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = CRM_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->filter_counts, g_hash_table_unref);
  g_clear_pointer (&self->contact_matches, crm_contact_matches_free);
  g_clear_pointer (&self->contact_prefixes, crm_contact_prefixes_free);
  crm_store_bulk_forget (self);
  for (guint i = 0; i < CRM_N_ENTITIES; i++)
    {
      g_clear_pointer (&self->insert_sql[i], g_free);
      g_clear_pointer (&self->update_sql[i], g_free);
    }
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  self->db = NULL;
  g_clear_pointer (&self->pending_changes, g_array_unref);
  g_clear_pointer (&self->savepoint_marks, g_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->migration_backup_path, g_free);
  g_clear_pointer (&self->migrations_path, g_free);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_store_finalize;

  /**
   * CrmStore::changed:
   * @entity: the #CrmEntity that changed
   * @action: the #CrmChangeAction
   * @id: the row id (0 for CRM_CHANGE_RESET)
   * @old_record: for updates and deletes, the row as it was (a record of @entity's type,
   *   valid during the emission only); otherwise NULL
   *
   * Emitted after a write has been committed, once per changed row.
   */
  signals[SIGNAL_CHANGED]
      = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                      G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_POINTER);
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
crm_store_init (CrmStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (CrmPendingChange));
  g_array_set_clear_func (self->pending_changes, pending_change_clear);
  self->savepoint_marks = g_array_new (FALSE, FALSE, sizeof (guint));
  self->filter_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contact_walk_rows = CRM_STORE_CONTACT_WALK_ROWS;
  self->contact_sort_factor = CRM_STORE_CONTACT_SORT_FACTOR;
  self->contact_prefixes_delay_ms = CRM_STORE_CONTACT_PREFIXES_DELAY_MS;
}

/* ---- Errors ------------------------------------------------------------------------------ */

void
crm_store_set_error_from_code (sqlite3 *db, int code, GError **error, const char *context)
{
  int primary = code & 0xff;
  CrmStoreError store_code = CRM_STORE_ERROR_FAILED;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code);

  switch (primary)
    {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        store_code = CRM_STORE_ERROR_BUSY;
        break;
      case SQLITE_READONLY:
      case SQLITE_PERM:
        store_code = CRM_STORE_ERROR_READ_ONLY;
        break;
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        store_code = CRM_STORE_ERROR_CORRUPT;
        break;
      case SQLITE_CANTOPEN:
        store_code = CRM_STORE_ERROR_OPEN;
        break;
      case SQLITE_CONSTRAINT:
        store_code = code == SQLITE_CONSTRAINT_FOREIGNKEY ? CRM_STORE_ERROR_CONSTRAINT
                                                          : CRM_STORE_ERROR_INVALID;
        break;
      default:
        break;
    }

  if (context != NULL)
    g_set_error (error, CRM_STORE_ERROR, store_code, "%s: %s", context, detail);
  else
    g_set_error_literal (error, CRM_STORE_ERROR, store_code, detail);
}

void
crm_store_set_error_from_db (CrmStore *self, GError **error, const char *context)
{
  crm_store_set_error_from_code (self->db, sqlite3_extended_errcode (self->db), error, context);
}

/* ---- Statements -------------------------------------------------------------------------- */

sqlite3_stmt *
crm_store_prepare (CrmStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *statement = g_hash_table_lookup (self->statements, sql);

  if (statement != NULL)
    {
      sqlite3_reset (statement);
      sqlite3_clear_bindings (statement);
      return statement;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL)
      != SQLITE_OK)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), statement);
  return statement;
}

gboolean
crm_store_step_done (CrmStore *self, sqlite3_stmt *statement, GError **error)
{
  int rc = sqlite3_step (statement);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_reset (statement);
      return FALSE;
    }
  if (!sqlite3_stmt_readonly (statement))
    self->n_write_statements++;
  sqlite3_reset (statement);
  return TRUE;
}

guint64
crm_store_get_n_write_statements (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->n_write_statements;
}

gboolean
crm_store_exec (CrmStore *self, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      crm_store_set_error_from_db (self, error, NULL);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gint64
crm_store_query_int64 (sqlite3 *db, const char *sql, int *rc_out)
{
  sqlite3_stmt *statement = NULL;
  gint64 value = 0;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &statement, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (statement);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (statement, 0);
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);
  if (rc_out != NULL)
    *rc_out = rc;
  return value;
}

/* The first column of every row of @sql (with ?1 bound to @bind_value) as gint64s. */
GArray *
crm_store_step_ids (CrmStore *self, sqlite3_stmt *statement, GError **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (statement);
  if (rc != SQLITE_DONE)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

GArray *
crm_store_select_ids (CrmStore *self, const char *sql, gint64 bind_value, GError **error)
{
  sqlite3_stmt *statement = crm_store_prepare (self, sql, error);

  if (statement == NULL)
    return NULL;
  sqlite3_bind_int64 (statement, 1, bind_value);
  return crm_store_step_ids (self, statement, error);
}

/* ---- Transactions and change signals ------------------------------------------------------ */

gboolean
crm_store_begin (CrmStore *self, GError **error)
{
  g_autofree char *sql = NULL;
  guint mark = self->pending_changes->len;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (self->transaction_depth == 0)
    sql = g_strdup ("BEGIN IMMEDIATE");
  else if (!self->bulk)
    sql = g_strdup_printf ("SAVEPOINT crm_%u", self->transaction_depth);

  if (sql != NULL && !crm_store_exec (self, sql, error))
    return FALSE;

  g_array_append_val (self->savepoint_marks, mark);
  self->transaction_depth++;
  return TRUE;
}

gboolean
crm_store_begin_bulk (CrmStore *self, GError **error)
{
  return crm_store_begin_bulk_sized (self, -1, error);
}

gboolean
crm_store_begin_bulk_sized (CrmStore *self, gint64 expected_rows, GError **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  if (self->transaction_depth > 0)
    return crm_store_begin (self, error);
  if (!crm_store_begin (self, error))
    return FALSE;
  self->bulk_expected_rows = expected_rows;
  if (!crm_store_bulk_start (self, error))
    {
      crm_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

static void
emit_pending_changes (CrmStore *self)
{
  g_autoptr (GArray) changes = self->pending_changes;
  gboolean touched[CRM_N_ENTITIES];
  gboolean was_bulk = self->bulk;
  guint sizes[CRM_N_ENTITIES], outer_sizes[CRM_N_ENTITIES];
  guint64 batch, outer_batch;

  memcpy (touched, self->bulk_touched, sizeof touched);
  if (was_bulk)
    crm_store_bulk_end (self);

  /* Handlers may write again: give them a fresh queue. */
  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (CrmPendingChange));
  g_array_set_clear_func (self->pending_changes, pending_change_clear);
  self->data_version = crm_store_query_int64 (self->db, "PRAGMA data_version", NULL);

  g_object_ref (self);
  /* This commit's batch, for the handlers (crm_store_get_change_batch); a handler's own
   * commit makes a batch of its own, and this one is back when it returns. */
  outer_batch = self->change_batch;
  memcpy (outer_sizes, self->batch_sizes, sizeof outer_sizes);
  batch = ++self->n_change_batches;
  memset (sizes, 0, sizeof sizes);
  for (guint i = 0; i < changes->len; i++)
    {
      CrmPendingChange *change = &g_array_index (changes, CrmPendingChange, i);

      sizes[change->entity]++;
      /* Before any handler reads the contact list again. */
      crm_store_contact_matches_changed (self, change->entity, change->action, change->id,
                                         change->old_record);
    }
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    if (was_bulk && touched[entity])
      crm_store_contact_matches_changed (self, entity, CRM_CHANGE_RESET, 0, NULL);
  for (guint i = 0; i < changes->len; i++)
    {
      CrmPendingChange *change = &g_array_index (changes, CrmPendingChange, i);

      self->change_batch = batch;
      memcpy (self->batch_sizes, sizes, sizeof sizes);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0, (guint) change->entity,
                     (guint) change->action, change->id, change->old_record);
    }
  if (was_bulk)
    for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
      if (touched[entity])
        g_signal_emit (self, signals[SIGNAL_CHANGED], 0, entity, (guint) CRM_CHANGE_RESET,
                       (gint64) 0, NULL);
  self->change_batch = outer_batch;
  memcpy (self->batch_sizes, outer_sizes, sizeof outer_sizes);
  g_object_unref (self);
}

guint64
crm_store_get_change_batch (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->change_batch;
}

guint
crm_store_get_batch_size (CrmStore *self, CrmEntity entity)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (entity < CRM_N_ENTITIES, 0);
  return self->change_batch != 0 ? self->batch_sizes[entity] : 0;
}

gboolean
crm_store_commit (CrmStore *self, GError **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (self->transaction_depth > 1)
    {
      if (!self->bulk)
        {
          sql = g_strdup_printf ("RELEASE crm_%u", self->transaction_depth - 1);
          if (!crm_store_exec (self, sql, error))
            {
              crm_store_rollback (self);
              return FALSE;
            }
        }
      self->transaction_depth--;
      g_array_set_size (self->savepoint_marks, self->transaction_depth);
      return TRUE;
    }

  if (self->bulk && self->bulk_failed)
    {
      crm_store_rollback (self);
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           _ ("A write in this batch failed, so none of it was saved"));
      return FALSE;
    }
  if ((self->bulk && !crm_store_bulk_finish (self, error))
      || !crm_store_exec (self, "COMMIT", error))
    {
      crm_store_rollback (self);
      return FALSE;
    }

  self->transaction_depth = 0;
  g_array_set_size (self->savepoint_marks, 0);
  emit_pending_changes (self);
  return TRUE;
}

void
crm_store_rollback (CrmStore *self)
{
  guint mark;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    {
      /* Fails only when SQLite already rolled back by itself (e.g. after SQLITE_FULL). */
      if (sqlite3_get_autocommit (self->db) == 0)
        crm_store_exec (self, "ROLLBACK", NULL);
      if (self->bulk)
        crm_store_bulk_end (self);
    }
  else if (self->bulk)
    self->bulk_failed = TRUE;
  else
    {
      g_autofree char *sql
          = g_strdup_printf ("ROLLBACK TO crm_%u; RELEASE crm_%u", self->transaction_depth - 1,
                             self->transaction_depth - 1);
      crm_store_exec (self, sql, NULL);
    }

  mark = g_array_index (self->savepoint_marks, guint, self->transaction_depth - 1);
  g_array_set_size (self->pending_changes, mark);
  self->transaction_depth--;
  g_array_set_size (self->savepoint_marks, self->transaction_depth);
}

void
crm_store_queue_change (
    CrmStore *self, CrmEntity entity, CrmChangeAction action, gint64 id, gpointer old_record)
{
  CrmPendingChange change = { entity, action, id, old_record };

  g_assert (self->transaction_depth > 0);
  if (self->bulk)
    {
      self->bulk_touched[entity] = TRUE;
      if (old_record != NULL)
        crm_record_free (entity, old_record);
      return;
    }
  g_array_append_val (self->pending_changes, change);
}

gboolean
crm_store_poll_external_changes (CrmStore *self)
{
  gint64 version;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  if (self->transaction_depth > 0)
    return FALSE;

  version = crm_store_query_int64 (self->db, "PRAGMA data_version", NULL);
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  g_clear_pointer (&self->contact_matches, crm_contact_matches_free);
  crm_store_contact_prefixes_changed (self);
  g_object_ref (self);
  for (guint entity = 0; entity < CRM_N_ENTITIES; entity++)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0, entity, (guint) CRM_CHANGE_RESET, (gint64) 0,
                   NULL);
  g_object_unref (self);
  return TRUE;
}

gint64
crm_store_get_last_change_id (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return crm_store_query_int64 (self->db, "SELECT ifnull (max (id), 0) FROM change_log", NULL);
}

/* ---- Opening and migrating -------------------------------------------------------------- */

char *
crm_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "rapport", "rapport.db", NULL);
}

/* Reads the header facts of an existing file without writing to it. */
static gboolean
probe_existing_file (const char *path, int target_version, GError **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL);
  gint64 application_id = 0, user_version = 0, n_tables = 0;

  if (rc == SQLITE_OK)
    application_id = crm_store_query_int64 (db, "PRAGMA application_id", &rc);
  if (rc == SQLITE_OK)
    user_version = crm_store_query_int64 (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    n_tables = crm_store_query_int64 (db, "SELECT count(*) FROM sqlite_schema", &rc);

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
                     _ ("“%s” is not a Rapport database, or it is damaged (%s)"), path,
                     sqlite3_errstr (rc));
      else
        crm_store_set_error_from_code (db, rc, error, path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_close_v2 (db);

  if (application_id != RAPPORT_APPLICATION_ID
      && (application_id != 0 || user_version != 0 || n_tables != 0))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_RAPPORT,
                   _ ("“%s” is a database of another program, not of Rapport"), path);
      return FALSE;
    }
  if (user_version > target_version)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION,
                   _ ("“%s” was written by a newer version of Rapport (database version %d; this "
                      "version understands up to %d). The file was not changed."),
                   path, (int) user_version, target_version);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_owner_only_file (const char *path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? CRM_STORE_ERROR_READ_ONLY
                                                                 : CRM_STORE_ERROR_OPEN,
                   _ ("Cannot create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
configure_connection (CrmStore *self, GError **error)
{
  sqlite3_stmt *statement = NULL;
  gboolean wal = FALSE;

  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  if (!crm_store_exec (
          self, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY",
          error))
    return FALSE;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &statement, NULL) == SQLITE_OK
      && sqlite3_step (statement) == SQLITE_ROW)
    wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (statement, 0), "wal") == 0;
  sqlite3_finalize (statement);
  if (!wal)
    {
      crm_store_set_error_from_db (self, error, _ ("Cannot switch the database to WAL mode"));
      return FALSE;
    }
  return TRUE;
}

static char *
load_migration (CrmStore *self, int version, GError **error)
{
  g_auto (GStrv) names = g_resources_enumerate_children (self->migrations_path, 0, error);
  g_autofree char *prefix = g_strdup_printf ("%04d-", version);

  if (names == NULL)
    return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      {
        g_autofree char *resource_path = g_strconcat (self->migrations_path, names[i], NULL);
        g_autoptr (GBytes) bytes = g_resources_lookup_data (resource_path, 0, error);
        if (bytes == NULL)
          return NULL;
        return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      }
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION,
               _ ("Migration to database version %d is missing from this build"), version);
  return NULL;
}

/* The copy kept before an upgrade, in the backup folder beside the file
 * (crm_store_build_backup_path): "<name>-<time>-before-migration-vN.db". */
static gboolean
backup_before_migration (CrmStore *self, GError **error)
{
  g_autofree char *reason = g_strdup_printf ("before-migration-v%d", self->target_version);
  g_autofree char *backup_path
      = crm_store_build_backup_path (self->path, crm_store_now (), reason, error);

  if (backup_path == NULL || !crm_store_backup (self, backup_path, error))
    return FALSE;
  g_free (self->migration_backup_path);
  self->migration_backup_path = g_steal_pointer (&backup_path);
  return TRUE;
}

static gboolean
migrate (CrmStore *self, GError **error)
{
  int rc;
  int version = (int) crm_store_query_int64 (self->db, "PRAGMA user_version", &rc);
  g_autofree char *set_version = NULL;
  g_autoptr (GError) local_error = NULL;

  if (rc != SQLITE_OK)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  self->schema_version = version;
  if (version == self->target_version)
    return TRUE;

  if (version > 0 && !backup_before_migration (self, error))
    return FALSE;
  /* Migration 6 edits CHECK constraints in the schema text (writable_schema), which a build of
   * SQLite that defaults to defensive mode would refuse. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_DEFENSIVE, 0, (int *) NULL);

  if (!crm_store_begin (self, error))
    return FALSE;

  for (int next = version + 1; next <= self->target_version; next++)
    {
      g_autofree char *sql = load_migration (self, next, &local_error);

      if (sql == NULL || !crm_store_exec (self, sql, &local_error))
        goto failed;
      if (next == 1 && !crm_store_insert_defaults (self, &local_error))
        goto failed;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d",
                                 self->target_version, RAPPORT_APPLICATION_ID);
  if (!crm_store_exec (self, set_version, &local_error))
    goto failed;

  /* Signals of the initial rows are of no use to anyone: nobody listens yet. */
  g_array_set_size (self->pending_changes, 0);
  if (!crm_store_commit (self, &local_error))
    goto failed_after_rollback;

  self->schema_version = self->target_version;
  return TRUE;

failed:
  crm_store_rollback (self);
failed_after_rollback:
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION,
               _ ("Cannot upgrade the database from version %d to %d: %s. Nothing was changed."),
               version, self->target_version, local_error->message);
  return FALSE;
}

/* Process-wide SQLite settings, before SQLite first starts (later calls are refused, harmlessly,
 * when something else in the process started it first). No memory statistics: Rapport reads
 * none, and keeping them takes a global lock on every allocation of SQLite, which a big import
 * does millions of times. */
static void
configure_sqlite_once (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

CrmStore *
crm_store_open_with_migrations (const char *path,
                                const char *migrations_path,
                                int target_version,
                                GError **error)
{
  g_autoptr (CrmStore) self = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  configure_sqlite_once ();
  g_resources_register (crm_store_get_resource ());

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                       _ ("“%s” is not a regular file"), path);
          return NULL;
        }
      if (!probe_existing_file (path, target_version, error))
        return NULL;
    }
  else if (!create_owner_only_file (path, error))
    return NULL;

  /* The file is the user's private data: readable by its owner only. SQLite gives the -wal
   * and -shm files the same mode. */
  if (g_chmod (path, 0600) != 0 && errno != EPERM)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN, _ ("Cannot open “%s”: %s"), path,
                   g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->migrations_path = g_strdup (migrations_path);
  self->target_version = target_version;
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *context = g_strdup_printf (_ ("Cannot open “%s”"), path);
      crm_store_set_error_from_code (self->db, rc, error, context);
      return NULL;
    }

  if (!configure_connection (self, error) || !migrate (self, error))
    return NULL;

  self->data_version = crm_store_query_int64 (self->db, "PRAGMA data_version", NULL);
  return g_steal_pointer (&self);
}

CrmStore *
crm_store_open (const char *path, GError **error)
{
  return crm_store_open_with_migrations (path, MIGRATIONS_PATH, CRM_STORE_SCHEMA_VERSION, error);
}

const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->path;
}

int
crm_store_get_schema_version (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  return self->schema_version;
}

const char *
crm_store_get_migration_backup_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  return self->migration_backup_path;
}
