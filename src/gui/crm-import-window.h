/* crm-import-window.h — CrmImportWindow, the modal window of one import (issue 6): it reads a
 * CSV or vCard file (crm-importer.h), lets the user map its columns to fields with a preview,
 * checks the rows, asks what to do with duplicates, imports everything as one transaction with
 * progress and Cancel, and ends on a summary. The main window's lists follow by themselves
 * (the store notices the other connection's writes).
 *
 * Its actions: import.next, import.back, import.cancel, import.choose-file.
 */
#pragma once

#include <adwaita.h>

#include "crm-importer.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_WINDOW (crm_import_window_get_type ())
G_DECLARE_FINAL_TYPE (CrmImportWindow, crm_import_window, CRM, IMPORT_WINDOW, AdwWindow)

/* A window, transient for @parent, that starts reading @file at once and imports into the
 * database of @store (through its own connection to crm_store_get_path()). */
CrmImportWindow *
crm_import_window_new (GtkWindow *parent, CrmStore *store, GFile *file);

/* Asks for a file (CSV and vCard files, or any file) and, when one is chosen, presents an
 * import window on it. */
void
crm_import_window_choose_file (GtkWindow *parent, CrmStore *store);

/* The step shown: "loading", "error", "mapping", "checking", "duplicates", "importing" or
 * "summary". */
const char *
crm_import_window_get_step (CrmImportWindow *self);

/* The importer of the file read (NULL while reading or after a file that could not be read). */
CrmImporter *
crm_import_window_get_importer (CrmImportWindow *self);

G_END_DECLS
