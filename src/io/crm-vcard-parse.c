/* crm-vcard-parse.c — decoding of vCard values (quoted-printable, base64, charsets, escapes,
 * components) and parameters (TYPE in every spelling, ENCODING, CHARSET, PREF,
 * MEDIATYPE). Every function takes a length and stays inside it: any bytes are safe. */
#include "config.h"

#include "crm-vcard-private.h"

#include <string.h>

/* Type words kept per value: more is noise (and bounds the work on hostile input). */
#define MAX_TYPES 16

/* ---- Small helpers ---------------------------------------------------------------------- */

gboolean
crm_vcard_equal_ci (const char *text, gsize length, const char *word)
{
  return strlen (word) == length && g_ascii_strncasecmp (text, word, length) == 0;
}

static gboolean
is_blank_char (char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

void
crm_vcard_trim (const char **text, gsize *length)
{
  while (*length > 0 && is_blank_char ((*text)[0]))
    {
      (*text)++;
      (*length)--;
    }
  while (*length > 0 && is_blank_char ((*text)[*length - 1]))
    (*length)--;
}

gboolean
crm_vcard_is_base64_char (char c)
{
  return g_ascii_isalnum (c) || c == '+' || c == '/' || c == '=' || c == ' ' || c == '\t'
         || c == '\r';
}

/* Bytes in @charset (or UTF-8, or Windows-1252 when they are not UTF-8) to a UTF-8 string without
 * NUL bytes. Never fails: what cannot be converted becomes U+FFFD. */
char *
crm_vcard_to_utf8 (const char *bytes, gsize length, const char *charset)
{
  g_autofree char *converted = NULL;
  gsize converted_length = 0;

  /* An empty GByteArray (quoted-printable of nothing) has no data pointer at all. */
  if (length == 0)
    return g_strdup ("");
  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0
      && g_ascii_strcasecmp (charset, "US-ASCII") != 0)
    converted = g_convert (bytes, length, "UTF-8", charset, NULL, &converted_length, NULL);
  if (converted == NULL)
    {
      /* The usual case; valid UTF-8 with a length also means no NUL byte. */
      if (g_utf8_validate (bytes, (gssize) length, NULL))
        return g_strndup (bytes, length);
      converted = g_convert (bytes, length, "UTF-8", "WINDOWS-1252", NULL, &converted_length, NULL);
      if (converted == NULL)
        converted = g_convert (bytes, length, "UTF-8", "ISO-8859-1", NULL, &converted_length, NULL);
    }
  if (converted != NULL)
    {
      bytes = converted;
      length = converted_length;
    }
  /* Also turns NUL bytes into U+FFFD: a C string cannot carry them. */
  return g_utf8_make_valid (bytes, length);
}

/* Decodes quoted-printable. "=" before a line end is a soft line break (see read_logical_line);
 * any other "=" not followed by two hex digits is kept as written. */
GByteArray *
crm_vcard_decode_quoted_printable (const char *text, gsize length)
{
  GByteArray *bytes = g_byte_array_sized_new ((guint) MIN (length, G_MAXUINT));

  for (gsize i = 0; i < length; i++)
    {
      guint8 c = (guint8) text[i];
      if (c == '=' && i + 1 < length && text[i + 1] == '\n')
        {
          i++;
          continue;
        }
      if (c == '=' && i + 2 < length && g_ascii_isxdigit (text[i + 1])
          && g_ascii_isxdigit (text[i + 2]))
        {
          c = (guint8) (g_ascii_xdigit_value (text[i + 1]) * 16
                        + g_ascii_xdigit_value (text[i + 2]));
          i += 2;
        }
      g_byte_array_append (bytes, &c, 1);
    }
  return bytes;
}

/* Undoes vCard escapes: "\\" "\," "\;" "\n" "\N"; any other backslash stays as written.
 * CRLF (from quoted-printable "=0D=0A") becomes LF. */
static char *
unescape (const char *text, gsize length)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
        continue;
      if (c == '\\' && i + 1 < length)
        {
          char next = text[i + 1];
          if (next == 'n' || next == 'N')
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
          if (next == '\\' || next == ',' || next == ';')
            {
              g_string_append_c (out, next);
              i++;
              continue;
            }
        }
      g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/* The trimmed, unescaped text, or NULL when that is empty. */
