/* crm-vcard-reader.c — reads vCard 2.1, 3.0 and 4.0 text into CrmVCard structs.
 *
 * The file's bytes stay as they are (only UTF-16 is converted up front), because a 2.1 card may
 * name a different CHARSET on every property: each value is decoded (quoted-printable, base64)
 * and converted to UTF-8 on its own. A value that is not UTF-8 and names no charset is read as
 * Windows-1252, the usual encoding of such files. Every index is checked against the buffer's
 * length, so any bytes are safe (the reader is fuzzed: tests/fuzz/fuzz-vcard-reader.c).
 *
 * After a malformed card the reader goes on after it: at the card's END:VCARD for a bad line, at
 * the next BEGIN:VCARD for a card without END:VCARD, so an importer can report every bad card. */
#include "config.h"

#include "crm-vcard-reader.h"
#include "crm-vcard-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _CrmVCardReader
{
  char *text; /* owned copy (converted when UTF-16) */
  gsize length;
  gsize pos;
  guint line;             /* 1-based line at pos */
  gboolean charset_fixed; /* the file was UTF-16: CHARSET parameters do not apply */
};

/* One property line, split. Pointers into the line buffer. */
typedef struct
{
  const char *group; /* "item1" or NULL */
  gsize group_length;
  const char *name;
  gsize name_length;
  const char *params; /* the text between the name and the ':' (starts at ';'), maybe empty */
  gsize params_length;
  const char *value;
  gsize value_length;
} Property;

/* A card being read, and what is only known at its end. */
typedef struct
{
  CrmVCard *card;
  GPtrArray *email_groups; /* group name (or NULL) of each e-mail, in order */
  GPtrArray *phone_groups;
  GHashTable *labels; /* group -> X-ABLabel */
  char *role;
  gboolean photo_was_url;
} CardBuilder;

/* Whether the line is @word, blanks around it aside, in any case. */
static gboolean
is_line_ci (const char *text, gsize length, const char *word)
{
  crm_vcard_trim (&text, &length);
  return crm_vcard_equal_ci (text, length, word);
}

/* ---- Lines ------------------------------------------------------------------------------ */

/* The physical line at @pos without its line end; @next is set past the line end. */
static void
physical_line (CrmVCardReader *self, gsize pos, gsize *end, gsize *next)
{
  const char *newline = memchr (self->text + pos, '\n', self->length - pos);
  gsize stop = newline != NULL ? (gsize) (newline - self->text) : self->length;

  *next = newline != NULL ? stop + 1 : self->length;
  if (stop > pos && self->text[stop - 1] == '\r')
    stop--;
  *end = stop;
}

/* Reads one logical line into @line (folded lines joined), starting at self->pos. A fold right
 * after "=" may be a quoted-printable soft line break whose next line starts with real blank
 * text, so it is kept as "=\n" and the whole next line: decode_quoted_printable drops "=\n",
 * and unfold_soft_breaks turns it into an ordinary fold when the value is not quoted-printable.
 * Returns whether it did that. */
static gboolean
read_logical_line (CrmVCardReader *self, GString *line)
{
  gboolean soft_breaks = FALSE;
  gsize end, next;

  g_string_truncate (line, 0);
  physical_line (self, self->pos, &end, &next);
  g_string_append_len (line, self->text + self->pos, (gssize) (end - self->pos));
  self->pos = next;
  self->line++;
  while (self->pos < self->length
         && (self->text[self->pos] == ' ' || self->text[self->pos] == '\t'))
    {
      physical_line (self, self->pos, &end, &next);
      if (line->len > 0 && line->str[line->len - 1] == '=')
        {
          g_string_append_c (line, '\n');
          g_string_append_len (line, self->text + self->pos, (gssize) (end - self->pos));
          soft_breaks = TRUE;
        }
      else
        g_string_append_len (line, self->text + self->pos + 1, (gssize) (end - self->pos - 1));
      self->pos = next;
      self->line++;
    }
  return soft_breaks;
}

/* Makes the "=\n" + blank kept by read_logical_line an ordinary fold again. Physical lines hold
 * no "\n", so every one in @line is such a break. */
static void
unfold_soft_breaks (GString *line)
{
  gsize out = 0;

  for (gsize i = 0; i < line->len; i++)
    {
      if (line->str[i] == '\n')
        {
          i++; /* and the blank that began the folded line */
          continue;
        }
      line->str[out++] = line->str[i];
    }
  g_string_truncate (line, out);
}

