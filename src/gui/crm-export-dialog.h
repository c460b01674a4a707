/* crm-export-dialog.h — CrmExportDialog: the window menu's Export…: what to export (contacts,
 * companies, deals, activities, tasks and meetings, the whole database) and the format where
 * there is a choice (CSV or vCard for contacts, iCalendar or CSV for tasks and meetings), then
 * a file chooser with a suggested name ("rapport-contacts-2026-12-06.csv"), then the export in
 * a worker thread with a progress bar and Cancel. Success is a toast on the parent window
 * ("Exported 3,000 contacts"); a failure is said in a message dialog, and nothing is left half
 * written (CrmExporter). */
#pragma once

#include <adwaita.h>

#include "crm-exporter.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_EXPORT_DIALOG (crm_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CrmExportDialog, crm_export_dialog, CRM, EXPORT_DIALOG, AdwWindow)

/* A dialog over @parent (a CrmWindow gets the toast) exporting from @store's database file. */
CrmExportDialog *
crm_export_dialog_new (GtkWindow *parent, CrmStore *store);

/* The choice, as the radio buttons make it (a format the kind does not offer is refused). */
void
crm_export_dialog_set_kind (CrmExportDialog *self, CrmExportKind kind);
CrmExportKind
crm_export_dialog_get_kind (CrmExportDialog *self);
void
crm_export_dialog_set_format (CrmExportDialog *self, CrmExportFormat format);
CrmExportFormat
crm_export_dialog_get_format (CrmExportDialog *self);
/* The name the file chooser suggests for the choice, today. */
char *
crm_export_dialog_get_suggested_name (CrmExportDialog *self);

/* Starts the export to @file, as accepting the file chooser does. */
void
crm_export_dialog_export_to (CrmExportDialog *self, GFile *file);
/* Whether an export is running. */
gboolean
crm_export_dialog_is_exporting (CrmExportDialog *self);

G_END_DECLS
