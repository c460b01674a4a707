/* crm-backup-scheduler.h — CrmBackupScheduler: the daily backup while Rapport runs. For the
 * database of every open window, a "daily" backup is taken when the newest backup is a day old
 * (crm_backups_is_daily_due), then the backups are rotated to the backup-keep setting — checked
 * a moment after a window opens and then every hour, in a worker thread.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_BACKUP_SCHEDULER (crm_backup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (CrmBackupScheduler, crm_backup_scheduler, CRM, BACKUP_SCHEDULER, GObject)

/* A scheduler over the windows of @app (not referenced: the application owns the scheduler). */
CrmBackupScheduler *
crm_backup_scheduler_new (GtkApplication *app);

/* Checks the open windows' databases after @delay_ms (the first frame of a new window comes
 * first). */
void
crm_backup_scheduler_check_later (CrmBackupScheduler *self, guint delay_ms);

/* Whether a backup of @path is being taken now. */
gboolean
crm_backup_scheduler_is_busy (CrmBackupScheduler *self, const char *path);

G_END_DECLS
