/* crm-backups.c — the backups of a database as a whole: which there are, taking one, keeping
 * the newest N, when the daily one is due, and restoring one. Naming the files, reading them
 * and replacing the database are the store's (crm-store-backups.c); this file decides what to
 * do with them.
 */
#include "config.h"

#include "crm-backups.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

void
crm_backup_free (CrmBackup *backup)
{
  if (backup == NULL)
    return;
  g_free (backup->path);
  g_free (backup->reason);
  g_free (backup->problem);
  g_free (backup);
}

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const CrmBackup *first = *(CrmBackup *const *) a;
  const CrmBackup *second = *(CrmBackup *const *) b;

  if (first->time != second->time)
    return first->time > second->time ? -1 : 1;
  return g_strcmp0 (second->path, first->path);
}

GPtrArray *
crm_backups_list (const char *database_path, gboolean with_summaries, GError **error)
{
  g_autofree char *folder = crm_store_get_backup_folder (database_path);
  g_autoptr (GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_backup_free);
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (database_path != NULL, NULL);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr (CrmBackup) backup = g_new0 (CrmBackup, 1);
      GStatBuf st;

      if (!crm_store_parse_backup_name (database_path, name, &backup->time, &backup->reason))
        continue;
      backup->path = g_build_filename (folder, name, NULL);
      if (g_stat (backup->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      backup->size = st.st_size;
      if (with_summaries)
        {
          g_autoptr (GError) summary_error = NULL;

          backup->has_summary
              = crm_store_read_summary (backup->path, &backup->summary, &summary_error);
          if (!backup->has_summary)
            backup->problem = g_strdup (summary_error->message);
        }
      g_ptr_array_add (backups, g_steal_pointer (&backup));
    }
  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

static void
list_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *backups = crm_backups_list (task_data, TRUE, &error);

  if (backups == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
}

void
crm_backups_list_async (const char *database_path,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, crm_backups_list_async);
  g_task_set_task_data (task, g_strdup (database_path), g_free);
  g_task_run_in_thread (task, list_in_thread);
}

GPtrArray *
crm_backups_list_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
crm_backups_is_daily_due (GPtrArray *backups, gint64 now)
{
  const CrmBackup *newest;

  if (backups == NULL || backups->len == 0)
    return TRUE;
  newest = g_ptr_array_index (backups, 0);
  /* A clock set back after a backup: the backup "from the future" is no reason to wait. */
  if (newest->time > now + CRM_BACKUPS_DAILY_INTERVAL)
    return TRUE;
  return now - newest->time >= CRM_BACKUPS_DAILY_INTERVAL;
}

char *
crm_backups_back_up (const char *database_path, const char *reason, GError **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  path = crm_store_build_backup_path (database_path, g_get_real_time () / G_USEC_PER_SEC, reason,
                                      error);
  if (path == NULL || !crm_store_copy_database (database_path, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

gboolean
crm_backups_rotate (const char *database_path, guint keep, guint *n_removed, GError **error)
{
  g_autoptr (GPtrArray) backups = crm_backups_list (database_path, FALSE, error);
  guint removed = 0;

  g_return_val_if_fail (keep >= 1, FALSE);

  if (n_removed != NULL)
    *n_removed = 0;
  if (backups == NULL)
    return FALSE;
  for (guint i = keep; i < backups->len; i++)
    {
      const CrmBackup *backup = g_ptr_array_index (backups, i);

      g_autofree char *wal_path = g_strconcat (backup->path, "-wal", NULL);
      g_autofree char *shm_path = g_strconcat (backup->path, "-shm", NULL);

      /* Made beside older backups (in WAL mode) by readers: they go with their file. */
      g_unlink (wal_path);
      g_unlink (shm_path);
      if (g_unlink (backup->path) != 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _ ("Cannot remove the old backup “%s”: %s"), backup->path,
                       g_strerror (saved_errno));
          return FALSE;
        }
      removed++;
      if (n_removed != NULL)
        *n_removed = removed;
    }
  return TRUE;
}

/* ---- Backing up in a thread --------------------------------------------------------------- */

typedef struct
{
  char *database_path;
  char *reason;
  gboolean only_when_due;
  guint keep;
} BackUpJob;

static void
back_up_job_free (BackUpJob *job)
{
  g_free (job->database_path);
  g_free (job->reason);
  g_free (job);
}

static void
back_up_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BackUpJob *job = task_data;
  GError *error = NULL;
  g_autofree char *path = NULL;

  if (job->only_when_due)
    {
      g_autoptr (GPtrArray) backups = crm_backups_list (job->database_path, FALSE, &error);

      if (backups == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (!crm_backups_is_daily_due (backups, g_get_real_time () / G_USEC_PER_SEC))
        {
          g_task_return_pointer (task, NULL, NULL);
          return;
        }
    }
  path = crm_backups_back_up (job->database_path, job->reason, &error);
  if (path == NULL
      || (job->keep > 0 && !crm_backups_rotate (job->database_path, job->keep, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&path), g_free);
}

void
crm_backups_back_up_async (const char *database_path,
                           const char *reason,
                           gboolean only_when_due,
                           guint keep,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  BackUpJob *job = g_new0 (BackUpJob, 1);

  job->database_path = g_strdup (database_path);
  job->reason = g_strdup (reason);
  job->only_when_due = only_when_due;
  job->keep = keep;
  g_task_set_source_tag (task, crm_backups_back_up_async);
  g_task_set_task_data (task, job, (GDestroyNotify) back_up_job_free);
  g_task_run_in_thread (task, back_up_in_thread);
}

char *
crm_backups_back_up_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Restoring ------------------------------------------------------------------------------ */

static gboolean
is_same_file (const char *a, const char *b)
{
  GStatBuf stat_a, stat_b;

  return g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0 && stat_a.st_dev == stat_b.st_dev
         && stat_a.st_ino == stat_b.st_ino;
}

/* A temporary name beside the database, for the copy that will take its place. */
static char *
make_temporary_path (const char *database_path, GError **error)
{
  g_autofree char *folder = g_path_get_dirname (database_path);
  g_autofree char *base = g_path_get_basename (database_path);
  g_autofree char *template = g_strdup_printf (".%s.restore-XXXXXX", base);
  g_autofree char *path = g_build_filename (folder, template, NULL);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _ ("Cannot create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return NULL;
    }
  fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN, _ ("Cannot write in “%s”: %s"),
                   folder, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&path);
}

gboolean
crm_backups_restore (const char *database_path,
                     const char *backup_path,
                     char **kept_path,
                     GError **error)
{
  g_autofree char *temp_path = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (database_path != NULL && backup_path != NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;
  if (is_same_file (database_path, backup_path))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   _ ("“%s” is the database itself"), backup_path);
      return FALSE;
    }
  /* Everything that can refuse the backup comes before anything is written. */
  if (!crm_store_verify_backup (backup_path, error))
    return FALSE;

  temp_path = make_temporary_path (database_path, error);
  if (temp_path == NULL)
    return FALSE;
  if (!crm_store_copy_database (backup_path, temp_path, error))
    {
      g_unlink (temp_path);
      return FALSE;
    }

  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr (GError) local_error = NULL;

      kept = crm_backups_back_up (database_path, "before-restore", &local_error);
      if (kept == NULL)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                       _ ("Cannot keep the current data as a backup first: %s"),
                       local_error->message);
          g_unlink (temp_path);
          return FALSE;
        }
    }

  if (!crm_store_replace_database (database_path, temp_path, error))
    {
      g_unlink (temp_path);
      if (kept != NULL)
        g_unlink (kept);
      return FALSE;
    }
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

