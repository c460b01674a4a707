/* crm-import-duplicates-page.h — CrmImportDuplicatesPage, the import window's duplicates step:
 * every row that duplicates a stored record (line, the row's name, the stored record's name,
 * why), each with a choice — Skip, Merge or Import as New — and one control to apply a choice
 * to all. Choices go straight to the importer. A list view, so thousands of duplicates cost
 * only the rows on screen.
 */
#pragma once

#include <adwaita.h>

#include "crm-importer.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_DUPLICATES_PAGE (crm_import_duplicates_page_get_type ())
G_DECLARE_FINAL_TYPE (
    CrmImportDuplicatesPage, crm_import_duplicates_page, CRM, IMPORT_DUPLICATES_PAGE, AdwBin)

GtkWidget *
crm_import_duplicates_page_new (void);

/* Shows the duplicates @importer found (after its analysis). */
void
crm_import_duplicates_page_set_importer (CrmImportDuplicatesPage *self, CrmImporter *importer);

/* The label of a choice ("Merge"), as in the choice menus. */
const char *
crm_import_duplicate_choice_get_label (CrmImportDuplicateChoice choice);

G_END_DECLS
