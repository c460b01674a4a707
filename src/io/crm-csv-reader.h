/* crm-csv-reader.h — CrmCsvReader reads CSV text as written by spreadsheets, CRMs and address
 * books (RFC 4180 and its common variants) into records of UTF-8 fields.
 *
 * Encodings: UTF-8 with or without BOM, UTF-16 LE/BE (with BOM, or detected from NUL bytes),
 * otherwise Windows-1252 when the bytes are not valid UTF-8. Separators: comma, semicolon or tab,
 * chosen from the first record (the one that splits it into the most fields outside quotes).
 * Line ends: CRLF, LF or CR. Quoted fields may hold separators, doubled quotes and line breaks.
 * A quote that never closes, or text after a closing quote, is a CRM_IMPORT_ERROR_BAD_ROW that
 * names the record's first line. GLib only. */
#pragma once

#include <gio/gio.h>

#include "crm-import-error.h"

G_BEGIN_DECLS

typedef struct _CrmCsvReader CrmCsvReader;

/* Takes the whole file's bytes; converts them to UTF-8 at once (NULL and ENCODING error when
 * that fails) and picks the separator. An empty file gives a reader with no records. */
CrmCsvReader *
crm_csv_reader_new (GBytes *bytes, GError **error);
void
crm_csv_reader_free (CrmCsvReader *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvReader, crm_csv_reader_free)

/* The encoding read ("UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252") and separator chosen. */
const char *
crm_csv_reader_get_encoding (CrmCsvReader *self);
char
crm_csv_reader_get_separator (CrmCsvReader *self);

/* Reads the next record. Returns TRUE with @fields set to a NULL-terminated array of UTF-8
 * strings (owned by the reader, valid until the next call) and @line to the 1-based line the
 * record starts on; FALSE at the end (no error) or on a malformed record (error set; the reader
 * then stops). Blank lines are skipped. */
gboolean
crm_csv_reader_next (CrmCsvReader *self, const char *const **fields, guint *line, GError **error);

/* How far the reader is through the text, 0.0–1.0 (for progress). */
double
crm_csv_reader_get_fraction (CrmCsvReader *self);

G_END_DECLS