/* Joins the lines that continue @line's value although they are not folded: quoted-printable
 * soft line breaks ("=" at the end) and 2.1 base64 data written on lines of its own. */
static void
read_continuations (CrmVCardReader *self, GString *line, const CrmVCardParams *params)
{
  gsize end, next;

  while (self->pos < self->length)
    {
      if (params->quoted_printable)
        {
          if (line->len == 0 || line->str[line->len - 1] != '=')
            return;
          physical_line (self, self->pos, &end, &next);
          if (is_line_ci (self->text + self->pos, end - self->pos, "END:VCARD"))
            return;
          g_string_truncate (line, line->len - 1);
        }
      else if (params->base64)
        {
          physical_line (self, self->pos, &end, &next);
          if (end == self->pos)
            return;
          for (gsize i = self->pos; i < end; i++)
            if (!crm_vcard_is_base64_char (self->text[i]))
              return;
        }
      else
        return;
      physical_line (self, self->pos, &end, &next);
      g_string_append_len (line, self->text + self->pos, (gssize) (end - self->pos));
      self->pos = next;
      self->line++;
    }
}

/* Splits "group.NAME;params:value". FALSE when there is no ':'. */
static gboolean
split_property_quoted (const char *text, gsize length, Property *property, gboolean honour_quotes)
{
  gboolean quoted = FALSE;
  gsize name_end = length;
  gsize colon = length;

  memset (property, 0, sizeof *property);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '"' && name_end < length && honour_quotes)
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == ';' && name_end == length)
        name_end = i;
      else if (c == ':')
        {
          colon = i;
          break;
        }
    }
  if (colon == length)
    return FALSE;
  if (name_end > colon)
    name_end = colon;
  property->name = text;
  property->name_length = name_end;
  for (gsize i = 0; i < name_end; i++)
    if (text[i] == '.')
      {
        property->group = text;
        property->group_length = i;
        property->name = text + i + 1;
        property->name_length = name_end - i - 1;
        break;
      }
  crm_vcard_trim (&property->name, &property->name_length);
  property->params = text + name_end;
  property->params_length = colon - name_end;
  property->value = text + colon + 1;
  property->value_length = length - colon - 1;
  return TRUE;
}

/* Quotes in parameters may hide a ':' (TYPE="a:b"); an unbalanced quote does not hide it. */
static gboolean
split_property (const char *text, gsize length, Property *property)
{
  return split_property_quoted (text, length, property, TRUE)
         || split_property_quoted (text, length, property, FALSE);
}

/* ---- Cards ------------------------------------------------------------------------------ */

static void
vcard_value_free (CrmVCardValue *value)
{
  g_free (value->value);
  g_free (value->types);
  g_free (value);
}

void
crm_vcard_free (CrmVCard *card)
{
  if (card == NULL)
    return;
  g_free (card->version);
  g_free (card->uid);
  g_free (card->formatted_name);
  g_free (card->family_name);
  g_free (card->given_name);
  g_free (card->additional_names);
  g_free (card->honorific_prefixes);
  g_free (card->honorific_suffixes);
  g_free (card->organization);
  g_free (card->department);
  g_free (card->title);
  g_free (card->note);
  g_free (card->url);
  g_free (card->country);
  g_clear_pointer (&card->emails, g_ptr_array_unref);
  g_clear_pointer (&card->phones, g_ptr_array_unref);
  g_strfreev (card->categories);
  g_clear_pointer (&card->photo, g_bytes_unref);
  g_free (card->photo_mime);
  g_free (card);
}

char *
crm_vcard_get_display_name (const CrmVCard *card)
{
  g_return_val_if_fail (card != NULL, NULL);

  if (card->formatted_name != NULL)
    return g_strdup (card->formatted_name);
  if (card->given_name != NULL && card->family_name != NULL)
    return g_strdup_printf ("%s %s", card->given_name, card->family_name);
  if (card->given_name != NULL || card->family_name != NULL)
    return g_strdup (card->given_name != NULL ? card->given_name : card->family_name);
  if (card->organization != NULL)
    return g_strdup (card->organization);
  if (card->emails != NULL && card->emails->len > 0)
    return g_strdup (((CrmVCardValue *) card->emails->pdata[0])->value);
  return NULL;
}

