/* crm-exporter.h — CrmExporter gives the user's data back in standard formats: contacts,
 * companies, deals and activities as CSV (every field, with the names of the rows they link
 * to), contacts as vCard 4.0, tasks and meetings as iCalendar (.ics, for GNOME Calendar), and
 * the whole database as a consistent copy.
 *
 * Rows are read one at a time (crm_store_export_rows()), so a million contacts export in
 * bounded memory. The file is written under a temporary name beside the target and renamed
 * over it only when everything was written: a failed or cancelled export leaves the target as
 * it was (or absent), never half a file. The _async variant works in a GTask thread on its own
 * connection to the database file (WAL), reporting progress to the caller's main context. */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"

G_BEGIN_DECLS

typedef enum
{
  CRM_EXPORT_CONTACTS,
  CRM_EXPORT_COMPANIES,
  CRM_EXPORT_DEALS,
  CRM_EXPORT_ACTIVITIES,
  CRM_EXPORT_TASKS, /* tasks and meetings (the calendar's part of the activities) */
  CRM_EXPORT_DATABASE,
  CRM_EXPORT_N_KINDS
} CrmExportKind;

typedef enum
{
  CRM_EXPORT_FORMAT_CSV,
  CRM_EXPORT_FORMAT_VCARD,
  CRM_EXPORT_FORMAT_ICALENDAR,
  CRM_EXPORT_FORMAT_DATABASE, /* a SQLite copy */
  CRM_EXPORT_N_FORMATS
} CrmExportFormat;

/* "contacts", "companies", "deals", "activities", "tasks", "database" ↔ kind. */
const char *
crm_export_kind_to_string (CrmExportKind kind);
gboolean
crm_export_kind_from_string (const char *text, CrmExportKind *kind);
/* "csv", "vcard", "ics", "db" ↔ format ("vcf", "ical", "icalendar" and "sqlite" read too). */
const char *
crm_export_format_to_string (CrmExportFormat format);
gboolean
crm_export_format_from_string (const char *text, CrmExportFormat *format);
/* The format a file name's extension names (.csv, .vcf/.vcard, .ics/.ical, .db/.sqlite). */
gboolean
crm_export_format_from_path (const char *path, CrmExportFormat *format);
/* The extension of @format, without the dot. */
const char *
crm_export_format_get_extension (CrmExportFormat format);
/* Whether @kind can be written as @format, and the format it is written in by default. */
gboolean
crm_export_kind_supports_format (CrmExportKind kind, CrmExportFormat format);
CrmExportFormat
crm_export_kind_get_default_format (CrmExportKind kind);
/* "rapport-contacts-2026-12-06.csv": the kind, @day (local) and the format's extension. */
char *
crm_export_suggest_file_name (CrmExportKind kind, CrmExportFormat format, GDateTime *day);

/* What an export of @kind wrote, for messages: "3,000 contacts", "1 deal", "12 tasks and
 * meetings", "the whole database (3,000 contacts)" — @n with the locale's digit grouping when
 * @group_digits (translated). */
char *
crm_export_describe_count (CrmExportKind kind, guint64 n, gboolean group_digits);

/* Progress, @fraction 0.0–1.0: called on the thread of a sync run, or in the main context of
 * the caller of crm_exporter_run_async(), never after crm_exporter_run_finish(). */
typedef void (*CrmExportProgressFunc) (double fraction, gpointer user_data);

#define CRM_TYPE_EXPORTER (crm_exporter_get_type ())
G_DECLARE_FINAL_TYPE (CrmExporter, crm_exporter, CRM, EXPORTER, GObject)

/* An exporter of @kind as @format (which crm_export_kind_supports_format() must accept). */
CrmExporter *
crm_exporter_new (CrmExportKind kind, CrmExportFormat format);
CrmExportKind
crm_exporter_get_kind (CrmExporter *self);
CrmExportFormat
crm_exporter_get_format (CrmExporter *self);
/* CSV only: write cells exactly as stored, without the formula neutralisation of
 * crm-csv-writer.h (default FALSE). */
void
crm_exporter_set_raw (CrmExporter *self, gboolean raw);
gboolean
crm_exporter_get_raw (CrmExporter *self);

/* Writes @file (a local file). Errors: G_IO_ERROR (G_IO_ERROR_CANCELLED on cancel),
 * CRM_STORE_ERROR. The message names the file and says why. */
gboolean
crm_exporter_run (CrmExporter *self,
                  CrmStore *store,
                  GFile *file,
                  GCancellable *cancellable,
                  CrmExportProgressFunc progress,
                  gpointer progress_data,
                  GError **error);
/* The same in a thread on its own connection to @database_path. */
void
crm_exporter_run_async (CrmExporter *self,
                        const char *database_path,
                        GFile *file,
                        GCancellable *cancellable,
                        CrmExportProgressFunc progress,
                        gpointer progress_data,
                        GAsyncReadyCallback callback,
                        gpointer user_data);
gboolean
crm_exporter_run_finish (CrmExporter *self, GAsyncResult *result, GError **error);

/* Rows written by the last run (contacts, companies, deals, activities or tasks and
 * meetings); for the database, the contacts it holds. */
guint64
crm_exporter_get_n_exported (CrmExporter *self);

G_END_DECLS
