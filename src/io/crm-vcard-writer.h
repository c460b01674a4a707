/* crm-vcard-writer.h — writes contacts as vCard 4.0 (RFC 6350): BEGIN, VERSION:4.0, FN, N,
 * EMAIL, TEL, ORG, TITLE, NOTE, CATEGORIES, UID, REV, END, text escaped (\\ \, \; \n), lines
 * folded at 75 octets without splitting a UTF-8 sequence, CRLF line ends. GLib only. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One contact. Every member may be NULL (or 0) and is then left out, but FN, which vCard
 * requires, is written (empty) even then. */
typedef struct
{
  const char *uid;            /* a UUID: written as "urn:uuid:…" */
  const char *formatted_name; /* FN */
  const char *family_name;    /* N: family;given;;; */
  const char *given_name;
  const char *email;
  const char *phone; /* TEL;VALUE=text: phone numbers are kept as the user typed them */
  const char *organization;
  const char *title;
  const char *note;
  const char *const *categories; /* NULL-terminated, or NULL */
  gint64 revision;               /* REV, unix seconds; 0: none */
} CrmVCardFields;

/* Appends one BEGIN:VCARD … END:VCARD card to @out. */
void
crm_vcard_write (GString *out, const CrmVCardFields *card);

/* Splits a full name the way an address book shows it: the last word is the family name, the
 * words before it the given names ("Ada Lovelace" → "Lovelace", "Ada"); one word is a given
 * name. New strings (empty ones for missing parts). */
void
crm_vcard_split_name (const char *name, char **family_name, char **given_name);

G_END_DECLS