static void
builder_init (CardBuilder *builder, guint line)
{
  memset (builder, 0, sizeof *builder);
  builder->card = g_new0 (CrmVCard, 1);
  builder->card->line = line;
  builder->card->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) vcard_value_free);
  builder->card->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) vcard_value_free);
  builder->email_groups = g_ptr_array_new_with_free_func (g_free);
  builder->phone_groups = g_ptr_array_new_with_free_func (g_free);
  builder->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
builder_clear (CardBuilder *builder)
{
  g_clear_pointer (&builder->card, crm_vcard_free);
  g_clear_pointer (&builder->email_groups, g_ptr_array_unref);
  g_clear_pointer (&builder->phone_groups, g_ptr_array_unref);
  g_clear_pointer (&builder->labels, g_hash_table_unref);
  g_clear_pointer (&builder->role, g_free);
}

/* Apple's X-ABLabel of a group ("_$!<Mobile>!$_" or a custom label) as a type word. */
static void
apply_labels (CardBuilder *builder, GPtrArray *values, GPtrArray *groups)
{
  for (guint i = 0; i < values->len; i++)
    {
      CrmVCardValue *value = values->pdata[i];
      const char *label = groups->pdata[i] != NULL
                              ? g_hash_table_lookup (builder->labels, groups->pdata[i])
                              : NULL;
      g_autofree char *word = NULL;
      g_auto (GStrv) existing = NULL;

      if (label == NULL)
        continue;
      if (g_str_has_prefix (label, "_$!<") && g_str_has_suffix (label, ">!$_")
          && strlen (label) >= 8)
        word = g_utf8_strdown (label + 4, (gssize) strlen (label) - 8);
      else
        word = g_utf8_strdown (label, -1);
      g_strdelimit (word, ",", ' ');
      g_strstrip (word);
      if (word[0] == '\0')
        continue;
      existing = g_strsplit (value->types != NULL ? value->types : "", ",", -1);
      if (g_strv_contains ((const char *const *) existing, word))
        continue;
      if (value->types == NULL)
        value->types = g_steal_pointer (&word);
      else
        {
          char *joined = g_strconcat (value->types, ",", word, NULL);
          g_free (value->types);
          value->types = joined;
        }
    }
}

static CrmVCard *
builder_finish (CardBuilder *builder, GPtrArray *categories)
{
  CrmVCard *card;

  apply_labels (builder, builder->card->emails, builder->email_groups);
  apply_labels (builder, builder->card->phones, builder->phone_groups);
  if (builder->card->title == NULL)
    builder->card->title = g_steal_pointer (&builder->role);
  if (builder->card->photo == NULL)
    builder->card->photo_was_url = builder->photo_was_url;
  g_ptr_array_add (categories, NULL);
  builder->card->categories = (GStrv) g_ptr_array_free (categories, FALSE);
  card = g_steal_pointer (&builder->card);
  builder_clear (builder);
  return card;
}

static void
take_photo (CardBuilder *builder, const CrmVCardParams *params, const char *value, gsize length)
{
  CrmVCard *card = builder->card;
  GBytes *bytes = NULL;
  const char *mime = params->media_type;
  g_autofree char *data_mime = NULL;

  crm_vcard_trim (&value, &length);
  if (card->photo != NULL || length == 0)
    return;
  if (params->base64)
    bytes = crm_vcard_decode_base64 (value, length);
  else if (length > 5 && g_ascii_strncasecmp (value, "data:", 5) == 0)
    {
      const char *comma = memchr (value, ',', length);
      const char *header = value + 5;
      gsize header_length;
      gboolean is_base64;

      if (comma == NULL)
        return;
      header_length = (gsize) (comma - header);
      is_base64 = header_length >= 7 && g_ascii_strncasecmp (comma - 7, ";base64", 7) == 0;
      if (header_length > 0 && header[0] != ';')
        data_mime = g_ascii_strdown (header, (gssize) strcspn (header, ";,"));
      if (is_base64)
        bytes = crm_vcard_decode_base64 (comma + 1, length - (gsize) (comma + 1 - value));
      else
        {
          g_autofree char *payload = g_strndup (comma + 1, length - (gsize) (comma + 1 - value));
          bytes = g_uri_unescape_bytes (payload, -1, NULL, NULL);
          if (bytes != NULL && g_bytes_get_size (bytes) == 0)
            g_clear_pointer (&bytes, g_bytes_unref);
        }
      if (data_mime != NULL && data_mime[0] != '\0')
        mime = data_mime;
    }
  else
    {
      /* A URL (VALUE=uri, or any other text): never fetched. */
      builder->photo_was_url = TRUE;
      return;
    }
  if (bytes == NULL)
    return;
  card->photo = bytes;
  if (mime != NULL && !crm_vcard_is_media_type (mime))
    mime = NULL;
  if (mime == NULL)
    mime = crm_vcard_sniff_image (bytes);
  card->photo_mime = g_strdup (mime);
}

