/* crm-backup-scheduler.c — CrmBackupScheduler: a daily backup of each open database while
 * Rapport runs. The check and the backup run in a GTask thread on connections of their own
 * (crm_backups_back_up_async), so the main loop never waits for a big file to be copied.
 *
 * Signals:
 *   ::backup-taken (path of the database, path of the backup) after each backup.
 */
#include "config.h"

#include "crm-backup-scheduler.h"

#include "crm-backups.h"
#include "crm-window.h"

#define CHECK_INTERVAL_SECONDS (60 * 60)

struct _CrmBackupScheduler
{
  GObject parent_instance;

  GtkApplication *app;
  GSettings *settings;
  GCancellable *cancellable;
  GHashTable *running; /* database paths being backed up */
  guint hourly_source;
  guint soon_source;
};

enum
{
  SIGNAL_BACKUP_TAKEN,
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

static void
on_backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = crm_backups_back_up_finish (result, &error);

  g_hash_table_remove (job->self->running, job->path);
  /* Not a warning: the window may have closed and its file gone meanwhile, and the next
   * check tries again. */
  if (error != NULL && g_file_test (job->path, G_FILE_TEST_EXISTS))
    g_message ("The daily backup of %s failed: %s", job->path, error->message);
  else if (error != NULL)
    g_debug ("No daily backup of %s, which is gone: %s", job->path, error->message);
  else if (backup != NULL)
    {
      g_debug ("Daily backup of %s: %s", job->path, backup);
      g_signal_emit (job->self, signals[SIGNAL_BACKUP_TAKEN], 0, job->path, backup);
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
}

static void
crm_backup_scheduler_init (CrmBackupScheduler *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
  self->cancellable = g_cancellable_new ();
  self->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hourly_source = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, on_hourly, self);
}
