/* crm-restore-dialog.h — CrmRestoreDialog, "Restore from Backup": the backups of a window's
 * database, newest first, with when each was taken, why, and what it holds; Restore asks for
 * confirmation, then closes the window, restores the backup (keeping the current data as a
 * backup first) and opens the database again with a toast saying what happened.
 */
#pragma once

#include <adwaita.h>

#include "crm-window.h"

G_BEGIN_DECLS

#define CRM_TYPE_RESTORE_DIALOG (crm_restore_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmRestoreDialog, crm_restore_dialog, CRM, RESTORE_DIALOG, AdwWindow)

/* A modal dialog over @window, listing the backups of its database (read in a thread; the
 * ::loaded signal follows). */
CrmRestoreDialog *
crm_restore_dialog_new (CrmWindow *window);

/* How many backups the dialog lists (0 until loaded). */
guint
crm_restore_dialog_get_n_backups (CrmRestoreDialog *self);

/* Adds win.restore-backup (opens the dialog) to @window. */
void
crm_restore_dialog_add_window_action (CrmWindow *window);

/* Restores @backup_path in place of @window's database, without asking: closes the window,
 * restores, opens the database in a new window and says there what happened (an error leaves
 * the database as it was, and says why). @label names the backup in the toast. */
void
crm_restore_dialog_restore (CrmWindow *window, const char *backup_path, const char *label);

/* When a backup was taken, as the list shows it: "Today 14:02", "Yesterday 09:30", else the
 * day and time; relative to @now (unix seconds), in the local time zone. */
char *
crm_restore_dialog_format_time (gint64 unix_utc, gint64 now);

G_END_DECLS
