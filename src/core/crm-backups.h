/* crm-backups.h — the backups of a database: listing them (with what each holds), taking one,
 * keeping only the newest N, deciding when the daily one is due, and restoring one in place of
 * the database. The files are named and read by the store (crm_store_build_backup_path and
 * friends, in the backup folder beside the database). The _async variants run in a GTask
 * thread on connections of their own.
 */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

/* A day: a daily backup is due when the newest backup is at least this old. */
#define CRM_BACKUPS_DAILY_INTERVAL (24 * 60 * 60)

typedef struct
{
  char *path;
  gint64 time;  /* unix seconds, from its name */
  char *reason; /* "daily", "manual", "before-restore", "before-migration-vN", or "" */
  goffset size; /* bytes */
  gboolean has_summary;
  CrmBackupSummary summary; /* when has_summary */
  char *problem;            /* why the summary could not be read (a damaged file), or NULL */
} CrmBackup;

void
crm_backup_free (CrmBackup *backup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBackup, crm_backup_free)

/* The backups of @database_path, newest first (a GPtrArray of CrmBackup that frees them); an
 * empty array when there are none. With @with_summaries each file is opened to count its rows
 * (slow for big files: use the async variant from the main loop). */
GPtrArray *
crm_backups_list (const char *database_path, gboolean with_summaries, GError **error);
void
crm_backups_list_async (const char *database_path,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
GPtrArray *
crm_backups_list_finish (GAsyncResult *result, GError **error);

/* Whether a daily backup is due at @now: no backup, or the newest taken a day or more before
 * @now. @backups as crm_backups_list () gives them (newest first). */
gboolean
crm_backups_is_daily_due (GPtrArray *backups, gint64 now);

/* Takes a backup of @database_path now, for @reason; returns its path. */
char *
crm_backups_back_up (const char *database_path, const char *reason, GError **error);

/* Removes all but the newest @keep backups of @database_path (@keep ≥ 1); @n_removed (may be
 * NULL) gets how many went. */
gboolean
crm_backups_rotate (const char *database_path, guint keep, guint *n_removed, GError **error);

/* In a thread: with @only_when_due, nothing unless crm_backups_is_daily_due () at the time;
 * then a backup for @reason and, when @keep > 0, a rotation keeping @keep. The result is the
 * new backup's path, or NULL without an error when none was due. */
void
crm_backups_back_up_async (const char *database_path,
                           const char *reason,
                           gboolean only_when_due,
                           guint keep,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
char *
crm_backups_back_up_finish (GAsyncResult *result, GError **error);

/* Restores @backup_path in place of @database_path: checks the backup first (a damaged file, one
 * of a newer Rapport or of another program is refused and nothing changes), keeps the current
 * database as a "before-restore" backup (its path in @kept_path, NULL when there was no
 * database), then puts a copy of the backup in its place by a rename. Every connection to the
 * database must be closed first (CRM_STORE_ERROR_BUSY otherwise, nothing changed). */
gboolean
crm_backups_restore (const char *database_path,
                     const char *backup_path,
                     char **kept_path,
                     GError **error);
void
crm_backups_restore_async (const char *database_path,
                           const char *backup_path,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data);
gboolean
crm_backups_restore_finish (GAsyncResult *result, char **kept_path, GError **error);

/* What a reason means, for people ("Daily", "Before upgrade to version 5", …). */
char *
crm_backups_describe_reason (const char *reason);
/* "3,000 contacts · 400 deals" (numbers grouped as the locale does). */
char *
crm_backups_describe_counts (const CrmBackupSummary *summary);

G_END_DECLS
