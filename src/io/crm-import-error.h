/* crm-import-error.h — the error domain of everything that reads outside files (CSV, vCard) and
 * of the importer built on them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_IMPORT_ERROR (crm_import_error_quark ())
GQuark
crm_import_error_quark (void);

typedef enum
{
  CRM_IMPORT_ERROR_ENCODING,   /* the bytes are in no encoding we read */
  CRM_IMPORT_ERROR_BAD_FILE,   /* not a CSV / vCard file at all (no header, no BEGIN:VCARD, …) */
  CRM_IMPORT_ERROR_BAD_ROW,    /* one record is malformed; the message names its line */
  CRM_IMPORT_ERROR_NO_MAPPING, /* no column maps to a field the kind needs (a name, a title) */
  CRM_IMPORT_ERROR_CANCELLED,  /* the import was cancelled; nothing was written */
  CRM_IMPORT_ERROR_FAILED,     /* anything else */
} CrmImportError;

G_END_DECLS
