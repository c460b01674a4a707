/* crm-importer-private.h — what the parts of CrmImporter share: its instance struct, the row
 * store, and the header recognition and value parsing of crm-importer-mapping.c. */
#pragma once

#include "crm-importer.h"

G_BEGIN_DECLS

/* Per-row outcome of the analysis. */
typedef enum
{
  CRM_IMPORT_ROW_OK,
  CRM_IMPORT_ROW_BLANK,     /* every cell empty: ignored, not counted */
  CRM_IMPORT_ROW_REJECTED,  /* breaks a rule: reported with its reason */
  CRM_IMPORT_ROW_DUPLICATE, /* duplicates a stored record or an earlier row */
} CrmImportRowState;

typedef struct
{
  guint line;
  guint n_cells; /* as read: more than the columns when it had non-empty cells past them */
  char **cells;  /* n_columns strings in one allocation with the pointers */
} CrmImportRow;

struct _CrmImporter
{
  GObject parent_instance;

  CrmImportFormat format;
  CrmImportKind kind;
  char *encoding;
  char separator;
  char *default_currency;
  char *file_name; /* for messages */

  GPtrArray *column_names;     /* char * */
  GArray *column_fields;       /* CrmImportField */
  GArray *column_type_columns; /* int: the column holding the type of an e-mail/phone, or -1 */
  GArray *rows;                /* CrmImportRow */
  guint n_photos_dropped;

  /* Analysis */
  gboolean analysed;
  GArray *row_states;    /* guint8 CrmImportRowState, per row */
  GArray *row_duplicate; /* guint: index into duplicates, per row (G_MAXUINT: none) */
  GArray *row_earlier;   /* guint: the earlier row a row duplicates, or G_MAXUINT */
  GPtrArray *duplicates; /* CrmImportDuplicate* */
  GPtrArray *rejections; /* CrmImportRejection*, by line */
  CrmImportDuplicateChoice default_choice;
};

/* Forgets the analysis (the mapping or kind changed). */
void
crm_importer_clear_analysis (CrmImporter *self);

/* ---- crm-importer-mapping.c, crm-importer-values.c -------------------------------------- */

/* "E-mail 1 - Value" → "email1value": lower case, letters and digits only. */
char *
crm_import_normalise_header (const char *header);
/* The field a header of that normalised name is, for @kind (IGNORE when unknown). */
CrmImportField
crm_import_guess_field (CrmImportKind kind, const char *normalised);
/* The kind that headers name: deals, activities, companies, else contacts. */
CrmImportKind
crm_import_guess_kind (GPtrArray *column_names);

/* Parsers: TRUE when the text is a value (or blank: then 0 / NULL / the default). */
gboolean
crm_import_parse_time (const char *text, gint64 *unix_seconds);
/* An amount in thousandths of its major unit (any minor unit fits), and the currency it names
 * (a symbol or code), if any. */
gboolean
crm_import_parse_amount (const char *text, gint64 *thousandths, char **currency);
/* @thousandths in the minor units of @currency (JPY: none, EUR: cents, BHD: fils), rounded half
 * up; FALSE when that rounding changed the amount. */
gboolean
crm_import_amount_to_minor (gint64 thousandths, const char *currency, gint64 *minor);
gboolean
crm_import_parse_lifecycle (const char *text, CrmLifecycleStage *stage);
gboolean
crm_import_parse_boolean (const char *text, gboolean *value);
gboolean
crm_import_parse_activity_kind (const char *text, CrmActivityKind *kind);
gboolean
crm_import_parse_probability (const char *text, int *percent);
/* Case-, space- and accent-blind key of a name, for duplicate detection. */
char *
crm_import_name_key (const char *name);
/* The type words of an e-mail or phone column ("home" from "Email - Home"), or NULL. */
char *
crm_import_type_from_header (const char *header);
/* TRUE for a three-letter upper-case code (ISO 4217 form). */
gboolean
crm_import_currency_is_valid (const char *code);
/* TRUE when every cell of @cells is blank. */
gboolean
crm_import_cells_blank (char **cells, guint n);

void
crm_import_rejection_free (gpointer rejection);

/* Progress at most every 1 % or 100 ms (crm-importer.c); a cancel as CANCELLED. */
gpointer
crm_import_progress_new (CrmImportProgressFunc func, gpointer data);
void
crm_import_progress_report (gpointer throttle, double fraction);
gboolean
crm_import_check_cancelled (GCancellable *cancellable, GError **error);

/* ---- crm-importer-rows.c, crm-importer-write.c ------------------------------------------------------------------ */

/* One row's cells gathered by field. Strings point into the row (or are owned when noted). */
typedef struct
{
  char *name;      /* full name, or first + last, or made from the e-mail */
  char *email;     /* the first e-mail */
  char *phone;     /* the first phone */
  GString *notes;  /* every notes cell, then lines for what has no field of its own */
  GPtrArray *tags; /* char *, every tag of every tags cell */
  /* The first non-blank cell of each single-valued field (trimmed, pointing into the row). */
  const char *cells[CRM_IMPORT_N_FIELDS];
  char *trimmed[CRM_IMPORT_N_FIELDS]; /* the owned copies behind cells */
} CrmImportValues;

void
crm_import_values_clear (CrmImportValues *values);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmImportValues, crm_import_values_clear)
void
crm_importer_gather (CrmImporter *self, guint row, CrmImportValues *values);
/* Checks a gathered row; NULL when acceptable, else the reason (translated, new string). */
char *
crm_importer_check_row (CrmImporter *self, const CrmImportValues *values);

CrmImportSummary *
crm_importer_write (CrmImporter *self,
                    CrmStore *store,
                    gboolean dry_run,
                    GCancellable *cancellable,
                    CrmImportProgressFunc progress,
                    gpointer progress_data,
                    GError **error);

/* ---- crm-importer-vcard.c ------------------------------------------------------------------ */

/* Fills the importer's columns and rows from a vCard file's bytes. */
gboolean
crm_importer_load_vcard (CrmImporter *self, GBytes *bytes, GError **error);
/* The fixed field of vCard column @column. */
CrmImportField
crm_importer_vcard_column_field (guint column);

/* Appends a row of @n cells (copied) read from @line. */
void
crm_importer_append_row (CrmImporter *self, guint line, const char *const *cells, guint n);

G_END_DECLS