/* The value as UTF-8 text: quoted-printable or base64 decoded, converted from its charset. */
static char *
decode_text (CrmVCardReader *self, const CrmVCardParams *params, const char *value, gsize length)
{
  const char *charset = self->charset_fixed ? NULL : params->charset;

  if (params->quoted_printable)
    {
      g_autoptr (GByteArray) bytes = crm_vcard_decode_quoted_printable (value, length);
      return crm_vcard_to_utf8 ((const char *) bytes->data, bytes->len, charset);
    }
  if (params->base64)
    {
      g_autoptr (GBytes) bytes = crm_vcard_decode_base64 (value, length);
      gsize size = 0;
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : "";
      return crm_vcard_to_utf8 (data, size, charset);
    }
  return crm_vcard_to_utf8 (value, length, charset);
}

static void
add_value (GPtrArray *values,
           GPtrArray *groups,
           const Property *property,
           CrmVCardParams *params,
           char *text,
           const char *uri_scheme)
{
  g_autofree char *clean = crm_vcard_clean_text (text, strlen (text));
  CrmVCardValue *value;

  if (clean == NULL)
    return;
  if (g_ascii_strncasecmp (clean, uri_scheme, strlen (uri_scheme)) == 0
      && clean[strlen (uri_scheme)] != '\0')
    memmove (clean, clean + strlen (uri_scheme), strlen (clean) - strlen (uri_scheme) + 1);
  value = g_new0 (CrmVCardValue, 1);
  value->value = g_steal_pointer (&clean);
  value->types = crm_vcard_params_join_types (params);
  value->preferred = params->preferred;
  g_ptr_array_add (values, value);
  g_ptr_array_add (groups, property->group != NULL
                               ? g_ascii_strdown (property->group, (gssize) property->group_length)
                               : NULL);
}

static void
take_structured (CrmVCard *card, const char *name, gsize name_length, const char *text)
{
  g_autoptr (GPtrArray) parts = crm_vcard_split_components (text, ';');

  if (crm_vcard_equal_ci (name, name_length, "N"))
    {
      char **fields[] = { &card->family_name, &card->given_name, &card->additional_names,
                          &card->honorific_prefixes, &card->honorific_suffixes };
      /* The first N with any component wins (an empty "N:;;;;" does not count). */
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (*fields[i] != NULL)
          return;
      for (guint i = 0; i < G_N_ELEMENTS (fields) && i < parts->len; i++)
        *fields[i] = g_steal_pointer (&parts->pdata[i]);
    }
  else if (crm_vcard_equal_ci (name, name_length, "ORG"))
    {
      g_autoptr (GString) department = g_string_new (NULL);
      if (card->organization != NULL || card->department != NULL)
        return;
      card->organization = g_steal_pointer (&parts->pdata[0]);
      for (guint i = 1; i < parts->len; i++)
        if (parts->pdata[i] != NULL)
          g_string_append_printf (department, "%s%s", department->len > 0 ? ", " : "",
                                  (char *) parts->pdata[i]);
      if (department->len > 0)
        card->department = g_string_free (g_steal_pointer (&department), FALSE);
    }
  else if (crm_vcard_equal_ci (name, name_length, "ADR"))
    {
      if (card->country == NULL && parts->len > 6)
        card->country = g_steal_pointer (&parts->pdata[6]);
    }
}

static void
take_categories (GPtrArray *categories, const char *text)
{
  g_autoptr (GPtrArray) parts = crm_vcard_split_components (text, ',');

  for (guint i = 0; i < parts->len; i++)
    if (parts->pdata[i] != NULL)
      g_ptr_array_add (categories, g_steal_pointer (&parts->pdata[i]));
}

