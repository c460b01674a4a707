/* crm-test-csv.c — a small, strict RFC 4180 reader for tests that read CSV written by Rapport
 * back: quoted cells with doubled quotes and line breaks, every record ended by CRLF. */
#include "crm-test-csv.h"

/* The records of @text, each a GPtrArray of cells. FALSE on a malformed text. */
GPtrArray *
crm_test_parse_csv (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = g_ptr_array_new_with_free_func (g_free);
  GString *cell = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++;; p++)
            {
              g_assert_true (*p != '\0'); /* an unclosed quote */
              if (*p == '"' && p[1] == '"')
                g_string_append_c (cell, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (cell, *p);
            }
          p++;
          g_assert_true (*p == ',' || *p == '\r' || *p == '\0');
        }
      else
        while (*p != ',' && *p != '\r' && *p != '\n' && *p != '\0')
          g_string_append_c (cell, *p++);

      g_ptr_array_add (record, g_strdup (cell->str));
      g_string_truncate (cell, 0);
      if (*p == ',')
        p++;
      else if (*p == '\r')
        {
          /* Records end with CRLF, never a bare LF or CR. */
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (records, record);
          record = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_assert_cmpint (*p, ==, '\0');
    }
  g_assert_cmpuint (record->len, ==, 0); /* the last record ended with CRLF too */
  g_ptr_array_unref (record);
  g_string_free (cell, TRUE);
  return records;
}

const char *
crm_test_csv_cell_at (GPtrArray *records, guint row, guint column)
{
  GPtrArray *cells = g_ptr_array_index (records, row);

  g_assert_cmpuint (column, <, cells->len);
  return g_ptr_array_index (cells, column);
}

const char *
crm_test_csv_cell_of (GPtrArray *records, guint row, const char *header)
{
  GPtrArray *headers = g_ptr_array_index (records, 0);
  GPtrArray *cells = g_ptr_array_index (records, row);

  for (guint i = 0; i < headers->len; i++)
    if (g_strcmp0 (g_ptr_array_index (headers, i), header) == 0)
      {
        g_assert_cmpuint (cells->len, ==, headers->len);
        return g_ptr_array_index (cells, i);
      }
  g_error ("no column %s", header);
  return NULL;
}