typedef struct
{
  char *database_path;
  char *backup_path;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->database_path);
  g_free (job->backup_path);
  g_free (job);
}

static void
restore_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  GError *error = NULL;
  char *kept = NULL;

  if (!crm_backups_restore (job->database_path, job->backup_path, &kept, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, kept, g_free);
}

void
crm_backups_restore_async (const char *database_path,
                           const char *backup_path,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  RestoreJob *job = g_new0 (RestoreJob, 1);

  job->database_path = g_strdup (database_path);
  job->backup_path = g_strdup (backup_path);
  g_task_set_source_tag (task, crm_backups_restore_async);
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_in_thread);
}

gboolean
crm_backups_restore_finish (GAsyncResult *result, char **kept_path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *kept = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  kept = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

/* ---- Words -------------------------------------------------------------------------------- */

char *
crm_backups_describe_reason (const char *reason)
{
  int version;

  if (g_strcmp0 (reason, "daily") == 0)
    return g_strdup (_ ("Daily backup"));
  if (g_strcmp0 (reason, "manual") == 0)
    return g_strdup (_ ("Backed up by hand"));
  if (g_strcmp0 (reason, "before-restore") == 0)
    return g_strdup (_ ("Before a restore"));
  if (reason != NULL && sscanf (reason, "before-migration-v%d", &version) == 1)
    return g_strdup_printf (_ ("Before the upgrade to database version %d"), version);
  if (reason == NULL || *reason == '\0')
    return g_strdup (_ ("Backup"));
  return g_strdup (reason);
}

char *
crm_backups_describe_counts (const CrmBackupSummary *summary)
{
  /* Translators: the number of contacts in a backup, grouped as in "3,000 contacts". */
  g_autofree char *contacts = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%'u contact", "%'u contacts", summary->n_contacts),
      summary->n_contacts);
  g_autofree char *deals = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%'u deal", "%'u deals", summary->n_deals), summary->n_deals);

  /* Translators: what a backup holds: "3,000 contacts · 400 deals". */
  return g_strdup_printf (_ ("%s · %s"), contacts, deals);
}
