/* crm-import-mapping-page.h — CrmImportMappingPage, the import window's mapping step: what was
 * read (file, format, encoding, separator), the kind of records (CSV only), one row per column
 * with two sample values and the field it is taken as, and a preview of the first rows as they
 * would be imported. Changes go straight to the importer.
 */
#pragma once

#include <adwaita.h>

#include "crm-importer.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_MAPPING_PAGE (crm_import_mapping_page_get_type ())
G_DECLARE_FINAL_TYPE (
    CrmImportMappingPage, crm_import_mapping_page, CRM, IMPORT_MAPPING_PAGE, AdwBin)

GtkWidget *
crm_import_mapping_page_new (void);

/* Shows @importer (read from @file). */
void
crm_import_mapping_page_set_importer (CrmImportMappingPage *self,
                                      CrmImporter *importer,
                                      GFile *file);

/* A message over the rows (the check refused the mapping), or NULL to hide it. */
void
crm_import_mapping_page_set_message (CrmImportMappingPage *self, const char *message);

G_END_DECLS
