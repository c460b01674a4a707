/* crm-database-error-dialog.h — the "Cannot Open Database" dialog and the safe way out of a
 * damaged file: moving it aside (renamed, never deleted) so a new database can take its place.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Response ids of the dialog. */
#define CRM_DATABASE_ERROR_RESPONSE_QUIT "quit"
#define CRM_DATABASE_ERROR_RESPONSE_OPEN_OTHER "open-other"
#define CRM_DATABASE_ERROR_RESPONSE_MOVE_ASIDE "move-aside"

/* Builds (does not show) an AdwMessageDialog headed "Cannot Open Database" whose body names
 * @path and gives the reason (@error's message, with advice for its kind). Responses: "quit"
 * (labelled Close when @parent is set, as other windows stay open), "open-other", and for a
 * damaged or foreign file (CRM_STORE_ERROR_CORRUPT, CRM_STORE_ERROR_NOT_RAPPORT) "move-aside". */
GtkWidget *
crm_database_error_dialog_new (GtkWindow *parent, const char *path, const GError *error);

/* Builds the confirmation shown before moving @path aside to @aside_path. Responses "cancel"
 * and "move". */
GtkWidget *
crm_database_move_aside_dialog_new (GtkWindow *parent, const char *path, const char *aside_path);

/* The name a damaged @path is moved to: "<path>.damaged-YYYYMMDD-HHMMSS", in local time. */
char *
crm_database_build_aside_path (const char *path, GDateTime *when);

/* Renames @path to @aside_path, with SQLite's companion files (-wal, -shm, -journal) when present
 * so that a new database at @path cannot pick them up. Never overwrites: fails with
 * G_IO_ERROR_EXISTS when @aside_path exists. Nothing is deleted. */
gboolean
crm_database_move_aside (const char *path, const char *aside_path, GError **error);

G_END_DECLS
