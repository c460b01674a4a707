/* crm-csv-writer.h — CrmCsvWriter writes CSV text as RFC 4180 describes it: UTF-8 (no byte
 * order mark), comma separated, every record ended by CRLF, a field quoted (its quotes doubled)
 * when it holds a comma, a quote, a line break or leading or trailing blanks.
 *
 * Formula injection: a spreadsheet runs a cell that starts with "=", "+", "-" or "@" as a
 * formula (and some treat a leading tab or carriage return the same way), so an exported name
 * like "=HYPERLINK(…)" could run in the user's spreadsheet. Unless CRM_CSV_WRITER_RAW is given,
 * every cell starting with one of those six characters gets a leading apostrophe ("'=1+2"),
 * which spreadsheets read as "this is text". That includes negative numbers ("-2" → "'-2"):
 * the rule is applied to every cell, with no exceptions an attacker could aim at. Raw mode
 * writes the cells exactly as given (for programs that read the file back).
 *
 * The writer appends to a buffer the caller drains (crm_csv_writer_get_buffer()), so an export
 * of any size holds only what has not been written out yet. GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CRM_CSV_WRITER_NONE = 0,
  CRM_CSV_WRITER_RAW = 1 << 0, /* no formula neutralisation */
} CrmCsvWriterFlags;

typedef struct _CrmCsvWriter CrmCsvWriter;

CrmCsvWriter *
crm_csv_writer_new (CrmCsvWriterFlags flags);
void
crm_csv_writer_free (CrmCsvWriter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvWriter, crm_csv_writer_free)

/* Appends one cell to the current record; NULL is an empty cell. */
void
crm_csv_writer_add (CrmCsvWriter *self, const char *cell);
/* Appends a cell with printf formatting (for numbers). */
void
crm_csv_writer_add_printf (CrmCsvWriter *self, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Ends the current record (CRLF). */
void
crm_csv_writer_end_row (CrmCsvWriter *self);
/* Appends a whole record of @n_cells cells (NULL cells are empty) and ends it. */
void
crm_csv_writer_add_row (CrmCsvWriter *self, const char *const *cells, guint n_cells);

/* The text written so far (and not taken away): the caller may write it out and truncate it. */
GString *
crm_csv_writer_get_buffer (CrmCsvWriter *self);

/* Whether @cell would be neutralised (starts with =, +, -, @, tab or CR). */
gboolean
crm_csv_cell_is_formula_like (const char *cell);

/* @amount_minor in minor units with @n_digits of them as a plain decimal number, "-1234.50":
 * no grouping, a dot, the sign only when negative. */
char *
crm_csv_format_decimal (gint64 amount_minor, guint n_digits);

G_END_DECLS
