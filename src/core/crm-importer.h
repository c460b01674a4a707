/* crm-importer.h — CrmImporter takes contacts, companies, deals or activities in from a CSV or
 * vCard file: it reads the file, maps its columns to Rapport's fields (recognising the header
 * spellings of the big CRMs and address books), finds rows that duplicate stored contacts or
 * companies, and writes everything as ONE transaction — a bad file, a cancel or a crash leaves the
 * database as it was.
 *
 * Use: new → (look at / change the mapping) → analyse (checks every row, finds duplicates, writes
 * nothing) → (choose per duplicate) → run. The _async variants do the slow parts in a GTask
 * thread on their own connection to the database file (WAL), reporting progress to the main
 * context; the sync ones are for rapport-cli and tests. */
#pragma once

#include <gio/gio.h>

#include "crm-import-error.h"
#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_IMPORT_KIND_CONTACTS,
  CRM_IMPORT_KIND_COMPANIES,
  CRM_IMPORT_KIND_DEALS,
  CRM_IMPORT_KIND_ACTIVITIES,
} CrmImportKind;

typedef enum
{
  CRM_IMPORT_FORMAT_CSV,
  CRM_IMPORT_FORMAT_VCARD,
} CrmImportFormat;

/* What a column is taken as. Which fields a kind offers: crm_import_kind_get_fields(). */
typedef enum
{
  CRM_IMPORT_FIELD_IGNORE = 0,
  /* people */
  CRM_IMPORT_FIELD_NAME,       /* full name */
  CRM_IMPORT_FIELD_FIRST_NAME, /* joined with the last name when there is no full name */
  CRM_IMPORT_FIELD_LAST_NAME,
  CRM_IMPORT_FIELD_EMAIL, /* first one is the contact's e-mail; more go to its notes */
  CRM_IMPORT_FIELD_PHONE,
  CRM_IMPORT_FIELD_JOB_TITLE,
  CRM_IMPORT_FIELD_COMPANY,   /* company name: linked to, or created */
  CRM_IMPORT_FIELD_LIFECYCLE, /* "Lead", "lead", "Marketing Qualified Lead", "Customer", … */
  CRM_IMPORT_FIELD_SOURCE,    /* lead source name: linked to, or created */
  CRM_IMPORT_FIELD_OWNER,
  CRM_IMPORT_FIELD_COUNTRY,
  CRM_IMPORT_FIELD_NOTES, /* several columns are joined */
  CRM_IMPORT_FIELD_TAGS,  /* comma/semicolon separated */
  CRM_IMPORT_FIELD_CAPTURED_AT,
  CRM_IMPORT_FIELD_LAST_CONTACTED_AT,
  /* companies */
  CRM_IMPORT_FIELD_WEBSITE,
  CRM_IMPORT_FIELD_INDUSTRY,
  /* deals */
  CRM_IMPORT_FIELD_DEAL_TITLE,
  CRM_IMPORT_FIELD_AMOUNT, /* "1,234.50", "1.234,50 €", "$1200" */
  CRM_IMPORT_FIELD_CURRENCY,
  CRM_IMPORT_FIELD_CLOSE_DATE,
  CRM_IMPORT_FIELD_DEAL_STAGE, /* stage name in the default pipeline */
  CRM_IMPORT_FIELD_PROBABILITY,
  CRM_IMPORT_FIELD_CONTACT, /* for deals and activities: contact e-mail or name */
  /* activities */
  CRM_IMPORT_FIELD_ACTIVITY_KIND, /* call, e-mail, meeting, note, task, support case */
  CRM_IMPORT_FIELD_SUBJECT,
  CRM_IMPORT_FIELD_OCCURRED_AT,
  CRM_IMPORT_FIELD_DUE_AT,
  CRM_IMPORT_FIELD_DONE,
  CRM_IMPORT_FIELD_DEAL,    /* for activities: deal title */
  CRM_IMPORT_FIELD_DONE_AT, /* when a task was done (a time there also means done) */
  CRM_IMPORT_N_FIELDS
} CrmImportField;

/* Translated label of a field ("E-mail"), and the fields a kind can map to (IGNORE first). */
const char *
crm_import_field_get_label (CrmImportField field);
const CrmImportField *
crm_import_kind_get_fields (CrmImportKind kind, guint *n_fields);
/* "contacts", "companies", "deals", "activities" ↔ kind (FALSE when unknown). */
const char *
crm_import_kind_to_string (CrmImportKind kind);
gboolean
crm_import_kind_from_string (const char *text, CrmImportKind *kind);

/* What to do with a row that duplicates a stored record. */
typedef enum
{
  CRM_IMPORT_DUPLICATE_SKIP,
  CRM_IMPORT_DUPLICATE_MERGE, /* fill the stored record's empty fields, add tags and notes */
  CRM_IMPORT_DUPLICATE_ADD_NEW,
} CrmImportDuplicateChoice;

/* One row that duplicates a stored record (or an earlier row of the same file). */
typedef struct
{
  guint line;         /* first line of the row in the file */
  char *row_name;     /* the name the row would get */
  gint64 existing_id; /* stored contact or company id (0 when it is an earlier row) */
  char *existing_name;
  char *reason; /* translated: "same e-mail", "same name and company" */
  CrmImportDuplicateChoice choice;
} CrmImportDuplicate;

