/* fuzz-vcard-reader.c — libFuzzer target for CrmVCardReader (src/io/crm-vcard-reader.c): any
 * bytes give cards or errors, never a crash, a leak, a hang or text that is not UTF-8. */
#include "crm-vcard-reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  CHECK (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_values (GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      CrmVCardValue *value = values->pdata[i];
      CHECK (value->value != NULL && value->value[0] != '\0');
      check_text (value->value);
      check_text (value->types);
    }
}

static void
check_card (const CrmVCard *card)
{
  g_autofree char *display = crm_vcard_get_display_name (card);
  const char *texts[] = { card->version,
                          card->uid,
                          card->formatted_name,
                          card->family_name,
                          card->given_name,
                          card->additional_names,
                          card->honorific_prefixes,
                          card->honorific_suffixes,
                          card->organization,
                          card->department,
                          card->title,
                          card->note,
                          card->url,
                          card->country,
                          card->photo_mime,
                          display };

  CHECK (card->line > 0);
  CHECK (card->categories != NULL && card->emails != NULL && card->phones != NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    check_text (texts[i]);
  for (guint i = 0; card->categories[i] != NULL; i++)
    check_text (card->categories[i]);
  check_values (card->emails);
  check_values (card->phones);
  CHECK (card->photo == NULL || g_bytes_get_size (card->photo) > 0);
  CHECK (card->photo == NULL || !card->photo_was_url);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCardReader) reader = NULL;
  /* Each call reads at least one line: more calls than lines would be a loop. */
  gsize calls_left = 2;
  double fraction = 0.0;

  fuzz_init_logging ();
  reader = crm_vcard_reader_new (bytes, &error);
  if (reader == NULL)
    {
      CHECK (error != NULL && error->domain == CRM_IMPORT_ERROR);
      return 0;
    }
  for (gsize i = 0; i < size; i++)
    calls_left += data[i] == '\n';
  for (;;)
    {
      g_autoptr (CrmVCard) card = NULL;

      CHECK (calls_left-- > 0);
      card = crm_vcard_reader_next (reader, &error);
      CHECK (crm_vcard_reader_get_fraction (reader) >= fraction);
      CHECK (crm_vcard_reader_get_fraction (reader) <= 1.0);
      fraction = crm_vcard_reader_get_fraction (reader);
      if (card != NULL)
        check_card (card);
      else if (error == NULL)
        break;
      else
        CHECK (g_error_matches (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW));
      g_clear_error (&error);
    }
  return 0;
}
