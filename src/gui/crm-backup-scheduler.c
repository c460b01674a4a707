/* crm-backup-scheduler.c — CrmBackupScheduler: a daily backup of each open database while
 * Rapport runs. The check and the backup run in a GTask thread on connections of their own
 * (crm_backups_back_up_async), so the main loop never waits for a big file to be copied.
 *
 * A backup that fails is said in a toast over the database's windows (not only in the log: the
 * user relies on it), once until one succeeds again, as the hourly check tries again.
 *
 * Signals:
 *   ::backup-taken (path of the database, path of the backup) after each backup.
 *   ::backup-failed (path of the database, message) when a backup fails (each time).
 */
#include "config.h"

#include "crm-backup-scheduler.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "crm-backups.h"
#include "crm-window.h"

#define CHECK_INTERVAL_SECONDS (60 * 60)

struct _CrmBackupScheduler
{
  GObject parent_instance;

  GtkApplication *app;
  GSettings *settings;
  GCancellable *cancellable;
  GHashTable *running;  /* database paths being backed up */
  GHashTable *reported; /* database paths whose failed backup was said, until one succeeds */
  guint hourly_source;
  guint soon_source;
};

enum
{
  SIGNAL_BACKUP_TAKEN,
  SIGNAL_BACKUP_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmBackupScheduler, crm_backup_scheduler, G_TYPE_OBJECT)

typedef struct
{
  CrmBackupScheduler *self;
  char *path;
} Job;

static void
job_free (Job *job)
{
  g_object_unref (job->self);
  g_free (job->path);
  g_free (job);
}

/* Says in a toast over the windows of @path that its backup failed, unless it was said already
 * since the last one that succeeded. */
static void
report_failure (CrmBackupScheduler *self, const char *path, const GError *error)
{
  g_autofree char *title = NULL;
  /* The reason, after GIO's naming of the file (the whole message is in the log). */
  const char *reason = g_strrstr (error->message, ": ");

  if (g_hash_table_contains (self->reported, path))
    return;
  g_hash_table_add (self->reported, g_strdup (path));
  /* Translators: a toast; %s is the reason ("No space left on device"). */
  title = g_strdup_printf (_ ("The daily backup failed: %s"),
                           reason != NULL ? reason + 2 : error->message);
  for (GList *l = gtk_application_get_windows (self->app); l != NULL; l = l->next)
    {
      AdwToast *toast;

      if (!CRM_IS_WINDOW (l->data)
          || g_strcmp0 (crm_store_get_path (crm_window_get_store (l->data)), path) != 0)
        continue;
      toast = adw_toast_new (title);
      /* Until dismissed: it asks the user to look at the disk. */
      adw_toast_set_timeout (toast, 0);
      crm_window_add_toast (l->data, toast);
    }
}

static void
on_backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  CrmBackupScheduler *self = job->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = crm_backups_back_up_finish (result, &error);

  g_hash_table_remove (self->running, job->path);
  /* The window may have closed and its file gone meanwhile: nothing to say. */
  if (error != NULL && g_file_test (job->path, G_FILE_TEST_EXISTS)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_message ("The daily backup of %s failed: %s", job->path, error->message);
      report_failure (self, job->path, error);
      g_signal_emit (self, signals[SIGNAL_BACKUP_FAILED], 0, job->path, error->message);
    }
  else if (error != NULL)
    g_debug ("No daily backup of %s: %s", job->path, error->message);
  else
    {
      g_hash_table_remove (self->reported, job->path);
      if (backup != NULL)
        {
          g_debug ("Daily backup of %s: %s", job->path, backup);
          g_signal_emit (self, signals[SIGNAL_BACKUP_TAKEN], 0, job->path, backup);
        }
    }
  job_free (job);
}

static void
crm_backup_scheduler_check (CrmBackupScheduler *self)
{
  guint keep = (guint) CLAMP (g_settings_get_int (self->settings, "backup-keep"), 1, 100);

  for (GList *l = gtk_application_get_windows (self->app); l != NULL; l = l->next)
    {
      const char *path;
      Job *job;

      if (!CRM_IS_WINDOW (l->data))
        continue;
      path = crm_store_get_path (crm_window_get_store (l->data));
      if (g_hash_table_contains (self->running, path))
        continue;
      g_hash_table_add (self->running, g_strdup (path));
      job = g_new0 (Job, 1);
      job->self = g_object_ref (self);
      job->path = g_strdup (path);
      crm_backups_back_up_async (path, "daily", TRUE, keep, self->cancellable, on_backup_done, job);
    }
}

static gboolean
on_hourly (gpointer user_data)
{
  crm_backup_scheduler_check (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_soon (gpointer user_data)
{
  CrmBackupScheduler *self = user_data;

  self->soon_source = 0;
  crm_backup_scheduler_check (self);
  return G_SOURCE_REMOVE;
}

void
crm_backup_scheduler_check_later (CrmBackupScheduler *self, guint delay_ms)
{
  g_return_if_fail (CRM_IS_BACKUP_SCHEDULER (self));

  if (self->soon_source != 0)
    return;
  self->soon_source = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, on_soon, self, NULL);
}

gboolean
crm_backup_scheduler_is_busy (CrmBackupScheduler *self, const char *path)
{
  g_return_val_if_fail (CRM_IS_BACKUP_SCHEDULER (self), FALSE);
  return g_hash_table_contains (self->running, path);
}

CrmBackupScheduler *
crm_backup_scheduler_new (GtkApplication *app)
{
  CrmBackupScheduler *self = g_object_new (CRM_TYPE_BACKUP_SCHEDULER, NULL);

  self->app = app;
  return self;
}

static void
crm_backup_scheduler_dispose (GObject *object)
{
  CrmBackupScheduler *self = CRM_BACKUP_SCHEDULER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->hourly_source, g_source_remove);
  g_clear_handle_id (&self->soon_source, g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_backup_scheduler_parent_class)->dispose (object);
}

static void
crm_backup_scheduler_finalize (GObject *object)
{
  CrmBackupScheduler *self = CRM_BACKUP_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running, g_hash_table_unref);
  g_clear_pointer (&self->reported, g_hash_table_unref);

  G_OBJECT_CLASS (crm_backup_scheduler_parent_class)->finalize (object);
}

static void
crm_backup_scheduler_class_init (CrmBackupSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_backup_scheduler_dispose;
  object_class->finalize = crm_backup_scheduler_finalize;

  signals[SIGNAL_BACKUP_TAKEN]
      = g_signal_new ("backup-taken", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SIGNAL_BACKUP_FAILED]
      = g_signal_new ("backup-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
crm_backup_scheduler_init (CrmBackupScheduler *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hourly_source = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_hourly, self);
}
