/* crm-store-backups.c — the files behind backups and restores: where backups of a database go
 * and how they are named, what a backup file holds (read without writing to it), copying a
 * database file consistently, and putting a new file in the place of a database.
 *
 * Each function opens its own connection, so the backup folder's owner (src/core/crm-backups.c)
 * can run them in a worker thread while the window keeps its own connection.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "crm-store-private.h"

#define RAPPORT_APPLICATION_ID 0x52415054
#define BACKUP_FOLDER_NAME "backups"
/* YYYY-MM-DD-HHMMSS */
#define STAMP_LENGTH 17

/* ---- Names -------------------------------------------------------------------------------- */

char *
crm_store_get_backup_folder (const char *database_path)
{
  g_autofree char *folder = g_path_get_dirname (database_path);

  return g_build_filename (folder, BACKUP_FOLDER_NAME, NULL);
}

/* "rapport.db" → "rapport"; other names are kept whole. */
static char *
database_stem (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

static gboolean
is_valid_reason (const char *reason)
{
  if (reason == NULL || *reason == '\0')
    return TRUE;
  for (const char *p = reason; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

char *
crm_store_build_backup_path (const char *database_path,
                             gint64 when,
                             const char *reason,
                             GError **error)
{
  g_autofree char *folder = crm_store_get_backup_folder (database_path);
  g_autofree char *stem = database_stem (database_path);

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (is_valid_reason (reason), NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot create the backup folder “%s”: %s"), folder,
                   g_strerror (saved_errno));
      return NULL;
    }
  /* Private data: the folder may have been made by someone else's umask. */
  g_chmod (folder, 0700);

  for (guint attempt = 0; attempt < 3600; attempt++)
    {
      g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (when + attempt);
      g_autofree char *stamp = g_date_time_format (time, "%Y-%m-%d-%H%M%S");
      g_autofree char *name = reason != NULL && *reason != '\0'
                                  ? g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason)
                                  : g_strdup_printf ("%s-%s.db", stem, stamp);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
               _ ("Cannot find a free name for a backup in “%s”"), folder);
  return NULL;
}

gboolean
crm_store_parse_backup_name (const char *database_path,
                             const char *file_name,
                             gint64 *when,
                             char **reason)
{
  g_autofree char *stem = database_stem (database_path);
  g_autofree char *iso = NULL;
  g_autoptr (GDateTime) time = NULL;
  size_t stem_length = strlen (stem);
  size_t length = strlen (file_name);
  const char *stamp, *rest;
  int year, month, day, hour, minute, second;

  g_return_val_if_fail (database_path != NULL && file_name != NULL, FALSE);

  if (length < stem_length + 1 + STAMP_LENGTH + 3 || strncmp (file_name, stem, stem_length) != 0
      || file_name[stem_length] != '-' || !g_str_has_suffix (file_name, ".db"))
    return FALSE;
  stamp = file_name + stem_length + 1;
  for (guint i = 0; i < STAMP_LENGTH; i++)
    {
      gboolean dash = i == 4 || i == 7 || i == 10;
      if (dash ? stamp[i] != '-' : !g_ascii_isdigit (stamp[i]))
        return FALSE;
    }
  if (sscanf (stamp, "%4d-%2d-%2d-%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) != 6)
    return FALSE;
  time = g_date_time_new_utc (year, month, day, hour, minute, second);
  if (time == NULL)
    return FALSE;

  rest = stamp + STAMP_LENGTH;
  if (rest[0] != '.' && rest[0] != '-')
    return FALSE;
  if (rest[0] == '-')
    {
      g_autofree char *found = g_strndup (rest + 1, strlen (rest + 1) - 3);
      if (*found == '\0' || !is_valid_reason (found))
        return FALSE;
      if (reason != NULL)
        *reason = g_steal_pointer (&found);
    }
  else if (strcmp (rest, ".db") != 0)
    return FALSE;
  else if (reason != NULL)
    *reason = g_strdup ("");
  if (when != NULL)
    *when = g_date_time_to_unix (time);
  return TRUE;
}

/* ---- Reading a backup ----------------------------------------------------------------------- */

/* Opens @path read-only. A copy of a WAL database written by an older Rapport still says WAL in
 * its header, and SQLite makes -wal and -shm files beside it even for a reader: with
 * @unchanging (a backup nobody writes) and no -wal file, it is opened as immutable, which
 * makes none; otherwise close_read_only () removes the empty ones it made. */
static sqlite3 *
open_read_only (const char *path, gboolean unchanging, gboolean *had_wal, GError **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN, _ ("“%s” is not a file"), path);
      return NULL;
    }
  *had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);
  if (unchanging && !*had_wal)
    {
      g_autofree char *file_uri = g_filename_to_uri (path, NULL, NULL);
      if (file_uri != NULL)
        uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }
  rc = sqlite3_open_v2 (
      uri != NULL ? uri : path, &db,
      SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | (uri != NULL ? SQLITE_OPEN_URI : 0), NULL);
  if (rc != SQLITE_OK)
    {
      crm_store_set_error_from_code (db, rc, error, path);
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
close_read_only (sqlite3 *db, const char *path, gboolean had_wal)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm_path = g_strconcat (path, "-shm", NULL);
  GStatBuf st;

  sqlite3_close_v2 (db);
  if (!had_wal && g_stat (wal_path, &st) == 0 && st.st_size == 0)
    {
      g_unlink (wal_path);
      g_unlink (shm_path);
    }
}

static void
set_damaged_error (const char *path, int rc, GError **error)
{
  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT,
               _ ("“%s” is not a Rapport database, or it is damaged (%s)"), path,
               sqlite3_errstr (rc));
}

