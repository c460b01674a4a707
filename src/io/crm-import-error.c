/* crm-import-error.c — the CRM_IMPORT_ERROR domain. */
#include "crm-import-error.h"

G_DEFINE_QUARK (crm - import - error - quark, crm_import_error)