/* One row not imported, and why (translated). */
typedef struct
{
  guint line;
  char *reason;
} CrmImportRejection;

typedef struct
{
  gboolean dry_run; /* nothing was written */
  guint n_rows;     /* rows read (header not counted) */
  guint n_added;
  guint n_merged;
  guint n_skipped;
  guint n_rejected;
  GPtrArray *rejections; /* of CrmImportRejection*, by line */
  guint n_photos_dropped;
  /* Rows imported with a change, translated ("line 4: no stage “Won it”; the deal is in
   * “Initial contact”"): char *, by line. */
  GPtrArray *warnings;
  guint n_companies_added; /* companies created for the rows that name them */
} CrmImportSummary;

void
crm_import_summary_free (CrmImportSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportSummary, crm_import_summary_free)

/* Progress: @fraction 0.0–1.0 of the step running. Called on the thread that called the sync
 * function, or in the main context of the caller of an _async one. An import says 1.0 when
 * every row is written, before its one commit (which takes a few seconds for a big file). */
typedef void (*CrmImportProgressFunc) (double fraction, gpointer user_data);

#define CRM_TYPE_IMPORTER (crm_importer_get_type ())
G_DECLARE_FINAL_TYPE (CrmImporter, crm_importer, CRM, IMPORTER, GObject)

/* Reads @file whole and parses its header: vCard when it holds BEGIN:VCARD (kind is then
 * contacts), else CSV. @kind_hint < 0 guesses the kind from the headers (contacts unless they
 * name deals, activities or only companies). Errors: CRM_IMPORT_ERROR, G_IO_ERROR. */
CrmImporter *
crm_importer_new (GFile *file, int kind_hint, GError **error);
void
crm_importer_new_async (GFile *file,
                        int kind_hint,
                        GCancellable *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
CrmImporter *
crm_importer_new_finish (GAsyncResult *result, GError **error);

CrmImportFormat
crm_importer_get_format (CrmImporter *self);
/* Encoding and separator read ("UTF-8", ','), for the mapping page. */
const char *
crm_importer_get_encoding (CrmImporter *self);
char
crm_importer_get_separator (CrmImporter *self);

CrmImportKind
crm_importer_get_kind (CrmImporter *self);
/* Changes the kind and maps the columns again from their names. */
void
crm_importer_set_kind (CrmImporter *self, CrmImportKind kind);

/* Columns: CSV header names, or for vCard the fixed columns the cards give. */
guint
crm_importer_get_n_columns (CrmImporter *self);
const char *
crm_importer_get_column_name (CrmImporter *self, guint column);
CrmImportField
crm_importer_get_column_field (CrmImporter *self, guint column);
void
crm_importer_set_column_field (CrmImporter *self, guint column, CrmImportField field);

/* Number of data rows, and the cells of row @row (0-based, header excluded) as read: a
 * NULL-terminated array of n_columns strings, owned by the importer (for the preview). */
guint
crm_importer_get_n_rows (CrmImporter *self);
const char *const *
crm_importer_get_row (CrmImporter *self, guint row);

/* Checks every row against the mapping and @store (the e-mail and name+company duplicate rules
 * of crm-process.md §2) and fills the duplicate list; writes nothing. Each duplicate starts with
 * the choice given to crm_importer_set_default_duplicate_choice() (SKIP unless changed). */
gboolean
crm_importer_analyse (CrmImporter *self,
                      CrmStore *store,
                      GCancellable *cancellable,
                      CrmImportProgressFunc progress,
                      gpointer progress_data,
                      GError **error);
/* The same in a thread on its own connection to @database_path. */
void
crm_importer_analyse_async (CrmImporter *self,
                            const char *database_path,
                            GCancellable *cancellable,
                            CrmImportProgressFunc progress,
                            gpointer progress_data,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean
crm_importer_analyse_finish (CrmImporter *self, GAsyncResult *result, GError **error);

void
crm_importer_set_default_duplicate_choice (CrmImporter *self, CrmImportDuplicateChoice choice);
guint
crm_importer_get_n_duplicates (CrmImporter *self);
const CrmImportDuplicate *
crm_importer_get_duplicate (CrmImporter *self, guint index);
void
crm_importer_set_duplicate_choice (CrmImporter *self, guint index, CrmImportDuplicateChoice choice);
void
crm_importer_set_all_duplicate_choices (CrmImporter *self, CrmImportDuplicateChoice choice);

/* Writes every acceptable row as ONE transaction (analysing first when not yet done); with
 * @dry_run it writes nothing and reports what it would do. Cancelled or failed: nothing written,
 * CRM_IMPORT_ERROR_CANCELLED or the error. Imported contacts without a source get "Import". */
CrmImportSummary *
crm_importer_run (CrmImporter *self,
                  CrmStore *store,
                  gboolean dry_run,
                  GCancellable *cancellable,
                  CrmImportProgressFunc progress,
                  gpointer progress_data,
                  GError **error);
void
crm_importer_run_async (CrmImporter *self,
                        const char *database_path,
                        GCancellable *cancellable,
                        CrmImportProgressFunc progress,
                        gpointer progress_data,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
CrmImportSummary *
crm_importer_run_finish (CrmImporter *self, GAsyncResult *result, GError **error);

/* The currency of amounts that name none (ISO 4217; "EUR" unless set). */
void
crm_importer_set_default_currency (CrmImporter *self, const char *currency);

G_END_DECLS
