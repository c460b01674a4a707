/* crm-csv-reader.c — CrmCsvReader: CSV text (RFC 4180 and the variants spreadsheets, CRMs and
 * address books write) into records of UTF-8 fields.
 *
 * The whole file is converted to UTF-8 once, then scanned byte by byte: every byte the scanner
 * acts on (separator, quote, CR, LF) is ASCII, so each field is a run of valid UTF-8. The
 * fields of a record are copied into one reused buffer, NUL-separated, so reading a record
 * allocates nothing once the buffers have grown. The input may be any bytes (it is fuzzed). */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-csv-reader.h"

struct _CrmCsvReader
{
  char *text; /* the file as UTF-8, NUL-terminated */
  gsize length;
  gsize pos;
  guint line; /* 1-based line at pos */
  const char *encoding;
  char separator;
  gboolean failed;

  GString *field_bytes;  /* the current record's fields, each followed by a NUL */
  GArray *field_offsets; /* gsize: where each field starts in field_bytes */
  GPtrArray *fields;     /* const char *: into field_bytes, NULL-terminated */
};

/* ---- Encoding ------------------------------------------------------------------------------ */

/* UTF-16 without a BOM: text whose every other byte is mostly NUL. Returns "UTF-16LE",
 * "UTF-16BE" or NULL. */
static const char *
sniff_utf16 (const guint8 *data, gsize length)
{
  gsize n = MIN (length, 4096) & ~(gsize) 1;
  gsize even_nuls = 0, odd_nuls = 0;

  if (n < 2)
    return NULL;
  for (gsize i = 0; i < n; i += 2)
    {
      even_nuls += data[i] == 0;
      odd_nuls += data[i + 1] == 0;
    }
  /* ASCII-heavy text in UTF-16 has a NUL in almost every pair, on one side. */
  if (odd_nuls * 10 >= (n / 2) * 7 && even_nuls * 10 < (n / 2))
    return "UTF-16LE";
  if (even_nuls * 10 >= (n / 2) * 7 && odd_nuls * 10 < (n / 2))
    return "UTF-16BE";
  return NULL;
}

static char *
convert_to_utf8 (
    const guint8 *data, gsize length, const char *from, gsize *out_length, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  char *converted;
  gsize bytes_read = 0;

  converted = g_convert ((const char *) data, length, "UTF-8", from, &bytes_read, out_length,
                         &local_error);
  if (converted != NULL && bytes_read != length)
    {
      /* A character cut off at the end (an odd number of UTF-16 bytes). */
      g_free (converted);
      converted = NULL;
      g_set_error (&local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT,
                   _ ("The text ends in the middle of a character"));
    }
  if (converted == NULL)
    {
      g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ENCODING,
                   _ ("The file could not be read as %s text (byte %lu): %s"), from,
                   (unsigned long) bytes_read, local_error->message);
      return NULL;
    }
  /* A BOM read as a character: drop it. */
  if (*out_length >= 3 && memcmp (converted, "\xEF\xBB\xBF", 3) == 0)
    {
      memmove (converted, converted + 3, *out_length - 3 + 1);
      *out_length -= 3;
    }
  return converted;
}