/* The application id and schema version of @db; FALSE (with @error) when unreadable or not a
 * Rapport file. */
static gboolean
read_header (sqlite3 *db, const char *path, int *version, GError **error)
{
  int rc;
  gint64 application_id = crm_store_query_int64 (db, "PRAGMA application_id", &rc);

  if (rc == SQLITE_OK)
    *version = (int) crm_store_query_int64 (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK)
    crm_store_query_int64 (db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        set_damaged_error (path, rc, error);
      else
        crm_store_set_error_from_code (db, rc, error, path);
      return FALSE;
    }
  if (application_id != RAPPORT_APPLICATION_ID)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_RAPPORT,
                   _ ("“%s” is not a Rapport database"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
crm_store_read_summary (const char *path, CrmBackupSummary *summary, GError **error)
{
  gboolean had_wal = FALSE;
  sqlite3 *db;
  sqlite3_stmt *statement = NULL;
  int rc;

  g_return_val_if_fail (path != NULL && summary != NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  db = open_read_only (path, TRUE, &had_wal, error);
  if (db == NULL)
    return FALSE;
  if (!read_header (db, path, &summary->schema_version, error))
    {
      close_read_only (db, path, had_wal);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (
      db,
      "SELECT (SELECT count(*) FROM contacts), (SELECT count(*) FROM companies), "
      "(SELECT count(*) FROM deals), (SELECT count(*) FROM activities), "
      "max (ifnull ((SELECT max (updated_at) FROM contacts), 0), "
      "ifnull ((SELECT max (updated_at) FROM companies), 0), "
      "ifnull ((SELECT max (updated_at) FROM deals), 0), "
      "ifnull ((SELECT max (updated_at) FROM activities), 0))",
      -1, &statement, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (statement);
  if (rc == SQLITE_ROW)
    {
      summary->n_contacts = (guint) sqlite3_column_int64 (statement, 0);
      summary->n_companies = (guint) sqlite3_column_int64 (statement, 1);
      summary->n_deals = (guint) sqlite3_column_int64 (statement, 2);
      summary->n_activities = (guint) sqlite3_column_int64 (statement, 3);
      summary->newest_updated_at = sqlite3_column_int64 (statement, 4);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);

  /* A newer Rapport may have changed its tables: its version alone is worth showing. */
  if (rc != SQLITE_OK && summary->schema_version <= CRM_STORE_SCHEMA_VERSION)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        set_damaged_error (path, rc, error);
      else
        crm_store_set_error_from_code (db, rc, error, path);
      close_read_only (db, path, had_wal);
      return FALSE;
    }
  close_read_only (db, path, had_wal);
  return TRUE;
}

gboolean
crm_store_verify_backup (const char *path, GError **error)
{
  gboolean had_wal = FALSE;
  sqlite3 *db;
  sqlite3_stmt *statement = NULL;
  g_autoptr (GString) findings = g_string_new (NULL);
  int version = 0, rc;

  g_return_val_if_fail (path != NULL, FALSE);

  db = open_read_only (path, FALSE, &had_wal, error);
  if (db == NULL)
    return FALSE;
  if (!read_header (db, path, &version, error))
    {
      close_read_only (db, path, had_wal);
      return FALSE;
    }
  if (version > CRM_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION,
                   _ ("“%s” was written by a newer version of Rapport (database version %d; this "
                      "version understands up to %d)"),
                   path, version, CRM_STORE_SCHEMA_VERSION);
      close_read_only (db, path, had_wal);
      return FALSE;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check (10)", -1, &statement, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (statement)) == SQLITE_ROW)
    {
      const char *row = (const char *) sqlite3_column_text (statement, 0);
      if (g_strcmp0 (row, "ok") != 0)
        g_string_append_printf (findings, "%s%s", findings->len > 0 ? "; " : "", row);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (statement);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      set_damaged_error (path, rc, error);
      close_read_only (db, path, had_wal);
      return FALSE;
    }
  close_read_only (db, path, had_wal);
  if (findings->len > 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT, _ ("“%s” is damaged (%s)"),
                   path, findings->str);
      return FALSE;
    }
  return TRUE;
}

/* ---- Copying and replacing ------------------------------------------------------------------ */

static gboolean
sync_path (const char *path, int flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean synced;

  if (fd < 0)
    return FALSE;
  synced = fsync (fd) == 0;
  close (fd);
  return synced;
}

gboolean
crm_store_copy_database (const char *source_path, const char *dest_path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (folder, template, NULL);
  sqlite3 *source, *dest = NULL;
  sqlite3_backup *backup;
  gboolean had_wal = FALSE;
  int fd, rc;

  g_return_val_if_fail (source_path != NULL && dest_path != NULL, FALSE);

  source = open_read_only (source_path, FALSE, &had_wal, error);
  if (source == NULL)
    return FALSE;

  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot write a backup in “%s”: %s"), folder, g_strerror (saved_errno));
      close_read_only (source, source_path, had_wal);
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (temp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", source, "main");
      if (backup != NULL)
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
      else
        rc = sqlite3_errcode (dest);
    }
  /* A copy of a WAL database says WAL in its header; a backup is a single file. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *context = g_strdup_printf (_ ("Cannot copy “%s”"), source_path);
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        set_damaged_error (source_path, rc, error);
      else
        crm_store_set_error_from_code (dest, rc, error, context);
      sqlite3_close_v2 (dest);
      close_read_only (source, source_path, had_wal);
      g_unlink (temp_path);
      return FALSE;
    }
  sqlite3_close_v2 (dest);
  close_read_only (source, source_path, had_wal);

  if (!sync_path (temp_path, O_RDONLY) || g_rename (temp_path, dest_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot write the backup “%s”: %s"), dest_path, g_strerror (saved_errno));
      g_unlink (temp_path);
      return FALSE;
    }
  sync_path (folder, O_RDONLY | O_DIRECTORY);
  return TRUE;
}

/* Folds the WAL of @database_path into it and leaves WAL mode, which SQLite allows only to
 * the one connection that has the file open: afterwards no -wal file can be replayed onto a
 * file put in its place. */
static gboolean
try_leave_wal_mode (const char *database_path, GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gboolean left = FALSE;
  int rc;

  rc = sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      crm_store_set_error_from_code (db, rc, error, database_path);
      sqlite3_close_v2 (db);
      return FALSE;
    }
  sqlite3_busy_timeout (db, 2000);
  rc = sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = DELETE", -1, &statement, NULL);
  if (rc == SQLITE_OK && sqlite3_step (statement) == SQLITE_ROW)
    left = g_ascii_strcasecmp ((const char *) sqlite3_column_text (statement, 0), "delete") == 0;
  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);

  if (!left)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY,
                 _ ("“%s” is open in another window or program; close it and try again"),
                 database_path);
  return left;
}

/* A connection open for a moment (a backup being taken) is waited for, up to two seconds. */
static gboolean
leave_wal_mode (const char *database_path, GError **error)
{
  for (guint attempt = 1;; attempt++)
    {
      g_autoptr (GError) local_error = NULL;

      if (try_leave_wal_mode (database_path, &local_error))
        return TRUE;
      if (attempt == 20 || !g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_usleep (100 * 1000);
    }
}

gboolean
crm_store_replace_database (const char *database_path, const char *replacement_path, GError **error)
{
  g_autofree char *wal_path = g_strconcat (database_path, "-wal", NULL);
  g_autofree char *shm_path = g_strconcat (database_path, "-shm", NULL);
  g_autofree char *folder = g_path_get_dirname (database_path);

  g_return_val_if_fail (database_path != NULL && replacement_path != NULL, FALSE);

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      if (!leave_wal_mode (database_path, error))
        return FALSE;
      /* Someone opened it again in the meantime. */
      if (g_file_test (wal_path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY,
                       _ ("“%s” is open in another window or program; close it and try again"),
                       database_path);
          return FALSE;
        }
      g_unlink (shm_path);
    }

  if (!sync_path (replacement_path, O_RDONLY) || g_rename (replacement_path, database_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN, _ ("Cannot replace “%s”: %s"),
                   database_path, g_strerror (saved_errno));
      return FALSE;
    }
  g_chmod (database_path, 0600);
  sync_path (folder, O_RDONLY | O_DIRECTORY);
  return TRUE;
}
