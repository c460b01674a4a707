/* crm-vcard-private.h — the value and parameter decoding of the vCard reader
 * (crm-vcard-parse.c), shared with crm-vcard-reader.c. Not for use outside src/io. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the parameters of one property say. */
typedef struct
{
  GPtrArray *types; /* lower-case words, without "pref" and "internet" */
  gboolean preferred;
  gboolean quoted_printable;
  gboolean base64;
  char *charset;
  char *media_type; /* MEDIATYPE=, or a TYPE that names an image format */
} CrmVCardParams;

gboolean
crm_vcard_equal_ci (const char *text, gsize length, const char *word);
void
crm_vcard_trim (const char **text, gsize *length);
gboolean
crm_vcard_is_base64_char (char c);
/* Bytes in @charset (or UTF-8, or Windows-1252 when they are not UTF-8) to UTF-8; never fails. */
char *
crm_vcard_to_utf8 (const char *bytes, gsize length, const char *charset);
GByteArray *
crm_vcard_decode_quoted_printable (const char *text, gsize length);
/* Trimmed and unescaped, or NULL when that is empty. */
char *
crm_vcard_clean_text (const char *text, gsize length);
/* Split on unescaped @separator, each part cleaned (NULL entries when empty). */
GPtrArray *
crm_vcard_split_components (const char *text, char separator);
/* Stores @value in @field when that is still NULL, frees it otherwise. */
void
crm_vcard_set_once (char **field, char *value);
void
crm_vcard_parse_params (CrmVCardParams *params, const char *text, gsize length);
void
crm_vcard_params_clear (CrmVCardParams *params);
/* The type words joined with ",", or NULL when there are none. */
char *
crm_vcard_params_join_types (CrmVCardParams *params);
/* The bytes of base64 text (blanks and other stray characters skipped), or NULL when none. */
GBytes *
crm_vcard_decode_base64 (const char *text, gsize length);
/* "image/jpeg", "image/png" or "image/gif" from the first bytes, or NULL. */
const char *
crm_vcard_sniff_image (GBytes *bytes);
/* Whether @text looks like "type/subtype" in the characters media types allow. */
gboolean
crm_vcard_is_media_type (const char *text);

G_END_DECLS
