/* fuzz-csv-reader.c — libFuzzer target for CrmCsvReader (src/io/crm-csv-reader.c): any bytes
 * give records or an error, never a crash, a leak, a hang or a field that is not UTF-8. */
#include "crm-csv-reader.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCsvReader) reader = NULL;
  const char *const *fields = NULL;
  guint line = 0;
  guint previous_line = 0;
  gsize records = 0;
  char separator;

  fuzz_init_logging ();
  reader = crm_csv_reader_new (bytes, &error);
  if (reader == NULL)
    {
      CHECK (error != NULL && error->domain == CRM_IMPORT_ERROR);
      return 0;
    }
  separator = crm_csv_reader_get_separator (reader);
  CHECK (separator == ',' || separator == ';' || separator == '\t');
  CHECK (crm_csv_reader_get_encoding (reader) != NULL);
  while (crm_csv_reader_next (reader, &fields, &line, &error))
    {
      double fraction = crm_csv_reader_get_fraction (reader);

      /* A record takes at least one byte of the input (BOMs and conversion aside). */
      CHECK (++records <= size + 1);
      CHECK (fields != NULL && line > 0 && line >= previous_line);
      CHECK (fraction >= 0.0 && fraction <= 1.0);
      previous_line = line;
      for (gsize i = 0; fields[i] != NULL; i++)
        CHECK (g_utf8_validate (fields[i], -1, NULL));
    }
  CHECK (error == NULL || error->domain == CRM_IMPORT_ERROR);
  return 0;
}