char *
crm_vcard_clean_text (const char *text, gsize length)
{
  char *result;

  crm_vcard_trim (&text, &length);
  result = unescape (text, length);
  g_strstrip (result);
  if (result[0] == '\0')
    g_clear_pointer (&result, g_free);
  return result;
}

/* Splits @text on @separator where it is not escaped; each part is cleaned (NULL when empty).
 * Returns a GPtrArray of char* (maybe NULL entries). */
GPtrArray *
crm_vcard_split_components (const char *text, char separator)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  const char *start = text;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == separator)
        {
          g_ptr_array_add (parts, crm_vcard_clean_text (start, (gsize) (p - start)));
          start = p + 1;
        }
    }
  g_ptr_array_add (parts, crm_vcard_clean_text (start, (gsize) (p - start)));
  return parts;
}

void
crm_vcard_set_once (char **field, char *value)
{
  if (*field == NULL)
    *field = value;
  else
    g_free (value);
}

/* ---- Parameters ------------------------------------------------------------------------- */

void
crm_vcard_params_clear (CrmVCardParams *params)
{
  g_clear_pointer (&params->types, g_ptr_array_unref);
  g_clear_pointer (&params->charset, g_free);
  g_clear_pointer (&params->media_type, g_free);
}

static const char *
image_mime_for_type (const char *word)
{
  static const struct
  {
    const char *type;
    const char *mime;
  } images[] = {
    { "jpeg", "image/jpeg" }, { "jpg", "image/jpeg" }, { "png", "image/png" },
    { "gif", "image/gif" },   { "bmp", "image/bmp" },  { "tiff", "image/tiff" },
    { "webp", "image/webp" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (images); i++)
    if (g_ascii_strcasecmp (word, images[i].type) == 0)
      return images[i].mime;
  return NULL;
}

static void
add_type_word (CrmVCardParams *params, const char *word, gsize length)
{
  g_autofree char *lower = NULL;

  crm_vcard_trim (&word, &length);
  /* TYPE="voice,cell" is split before its quotes are gone. */
  if (length > 0 && word[0] == '"')
    {
      word++;
      length--;
    }
  if (length > 0 && word[length - 1] == '"')
    length--;
  if (length == 0)
    return;
  if (crm_vcard_equal_ci (word, length, "pref"))
    {
      params->preferred = TRUE;
      return;
    }
  lower = g_ascii_strdown (word, (gssize) length);
  if (strlen (lower) != length || !g_utf8_validate (lower, -1, NULL))
    return;
  if (image_mime_for_type (lower) != NULL)
    {
      crm_vcard_set_once (&params->media_type, g_strdup (image_mime_for_type (lower)));
      return;
    }
  if (strchr (lower, '/') != NULL)
    {
      crm_vcard_set_once (&params->media_type, g_strdup (lower)); /* TYPE=image/png */
      return;
    }
  if (strcmp (lower, "internet") == 0 || params->types->len >= MAX_TYPES)
    return;
  for (guint i = 0; i < params->types->len; i++)
    if (strcmp (params->types->pdata[i], lower) == 0)
      return;
  g_ptr_array_add (params->types, g_steal_pointer (&lower));
}

/* TYPE=work,home or TYPE="work,voice": each comma-separated word. */
static void
add_type_list (CrmVCardParams *params, const char *list, gsize length)
{
  gsize start = 0;

  for (gsize i = 0; i <= length; i++)
    if (i == length || list[i] == ',')
      {
        add_type_word (params, list + start, i - start);
        start = i + 1;
      }
}

static char *
param_value (const char *text, gsize length)
{
  crm_vcard_trim (&text, &length);
  if (length >= 2 && text[0] == '"' && text[length - 1] == '"')
    {
      text++;
      length -= 2;
    }
  return g_strndup (text, length);
}

static void
parse_one_param (CrmVCardParams *params, const char *text, gsize length)
{
  const char *equals = memchr (text, '=', length);
  const char *key = text;
  gsize key_length = equals != NULL ? (gsize) (equals - text) : length;
  const char *value = equals != NULL ? equals + 1 : NULL;
  gsize value_length = equals != NULL ? length - key_length - 1 : 0;

  crm_vcard_trim (&key, &key_length);
  if (value == NULL)
    {
      /* vCard 2.1 bare parameters: QUOTED-PRINTABLE, BASE64, WORK, PREF, … */
      if (crm_vcard_equal_ci (key, key_length, "QUOTED-PRINTABLE"))
        params->quoted_printable = TRUE;
      else if (crm_vcard_equal_ci (key, key_length, "BASE64")
               || crm_vcard_equal_ci (key, key_length, "B"))
        params->base64 = TRUE;
      else if (!crm_vcard_equal_ci (key, key_length, "8BIT")
               && !crm_vcard_equal_ci (key, key_length, "7BIT"))
        add_type_word (params, key, key_length);
      return;
    }
  if (crm_vcard_equal_ci (key, key_length, "TYPE"))
    add_type_list (params, value, value_length);
  else if (crm_vcard_equal_ci (key, key_length, "ENCODING"))
    {
      g_autofree char *encoding = param_value (value, value_length);
      if (g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0)
        params->quoted_printable = TRUE;
      else if (g_ascii_strcasecmp (encoding, "B") == 0
               || g_ascii_strcasecmp (encoding, "BASE64") == 0)
        params->base64 = TRUE;
    }
  else if (crm_vcard_equal_ci (key, key_length, "CHARSET"))
    {
      g_autofree char *charset = param_value (value, value_length);
      /* Only plain charset names reach iconv (no "//TRANSLIT" suffixes or paths). */
      for (const char *p = charset; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':')
          return;
      if (charset[0] != '\0' && strlen (charset) < 40)
        crm_vcard_set_once (&params->charset, g_steal_pointer (&charset));
    }
  else if (crm_vcard_equal_ci (key, key_length, "PREF"))
    {
      g_autofree char *rank = param_value (value, value_length);
      guint64 number = 0;
      if (!g_ascii_string_to_unsigned (rank, 10, 0, G_MAXUINT64, &number, NULL) || number <= 1)
        params->preferred = TRUE;
    }
  else if (crm_vcard_equal_ci (key, key_length, "MEDIATYPE"))
    {
      g_autofree char *type = param_value (value, value_length);
      crm_vcard_set_once (&params->media_type, g_ascii_strdown (type, -1));
    }
}

/* Parameters are separated by ';' outside double quotes. */
void
crm_vcard_parse_params (CrmVCardParams *params, const char *text, gsize length)
{
  gboolean quoted = FALSE;
  gsize start = 0;

  params->types = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i <= length; i++)
    {
      if (i < length && text[i] == '"')
        quoted = !quoted;
      if (i == length || (text[i] == ';' && !quoted))
        {
          if (i > start)
            parse_one_param (params, text + start, i - start);
          start = i + 1;
        }
    }
}

