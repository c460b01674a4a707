/* crm-csv-writer.c — RFC 4180 CSV text with formula neutralisation (see the header). */
#include "crm-csv-writer.h"

#include <stdarg.h>
#include <string.h>

struct _CrmCsvWriter
{
  GString *buffer;
  CrmCsvWriterFlags flags;
  gboolean row_started; /* a cell was added to the current record */
};

CrmCsvWriter *
crm_csv_writer_new (CrmCsvWriterFlags flags)
{
  CrmCsvWriter *self = g_new0 (CrmCsvWriter, 1);

  self->buffer = g_string_sized_new (64 * 1024);
  self->flags = flags;
  return self;
}

void
crm_csv_writer_free (CrmCsvWriter *self)
{
  if (self == NULL)
    return;
  g_string_free (self->buffer, TRUE);
  g_free (self);
}

GString *
crm_csv_writer_get_buffer (CrmCsvWriter *self)
{
  return self->buffer;
}

gboolean
crm_csv_cell_is_formula_like (const char *cell)
{
  return cell != NULL && cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL;
}

static gboolean
needs_quotes (const char *cell, gsize length)
{
  if (length == 0)
    return FALSE;
  /* Leading or trailing blanks are kept by quoting: some readers trim unquoted fields. */
  if (cell[0] == ' ' || cell[0] == '\t' || cell[length - 1] == ' ' || cell[length - 1] == '\t')
    return TRUE;
  return strpbrk (cell, ",\"\r\n") != NULL;
}

void
crm_csv_writer_add (CrmCsvWriter *self, const char *cell)
{
  g_autofree char *valid = NULL;
  gsize length;

  if (self->row_started)
    g_string_append_c (self->buffer, ',');
  self->row_started = TRUE;
  if (cell == NULL)
    return;
  if (!g_utf8_validate (cell, -1, NULL))
    cell = valid = g_utf8_make_valid (cell, -1);

  length = strlen (cell);
  if (!(self->flags & CRM_CSV_WRITER_RAW) && crm_csv_cell_is_formula_like (cell))
    {
      /* The apostrophe goes inside the quotes, so the tab or CR after it stays part of the
       * cell. */
      gboolean quoted = needs_quotes (cell, length) || cell[0] == '\t';

      if (quoted)
        g_string_append_c (self->buffer, '"');
      g_string_append_c (self->buffer, '\'');
      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (self->buffer, '"');
          g_string_append_c (self->buffer, *p);
        }
      if (quoted)
        g_string_append_c (self->buffer, '"');
      return;
    }

  if (!needs_quotes (cell, length))
    {
      g_string_append_len (self->buffer, cell, (gssize) length);
      return;
    }
  g_string_append_c (self->buffer, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (self->buffer, '"');
      g_string_append_c (self->buffer, *p);
    }
  g_string_append_c (self->buffer, '"');
}

void
crm_csv_writer_add_printf (CrmCsvWriter *self, const char *format, ...)
{
  g_autofree char *cell = NULL;
  va_list args;

  va_start (args, format);
  cell = g_strdup_vprintf (format, args);
  va_end (args);
  crm_csv_writer_add (self, cell);
}

void
crm_csv_writer_end_row (CrmCsvWriter *self)
{
  g_string_append (self->buffer, "\r\n");
  self->row_started = FALSE;
}

void
crm_csv_writer_add_row (CrmCsvWriter *self, const char *const *cells, guint n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    crm_csv_writer_add (self, cells[i]);
  crm_csv_writer_end_row (self);
}

char *
crm_csv_format_decimal (gint64 amount_minor, guint n_digits)
{
  guint64 magnitude;
  guint64 scale = 1;

  /* The magnitude of G_MININT64 does not fit a gint64. */
  if (amount_minor < 0)
    magnitude = (guint64) (-(amount_minor + 1)) + 1;
  else
    magnitude = (guint64) amount_minor;
  for (guint i = 0; i < n_digits; i++)
    scale *= 10;
  if (n_digits == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, amount_minor < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                          amount_minor < 0 ? "-" : "", magnitude / scale, (int) n_digits,
                          magnitude % scale);
}
