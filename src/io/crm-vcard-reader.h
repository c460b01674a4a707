/* crm-vcard-reader.h — CrmVCardReader reads vCard 2.1, 3.0 and 4.0 files (as GNOME Contacts,
 * Evolution, Thunderbird, Google and Apple write them) into CrmVCard structs.
 *
 * Handles line folding (CRLF or LF followed by a space or tab), QUOTED-PRINTABLE values with soft
 * line breaks, CHARSET= parameters (2.1), BOMs, escaped "\,", "\;", "\\" and "\n", grouped
 * properties ("item1.EMAIL"), TYPE parameters in every spelling (TYPE=work,TYPE=WORK;PREF,
 * bare 2.1 "WORK"). PHOTO is decoded when inline (base64 / data: URI) and never fetched when a
 * URL. A card without END:VCARD or with a malformed line is a CRM_IMPORT_ERROR_BAD_ROW naming
 * the line. GLib only. */
#pragma once

#include <gio/gio.h>

#include "crm-import-error.h"

G_BEGIN_DECLS

/* One e-mail address or phone number and its type words, lower case and comma separated
 * ("work", "home,voice", "cell"; NULL when none). */
typedef struct
{
  char *value;
  char *types;
  gboolean preferred;
} CrmVCardValue;

typedef struct
{
  guint line;           /* 1-based line of BEGIN:VCARD */
  char *version;        /* "2.1", "3.0", "4.0" */
  char *uid;            /* UID, or NULL */
  char *formatted_name; /* FN, or NULL */
  char *family_name;    /* N components, each NULL when empty */
  char *given_name;
  char *additional_names;
  char *honorific_prefixes;
  char *honorific_suffixes;
  char *organization;     /* first ORG component */
  char *department;       /* further ORG components joined with ", " */
  char *title;            /* TITLE (or ROLE when no TITLE) */
  char *note;             /* NOTE (several joined with blank lines) */
  char *url;              /* first URL */
  char *country;          /* country of the first ADR that has one */
  GPtrArray *emails;      /* of CrmVCardValue*, in file order */
  GPtrArray *phones;      /* of CrmVCardValue* */
  GStrv categories;       /* CATEGORIES, split, unescaped; empty array when none */
  GBytes *photo;          /* inline PHOTO bytes, or NULL */
  char *photo_mime;       /* "image/jpeg", … or NULL */
  gboolean photo_was_url; /* a PHOTO that pointed elsewhere: not fetched, not kept */
} CrmVCard;

void
crm_vcard_free (CrmVCard *card);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVCard, crm_vcard_free)

/* The name to show for @card: FN, else given + family, else organization, else the first
 * e-mail; NULL when it has none of these. */
char *
crm_vcard_get_display_name (const CrmVCard *card);

typedef struct _CrmVCardReader CrmVCardReader;

/* Takes the whole file's bytes (UTF-8, UTF-8 with BOM, or UTF-16 with BOM; 2.1 cards may name
 * another CHARSET per property). NULL with BAD_FILE when no BEGIN:VCARD is found. */
CrmVCardReader *
crm_vcard_reader_new (GBytes *bytes, GError **error);
void
crm_vcard_reader_free (CrmVCardReader *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmVCardReader, crm_vcard_reader_free)

/* The next card, or NULL at the end (no error) or on a malformed card (error set). */
CrmVCard *
crm_vcard_reader_next (CrmVCardReader *self, GError **error);

double
crm_vcard_reader_get_fraction (CrmVCardReader *self);

G_END_DECLS