char *
crm_vcard_params_join_types (CrmVCardParams *params)
{
  if (params->types->len == 0)
    return NULL;
  g_ptr_array_add (params->types, NULL);
  return g_strjoinv (",", (char **) params->types->pdata);
}

const char *
crm_vcard_sniff_image (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  return NULL;
}

GBytes *
crm_vcard_decode_base64 (const char *text, gsize length)
{
  guchar *data;
  gsize size;
  gint state = 0;
  guint save = 0;

  /* The step decoder skips characters outside the alphabet (folding blanks) and, unlike
   * g_base64_decode, takes any length, even 0 or 1. */
  if (length == 0)
    return NULL;
  data = g_malloc ((length / 4) * 3 + 3);
  size = g_base64_decode_step (text, length, data, &state, &save);
  if (size == 0)
    {
      g_free (data);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

gboolean
crm_vcard_is_media_type (const char *text)
{
  guint slashes = 0;
  gsize length = 0;

  for (const char *p = text; *p != '\0'; p++, length++)
    {
      if (*p == '/')
        slashes++;
      else if (!g_ascii_isalnum (*p) && strchr ("!#$&^_.+-", *p) == NULL)
        return FALSE;
    }
  return slashes == 1 && length > 2 && length < 128 && text[0] != '/' && text[length - 1] != '/';
}
