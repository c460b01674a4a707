/* crm-application.h — CrmApplication, Rapport's AdwApplication: command line, app-wide actions,
 * colour scheme, and opening databases into windows (or explaining why one cannot be opened).
 */
#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_APPLICATION (crm_application_get_type ())
G_DECLARE_FINAL_TYPE (CrmApplication, crm_application, CRM, APPLICATION, AdwApplication)

/* A single-instance application with the id io.github.rapportcrm.Rapport, taking
 * `--database FILE` (default: crm_store_get_default_path ()). */
CrmApplication *
crm_application_new (void);

/* Opens the database at @path for a window: a new store, or NULL with @error set (in the
 * CRM_STORE_ERROR domain when the store refused the file). Shows nothing. */
CrmStore *
crm_application_open_database (CrmApplication *self, const char *path, GError **error);

/* Opens the database at @path in a window and presents it. A window already showing that file
 * is presented instead. When the file cannot be opened, shows the "Cannot Open Database" dialog
 * (see crm-database-error-dialog.h) and keeps the application alive until the user has chosen
 * what to do. */
void
crm_application_open (CrmApplication *self, const char *path);

/* Closes every window of the database at @path, and the task reminders when they follow it,
 * so that no connection of the application has it open (for a restore). Opening it again
 * starts them again. */
void
crm_application_close_database (CrmApplication *self, const char *path);

G_END_DECLS