static void
take_note (CrmVCard *card, char *text)
{
  g_autofree char *note = crm_vcard_clean_text (text, strlen (text));

  if (note == NULL)
    return;
  if (card->note == NULL)
    card->note = g_steal_pointer (&note);
  else
    {
      char *joined = g_strconcat (card->note, "\n\n", note, NULL);
      g_free (card->note);
      card->note = joined;
    }
}

/* Files one property of the card being built. */
static void
take_property (CrmVCardReader *self,
               CardBuilder *builder,
               GPtrArray *categories,
               const Property *property,
               CrmVCardParams *params)
{
  CrmVCard *card = builder->card;
  const char *name = property->name;
  gsize n = property->name_length;
  g_autofree char *text = NULL;

  if (crm_vcard_equal_ci (name, n, "PHOTO"))
    {
      take_photo (builder, params, property->value, property->value_length);
      return;
    }
  text = decode_text (self, params, property->value, property->value_length);
  if (crm_vcard_equal_ci (name, n, "EMAIL"))
    add_value (card->emails, builder->email_groups, property, params, text, "mailto:");
  else if (crm_vcard_equal_ci (name, n, "TEL"))
    add_value (card->phones, builder->phone_groups, property, params, text, "tel:");
  else if (crm_vcard_equal_ci (name, n, "N") || crm_vcard_equal_ci (name, n, "ORG")
           || crm_vcard_equal_ci (name, n, "ADR"))
    take_structured (card, name, n, text);
  else if (crm_vcard_equal_ci (name, n, "CATEGORIES"))
    take_categories (categories, text);
  else if (crm_vcard_equal_ci (name, n, "NOTE"))
    take_note (card, text);
  else if (crm_vcard_equal_ci (name, n, "VERSION"))
    crm_vcard_set_once (&card->version, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "UID"))
    crm_vcard_set_once (&card->uid, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "FN"))
    crm_vcard_set_once (&card->formatted_name, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "TITLE"))
    crm_vcard_set_once (&card->title, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "ROLE"))
    crm_vcard_set_once (&builder->role, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "URL"))
    crm_vcard_set_once (&card->url, crm_vcard_clean_text (text, strlen (text)));
  else if (crm_vcard_equal_ci (name, n, "X-ABLABEL") && property->group != NULL)
    {
      char *label = crm_vcard_clean_text (text, strlen (text));
      if (label != NULL)
        g_hash_table_insert (builder->labels,
                             g_ascii_strdown (property->group, (gssize) property->group_length),
                             label);
    }
}

/* ---- The reader ------------------------------------------------------------------------- */

static gboolean
contains_begin (const char *text, gsize length)
{
  static const char needle[] = "begin:vcard";
  const gsize n = sizeof needle - 1;

  for (gsize i = 0; i + n <= length; i++)
    if ((text[i] == 'b' || text[i] == 'B') && g_ascii_strncasecmp (text + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

CrmVCardReader *
crm_vcard_reader_new (GBytes *bytes, GError **error)
{
  g_autoptr (CrmVCardReader) self = g_new0 (CrmVCardReader, 1);
  gsize size = 0;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      const char *from = data[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
      gsize even = (size - 2) & ~(gsize) 1;
      g_autoptr (GError) local_error = NULL;

      self->text = g_convert ((const char *) data + 2, even, "UTF-8", from, NULL, &self->length,
                              &local_error);
      if (self->text == NULL)
        {
          g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ENCODING,
                       _ ("The file says it is %s but is not: %s"), from, local_error->message);
          return NULL;
        }
      self->charset_fixed = TRUE;
    }
  else
    {
      if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
        {
          data += 3;
          size -= 3;
        }
      /* The bytes need not end in NUL: copy exactly @size and add one. */
      self->text = g_malloc (size + 1);
      memcpy (self->text, data, size);
      self->text[size] = '\0';
      self->length = size;
    }
  if (!contains_begin (self->text, self->length))
    {
      g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE,
                           _ ("This is not a vCard file: it has no BEGIN:VCARD line."));
      return NULL;
    }
  self->line = 1;
  return g_steal_pointer (&self);
}

void
crm_vcard_reader_free (CrmVCardReader *self)
{
  if (self == NULL)
    return;
  g_free (self->text);
  g_free (self);
}

double
crm_vcard_reader_get_fraction (CrmVCardReader *self)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return self->length > 0 ? (double) self->pos / (double) self->length : 1.0;
}

