/* crm-store-maintenance.c — keeping a database sound: the integrity check and the online backup
 * that `rapport-cli check` and `backup`, and the backup before every migration, rely on. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "crm-store-private.h"

/* ---- Check and backup -------------------------------------------------------------------- */

static gboolean
append_pragma_findings (CrmStore *self, const char *sql, GString *report, gboolean ok_row_allowed)
{
  sqlite3_stmt *statement = NULL;
  gboolean sound = TRUE;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL) != SQLITE_OK)
    {
      g_string_append_printf (report, "%s: %s\n", sql, sqlite3_errmsg (self->db));
      return FALSE;
    }
  while (TRUE)
    {
      int rc = sqlite3_step (statement);
      if (rc == SQLITE_DONE)
        break;
      if (rc != SQLITE_ROW)
        {
          g_string_append_printf (report, "%s: %s\n", sql, sqlite3_errmsg (self->db));
          sound = FALSE;
          break;
        }
      if (ok_row_allowed
          && g_strcmp0 ((const char *) sqlite3_column_text (statement, 0), "ok") == 0)
        continue;
      sound = FALSE;
      for (int i = 0; i < sqlite3_column_count (statement); i++)
        g_string_append_printf (report, "%s%s", i > 0 ? " " : "",
                                sqlite3_column_text (statement, i) != NULL
                                    ? (const char *) sqlite3_column_text (statement, i)
                                    : "NULL");
      g_string_append_c (report, '\n');
    }
  sqlite3_finalize (statement);
  return sound;
}

gboolean
crm_store_check (CrmStore *self, GString *report, GError **error)
{
  gboolean sound = TRUE;
  int rc;
  gint64 version;
  static const char *const fts_tables[] = { "contacts_fts", "companies_fts", "deals_fts" };

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!append_pragma_findings (self, "PRAGMA integrity_check", report, TRUE))
    {
      g_string_prepend (report, _ ("Integrity check failed:\n"));
      sound = FALSE;
    }
  if (!append_pragma_findings (self, "PRAGMA foreign_key_check", report, FALSE))
    {
      g_string_append (report,
                       _ ("Rows refer to rows that do not exist (table, rowid, parent).\n"));
      sound = FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (fts_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s) VALUES ('integrity-check')",
                                              fts_tables[i], fts_tables[i]);
      if (!crm_store_exec (self, sql, NULL))
        {
          g_string_append_printf (report, _ ("The search index %s is out of step: %s\n"),
                                  fts_tables[i], sqlite3_errmsg (self->db));
          sound = FALSE;
        }
    }
  /* The company names kept on contacts (schema version 4), written by triggers only. */
  if (self->target_version >= 4)
    {
      gint64 wrong = crm_store_query_int64 (
          self->db,
          "SELECT count(*) FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "
          "WHERE c.company_name IS NOT co.name",
          &rc);

      if (rc == SQLITE_OK && wrong > 0)
        {
          g_string_append_printf (report,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%lld contact holds a company name that is not "
                                               "its company’s\n",
                                               "%lld contacts hold a company name that is not "
                                               "their company’s\n",
                                               (gulong) wrong),
                                  (long long) wrong);
          sound = FALSE;
        }
    }
  version = crm_store_query_int64 (self->db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    {
      crm_store_set_error_from_db (self, error, NULL);
      return FALSE;
    }
  if (version != self->target_version)
    {
      g_string_append_printf (report, _ ("Schema version is %d, expected %d\n"), (int) version,
                              self->target_version);
      sound = FALSE;
    }
  return sound;
}

gboolean
crm_store_backup (CrmStore *self, const char *dest_path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (dest_path);
  g_autofree char *base = g_path_get_basename (dest_path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (folder, template, NULL);
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  /* Copy into a private temporary file beside the destination, then rename: the destination
   * is either the old file or the complete copy, never a torn one. */
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot write a backup in “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (temp_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
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
  /* The copy of a WAL database says WAL in its header: make it the single file it is, which
   * can be read without creating -wal and -shm files beside it. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *context = g_strdup_printf (_ ("Cannot back up to “%s”"), dest_path);
      crm_store_set_error_from_code (dest, rc, error, context);
      sqlite3_close_v2 (dest);
      g_unlink (temp_path);
      return FALSE;
    }
  sqlite3_close_v2 (dest);

  if (g_rename (temp_path, dest_path) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot write the backup “%s”: %s"), dest_path, g_strerror (saved_errno));
      g_unlink (temp_path);
      return FALSE;
    }
  return TRUE;
}
