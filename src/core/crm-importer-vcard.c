/* crm-importer-vcard.c — a vCard file as the importer's rows: one row per card, in fixed columns
 * (Name, First name, Last name, E-mail, Other e-mails, Phone, Other phones, Organization, Title,
 * Note, Categories, Country, Website) already mapped to their fields, so a vCard import runs
 * the same analysis, duplicate rules and write as a CSV one.
 *
 * Photos are not kept: a card's inline PHOTO (or a PHOTO that points elsewhere, never fetched)
 * is counted in the summary's n_photos_dropped and dropped. */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-importer-private.h"
#include "crm-vcard-reader.h"

enum
{
  COLUMN_NAME,
  COLUMN_FIRST_NAME,
  COLUMN_LAST_NAME,
  COLUMN_EMAIL,
  COLUMN_OTHER_EMAILS,
  COLUMN_PHONE,
  COLUMN_OTHER_PHONES,
  COLUMN_ORGANIZATION,
  COLUMN_TITLE,
  COLUMN_NOTE,
  COLUMN_CATEGORIES,
  COLUMN_COUNTRY,
  COLUMN_WEBSITE,
  N_COLUMNS
};

static const struct
{
  const char *name;
  CrmImportField field;
} columns[N_COLUMNS] = {
  [COLUMN_NAME] = { N_ ("Name"), CRM_IMPORT_FIELD_NAME },
  [COLUMN_FIRST_NAME] = { N_ ("First name"), CRM_IMPORT_FIELD_FIRST_NAME },
  [COLUMN_LAST_NAME] = { N_ ("Last name"), CRM_IMPORT_FIELD_LAST_NAME },
  [COLUMN_EMAIL] = { N_ ("E-mail"), CRM_IMPORT_FIELD_EMAIL },
  [COLUMN_OTHER_EMAILS] = { N_ ("Other e-mails"), CRM_IMPORT_FIELD_EMAIL },
  [COLUMN_PHONE] = { N_ ("Phone"), CRM_IMPORT_FIELD_PHONE },
  [COLUMN_OTHER_PHONES] = { N_ ("Other phones"), CRM_IMPORT_FIELD_PHONE },
  [COLUMN_ORGANIZATION] = { N_ ("Organization"), CRM_IMPORT_FIELD_COMPANY },
  [COLUMN_TITLE] = { N_ ("Title"), CRM_IMPORT_FIELD_JOB_TITLE },
  [COLUMN_NOTE] = { N_ ("Note"), CRM_IMPORT_FIELD_NOTES },
  [COLUMN_CATEGORIES] = { N_ ("Categories"), CRM_IMPORT_FIELD_TAGS },
  [COLUMN_COUNTRY] = { N_ ("Country"), CRM_IMPORT_FIELD_COUNTRY },
  [COLUMN_WEBSITE] = { N_ ("Website"), CRM_IMPORT_FIELD_WEBSITE },
};

/* The preferred value first, then the others in file order. */
static guint
first_value_index (GPtrArray *values)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    if (((CrmVCardValue *) values->pdata[i])->preferred)
      return i;
  return 0;
}

/* Every value but the first, as "value (type)" entries joined by " ::: " (the importer's
 * separator of several values in one cell; it reads the type back for the notes line). */
static char *
other_values (GPtrArray *values, guint first)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      const CrmVCardValue *value = values->pdata[i];

      if (i == first || value->value == NULL || *value->value == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " ::: ");
      g_string_append (text, value->value);
      if (value->types != NULL && *value->types != '\0')
        {
          /* The e-mail cell splits at commas: "home,voice" is written "home/voice". */
          g_autofree char *types = g_strdelimit (g_strdup (value->types), ",;", '/');

          g_string_append_printf (text, " (%s)", types);
        }
    }
  return g_string_free (text, FALSE);
}

static const char *
first_value (GPtrArray *values, guint first)
{
  if (values == NULL || first >= values->len)
    return "";
  return ((CrmVCardValue *) values->pdata[first])->value;
}

static char *
note_of (const CrmVCard *card)
{
  if (card->department == NULL || *card->department == '\0')
    return g_strdup (card->note != NULL ? card->note : "");
  /* The department has no field of its own: a line of the notes. */
  return g_strdup_printf ("%s%s%s: %s", card->note != NULL ? card->note : "",
                          card->note != NULL ? "\n" : "", _ ("Department"), card->department);
}

static void
append_card (CrmImporter *self, const CrmVCard *card)
{
  guint first_email = first_value_index (card->emails);
  guint first_phone = first_value_index (card->phones);
  g_autofree char *name = crm_vcard_get_display_name (card);
  g_autofree char *emails = other_values (card->emails, first_email);
  g_autofree char *phones = other_values (card->phones, first_phone);
  g_autofree char *note = note_of (card);
  g_autofree char *categories = NULL;
  const char *cells[N_COLUMNS];

  /* Categories may hold commas of their own: one tag per line. */
  categories = card->categories != NULL ? g_strjoinv ("\n", card->categories) : g_strdup ("");
  cells[COLUMN_NAME] = name != NULL ? name : "";
  cells[COLUMN_FIRST_NAME] = card->given_name != NULL ? card->given_name : "";
  cells[COLUMN_LAST_NAME] = card->family_name != NULL ? card->family_name : "";
  cells[COLUMN_EMAIL] = first_value (card->emails, first_email);
  cells[COLUMN_OTHER_EMAILS] = emails;
  cells[COLUMN_PHONE] = first_value (card->phones, first_phone);
  cells[COLUMN_OTHER_PHONES] = phones;
  cells[COLUMN_ORGANIZATION] = card->organization != NULL ? card->organization : "";
  cells[COLUMN_TITLE] = card->title != NULL ? card->title : "";
  cells[COLUMN_NOTE] = note;
  cells[COLUMN_CATEGORIES] = categories;
  cells[COLUMN_COUNTRY] = card->country != NULL ? card->country : "";
  cells[COLUMN_WEBSITE] = card->url != NULL ? card->url : "";
  for (guint i = 0; i < N_COLUMNS; i++)
    if (cells[i] == NULL)
      cells[i] = "";
  crm_importer_append_row (self, card->line, cells, N_COLUMNS);

  if (card->photo != NULL || card->photo_was_url)
    self->n_photos_dropped++;
}

gboolean
crm_importer_load_vcard (CrmImporter *self, GBytes *bytes, GError **error)
{
  g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, error);
  GError *local_error = NULL;
  CrmVCard *card;

  if (reader == NULL)
    return FALSE;
  for (guint i = 0; i < N_COLUMNS; i++)
    g_ptr_array_add (self->column_names, g_strdup (_ (columns[i].name)));
  while ((card = crm_vcard_reader_next (reader, &local_error)) != NULL)
    {
      append_card (self, card);
      crm_vcard_free (card);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (self->rows->len == 0)
    {
      g_set_error_literal (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE,
                           _ ("The file holds no contact cards"));
      return FALSE;
    }
  return TRUE;
}

/* The field of each vCard column: fixed, whatever the header spellings say. */
CrmImportField
crm_importer_vcard_column_field (guint column)
{
  g_return_val_if_fail (column < N_COLUMNS, CRM_IMPORT_FIELD_IGNORE);
  return columns[column].field;
}