/* Moves past the END:VCARD of the card being read (or to the next BEGIN:VCARD, or the end). */
static void
skip_rest_of_card (CrmVCardReader *self, GString *line)
{
  while (self->pos < self->length)
    {
      gsize start = self->pos;
      guint start_line = self->line;

      read_logical_line (self, line);
      if (is_line_ci (line->str, line->len, "END:VCARD"))
        return;
      if (is_line_ci (line->str, line->len, "BEGIN:VCARD"))
        {
          self->pos = start;
          self->line = start_line;
          return;
        }
    }
}

/* Moves past the END:VCARD of a card inside the card being read (or to the end). */
static void
skip_nested_card (CrmVCardReader *self, GString *line)
{
  while (self->pos < self->length)
    {
      read_logical_line (self, line);
      if (is_line_ci (line->str, line->len, "END:VCARD"))
        return;
    }
}

CrmVCard *
crm_vcard_reader_next (CrmVCardReader *self, GError **error)
{
  g_autoptr (GString) line = g_string_new (NULL);
  CardBuilder builder;
  GPtrArray *categories;
  gboolean after_empty_agent = FALSE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Anything before BEGIN:VCARD is not a card: skipped. */
  for (;;)
    {
      if (self->pos >= self->length)
        return NULL;
      read_logical_line (self, line);
      if (is_line_ci (line->str, line->len, "BEGIN:VCARD"))
        break;
    }

  builder_init (&builder, self->line - 1);
  categories = g_ptr_array_new_with_free_func (g_free);
  while (self->pos < self->length)
    {
      gsize start = self->pos;
      guint start_line = self->line;
      Property property;
      CrmVCardParams params = { 0 };
      gboolean soft_breaks;

      soft_breaks = read_logical_line (self, line);
      if (line->len == 0 || is_line_ci (line->str, line->len, ""))
        continue;
      if (is_line_ci (line->str, line->len, "END:VCARD"))
        return builder_finish (&builder, categories);
      if (is_line_ci (line->str, line->len, "BEGIN:VCARD") && after_empty_agent)
        {
          /* vCard 2.1 writes an AGENT's card on the lines after "AGENT:": not ours, skipped. */
          skip_nested_card (self, line);
          after_empty_agent = FALSE;
          continue;
        }
      if (is_line_ci (line->str, line->len, "BEGIN:VCARD"))
        {
          /* Read this BEGIN again as the next card's. */
          self->pos = start;
          self->line = start_line;
          break;
        }
      after_empty_agent = FALSE;
      if (!split_property (line->str, line->len, &property))
        {
          g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW,
                       _ ("Line %u: this line of the card that starts on line %u has no “:”, so it "
                          "is not a vCard property."),
                       start_line, builder.card->line);
          skip_rest_of_card (self, line);
          g_ptr_array_unref (categories);
          builder_clear (&builder);
          return NULL;
        }
      crm_vcard_parse_params (&params, property.params, property.params_length);
      if (soft_breaks && !params.quoted_printable)
        {
          unfold_soft_breaks (line);
          crm_vcard_params_clear (&params);
          if (!split_property (line->str, line->len, &property))
            continue;
          crm_vcard_parse_params (&params, property.params, property.params_length);
        }
      if (params.quoted_printable || params.base64)
        {
          /* Continuations append to @line: keep the offsets, not the pointers. */
          gsize value_offset = (gsize) (property.value - line->str);
          gsize group_offset = property.group != NULL ? (gsize) (property.group - line->str) : 0;
          gsize name_offset = (gsize) (property.name - line->str);

          read_continuations (self, line, &params);
          property.value = line->str + value_offset;
          property.value_length = line->len - value_offset;
          property.name = line->str + name_offset;
          if (property.group != NULL)
            property.group = line->str + group_offset;
          property.params = NULL;
          property.params_length = 0;
        }
      after_empty_agent = crm_vcard_equal_ci (property.name, property.name_length, "AGENT")
                          && is_line_ci (property.value, property.value_length, "");
      take_property (self, &builder, categories, &property, &params);
      crm_vcard_params_clear (&params);
    }

  g_set_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW,
               _ ("Line %u: the card that starts here has no END:VCARD line."), builder.card->line);
  g_ptr_array_unref (categories);
  builder_clear (&builder);
  return NULL;
}
