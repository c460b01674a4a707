/* crm-test-csv.h — reading CSV text back in tests (crm-test-csv.c). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The records of @text, each a GPtrArray of cells (strings); fails the test when the text is
 * not strict RFC 4180 with CRLF record ends. */
GPtrArray *
crm_test_parse_csv (const char *text);
/* Cell @column of record @row. */
const char *
crm_test_csv_cell_at (GPtrArray *records, guint row, guint column);
/* The cell of record @row under the header (record 0) @header. */
const char *
crm_test_csv_cell_of (GPtrArray *records, guint row, const char *header);

G_END_DECLS