static gboolean
decode (CrmCsvReader *self, GBytes *bytes, GError **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  const char *utf16;

  if (data == NULL || length == 0)
    {
      self->text = g_strdup ("");
      self->encoding = "UTF-8";
      return TRUE;
    }
  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    utf16 = "UTF-16LE";
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    utf16 = "UTF-16BE";
  else
    utf16 = sniff_utf16 (data, length);

  if (utf16 != NULL)
    {
      gsize skip = (length >= 2 && (data[0] == 0xFF || data[0] == 0xFE)) ? 2 : 0;

      self->encoding = utf16;
      self->text = convert_to_utf8 (data + skip, length - skip, utf16, &self->length, error);
      return self->text != NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  /* g_utf8_validate_len() refuses NUL bytes, which cannot be in text anyway. */
  if (g_utf8_validate_len ((const char *) data, length, NULL))
    {
      self->encoding = "UTF-8";
      self->text = g_strndup ((const char *) data, length);
      self->length = length;
      return TRUE;
    }
  self->encoding = "WINDOWS-1252";
  self->text = convert_to_utf8 (data, length, "WINDOWS-1252", &self->length, error);
  return self->text != NULL;
}

/* ---- Separator ----------------------------------------------------------------------------- */

/* The separator that splits the first record into the most fields outside quotes (comma on a
 * tie or when none does). */
static char
sniff_separator (const char *text, gsize length)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  guint best = 0;

  gsize i = 0;

  /* Leading blank lines are not the first record. */
  while (i < length && (text[i] == '\n' || text[i] == '\r'))
    i++;
  for (; i < length; i++)
    {
      char c = text[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else
        for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
          counts[k] += c == candidates[k];
    }
  for (guint k = 1; k < G_N_ELEMENTS (candidates); k++)
    if (counts[k] > counts[best])
      best = k;
  return candidates[best];
}

/* ---- Public API ---------------------------------------------------------------------------- */

CrmCsvReader *
crm_csv_reader_new (GBytes *bytes, GError **error)
{
  CrmCsvReader *self;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_new0 (CrmCsvReader, 1);
  self->line = 1;
  self->field_bytes = g_string_sized_new (256);
  self->field_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  if (!decode (self, bytes, error))
    {
      crm_csv_reader_free (self);
      return NULL;
    }
  self->separator = sniff_separator (self->text, self->length);
  return self;
}

void
crm_csv_reader_free (CrmCsvReader *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_string_free (self->field_bytes, TRUE);
  g_array_unref (self->field_offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

const char *
crm_csv_reader_get_encoding (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->encoding;
}

char
crm_csv_reader_get_separator (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->separator;
}

double
crm_csv_reader_get_fraction (CrmCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);
  if (self->length == 0)
    return 1.0;
  return (double) self->pos / (double) self->length;
}

/* Consumes the line end at pos (CRLF, LF or CR), if any; TRUE when there was one. */
static inline gboolean
skip_line_end (CrmCsvReader *self)
{
  char c = self->text[self->pos];

  if (c == '\r')
    {
      self->pos++;
      if (self->pos < self->length && self->text[self->pos] == '\n')
        self->pos++;
      self->line++;
      return TRUE;
    }
  if (c == '\n')
    {
      self->pos++;
      self->line++;
      return TRUE;
    }
  return FALSE;
}

static inline void
start_field (CrmCsvReader *self)
{
  gsize offset = self->field_bytes->len;

  g_array_append_val (self->field_offsets, offset);
}

static inline void
end_field (CrmCsvReader *self)
{
  g_string_append_c (self->field_bytes, '\0');
}

static gboolean
fail (CrmCsvReader *self, GError **error, guint line, const char *message)
{
  self->failed = TRUE;
  g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW, _ ("line %u: %s"), line, message);
  return FALSE;
}

/* Reads a quoted field starting after its opening quote; pos ends after the closing quote
 * and any spaces that follow it. */
static gboolean
read_quoted_field (CrmCsvReader *self, guint record_line, GError **error)
{
  const char *text = self->text;
  char separator = self->separator;

  for (;;)
    {
      const char *quote = memchr (text + self->pos, '"', self->length - self->pos);
      gsize run_end = quote != NULL ? (gsize) (quote - text) : self->length;

      /* Count the line breaks inside the quoted run, for the line numbers after it. */
      for (gsize i = self->pos; i < run_end; i++)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= self->length || text[i + 1] != '\n')))
          self->line++;
      g_string_append_len (self->field_bytes, text + self->pos, run_end - self->pos);
      if (quote == NULL)
        {
          self->pos = self->length;
          return fail (self, error, record_line, _ ("a quoted field is not closed"));
        }
      self->pos = run_end + 1;
      if (self->pos < self->length && text[self->pos] == '"')
        {
          g_string_append_c (self->field_bytes, '"');
          self->pos++;
          continue;
        }
      while (self->pos < self->length && text[self->pos] == ' ' && separator != ' ')
        self->pos++;
      if (self->pos >= self->length || text[self->pos] == separator || text[self->pos] == '\n'
          || text[self->pos] == '\r')
        return TRUE;
      return fail (self, error, record_line,
                   _ ("there is text after the closing quote of a field"));
    }
}

/* Reads an unquoted field up to (not including) the separator or line end. */
static void
read_plain_field (CrmCsvReader *self)
{
  const char *text = self->text;
  char separator = self->separator;
  gsize start = self->pos;
  gsize i = start;

  while (i < self->length)
    {
      char c = text[i];

      if (c == separator || c == '\n' || c == '\r')
        break;
      i++;
    }
  g_string_append_len (self->field_bytes, text + start, i - start);
  self->pos = i;
}

gboolean
crm_csv_reader_next (CrmCsvReader *self, const char *const **fields, guint *line, GError **error)
{
  guint record_line;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return FALSE;
  /* Blank lines between records are skipped. */
  while (self->pos < self->length && skip_line_end (self))
    ;
  if (self->pos >= self->length)
    return FALSE;

  record_line = self->line;
  g_string_truncate (self->field_bytes, 0);
  g_array_set_size (self->field_offsets, 0);

  for (;;)
    {
      start_field (self);
      if (self->text[self->pos] == '"')
        {
          self->pos++;
          if (!read_quoted_field (self, record_line, error))
            return FALSE;
        }
      else
        read_plain_field (self);
      end_field (self);

      if (self->pos >= self->length)
        break;
      if (self->text[self->pos] == self->separator)
        {
          self->pos++;
          if (self->pos >= self->length)
            {
              /* A separator right at the end opens one last, empty field. */
              start_field (self);
              end_field (self);
              break;
            }
          continue;
        }
      skip_line_end (self);
      break;
    }

  /* The field bytes are complete: only now are the pointers into them stable. */
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->field_offsets->len; i++)
    g_ptr_array_add (self->fields,
                     self->field_bytes->str + g_array_index (self->field_offsets, gsize, i));
  g_ptr_array_add (self->fields, NULL);

  if (fields != NULL)
    *fields = (const char *const *) self->fields->pdata;
  if (line != NULL)
    *line = record_line;
  return TRUE;
}
