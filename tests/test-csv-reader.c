/* test-csv-reader.c — CrmCsvReader on files in every encoding, separator and line end it
 * reads (tests/data/csv-*.csv), on the malformed records it must refuse with their line, and on
 * arbitrary bytes (it must never crash or read out of bounds). */
#include <string.h>

#include "crm-csv-reader.h"

static GBytes *
load_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static CrmCsvReader *
reader_for_text (const char *text)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;
  CrmCsvReader *reader = crm_csv_reader_new (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  return reader;
}

/* Reads every record as "a|b|c" strings with their lines as "N:". */
static char *
dump (CrmCsvReader *reader, GError **error)
{
  GString *out = g_string_new (NULL);
  const char *const *fields;
  guint line;

  while (crm_csv_reader_next (reader, &fields, &line, error))
    {
      g_autofree char *joined = g_strjoinv ("|", (char **) fields);

      g_string_append_printf (out, "%u:%s\n", line, joined);
    }
  return g_string_free (out, FALSE);
}

/* The sample every encoding file holds: accents, doubled quotes, a quoted separator and a
 * quoted line break. */
static const char *const sample_dump = "1:Name|E-mail|City\n"
                                       "2:Zoë Müller|zoe@example.com|Köln\n"
                                       "3:Jean \"Le Grand\" Dupont|jean@example.fr|Paris, 7e\n"
                                       "4:Ann Lee|ann@example.com|Line one\nline two\n";

typedef struct
{
  const char *file;
  const char *encoding;
  char separator;
} EncodingCase;

static const EncodingCase encoding_cases[] = {
  { "csv-utf8.csv", "UTF-8", ',' },
  { "csv-utf8-bom.csv", "UTF-8", ',' },        /* and CRLF */
  { "csv-utf16le-bom.csv", "UTF-16LE", '\t' }, /* and CRLF */
  { "csv-utf16be.csv", "UTF-16BE", ';' },      /* no BOM: found from the NUL bytes */
  { "csv-cr.csv", "UTF-8", ',' },              /* old Mac line ends */
};

static void
test_encodings (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (encoding_cases); i++)
    {
      g_autoptr (GBytes) bytes = load_data (encoding_cases[i].file);
      g_autoptr (GError) error = NULL;
      g_autoptr (CrmCsvReader) reader = crm_csv_reader_new (bytes, &error);
      g_autofree char *text = NULL;

      g_test_message ("%s", encoding_cases[i].file);
      g_assert_no_error (error);
      g_assert_cmpstr (crm_csv_reader_get_encoding (reader), ==, encoding_cases[i].encoding);
      g_assert_cmpint (crm_csv_reader_get_separator (reader), ==, encoding_cases[i].separator);
      text = dump (reader, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, sample_dump);
      g_assert_cmpfloat (crm_csv_reader_get_fraction (reader), ==, 1.0);
    }
}

static void
test_windows_1252 (void)
{
  g_autoptr (GBytes) bytes = load_data ("csv-windows1252.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCsvReader) reader = crm_csv_reader_new (bytes, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (crm_csv_reader_get_encoding (reader), ==, "WINDOWS-1252");
  g_assert_cmpint (crm_csv_reader_get_separator (reader), ==, ';');
  text = dump (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==,
                   "1:Name|Amount|Note\n2:René Café|1.234,50 €|Crème brûlée\n3:Ana|€ 99|naïve\n");
}

static void
test_separator_sniffing (void)
{
  struct
  {
    const char *text;
    char separator;
  } cases[] = {
    { "a,b,c\n1;2,3\n", ',' },  { "a;b;c\n1,5;2;3\n", ';' }, { "a\tb\tc\n", '\t' },
    { "\"x;y;z\",b\n", ',' },   /* separators inside quotes do not count */
    { "\n\nname;mail\n", ';' }, /* leading blank lines are not the first record */
    { "single\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CrmCsvReader) reader = reader_for_text (cases[i].text);

      g_assert_cmpint (crm_csv_reader_get_separator (reader), ==, cases[i].separator);
    }
}

static void
test_records (void)
{
  struct
  {
    const char *text;
    const char *dump;
  } cases[] = {
    { "", "" },
    { "a,b", "1:a|b\n" },     /* no line end at the end */
    { "a,b,\n", "1:a|b|\n" }, /* trailing separator: empty field */
    { "a,b,", "1:a|b|\n" },
    { "\n\na\n\n\nb\n", "3:a\n6:b\n" },           /* blank lines skipped, lines counted */
    { "a\r\nb\rc\nd", "1:a\n2:b\n3:c\n4:d\n" },   /* CRLF, CR and LF mixed */
    { "\"\"\"\",\"\"\n", "1:\"|\n" },             /* doubled quotes; empty quoted field */
    { "\"a\r\nb\",c\nd\n", "1:a\r\nb|c\n3:d\n" }, /* quoted CRLF is kept and counted */
    { "\"x\"  ,y\n", "1:x|y\n" },                 /* spaces after a closing quote */
    { "ab\"c,d\n", "1:ab\"c|d\n" },               /* a quote inside a plain field */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CrmCsvReader) reader = reader_for_text (cases[i].text);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = dump (reader, &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].dump);
    }
}

static void
test_malformed (void)
{
  struct
  {
    const char *text;
    const char *line;
  } cases[] = {
    { "a,b\n1,2\n\"open,3\n4,5\n", "line 3:" },
    { "a,b\n1,2\n3,\"x\n\ny\n", "line 3:" }, /* the record's first line is named */
    { "a,b\n\"x\"y,2\n", "line 2:" },        /* text after the closing quote */
    { "a\n\n\n\"x\" \"y\"\n", "line 4:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CrmCsvReader) reader = reader_for_text (cases[i].text);
      g_autoptr (GError) error = NULL;
      g_autofree char *text = dump (reader, &error);
      const char *const *fields = NULL;

      g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW);
      g_assert_true (g_str_has_prefix (error->message, cases[i].line));
      /* The reader stops for good. */
      g_clear_error (&error);
      g_assert_false (crm_csv_reader_next (reader, &fields, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
test_bad_encoding (void)
{
  /* Odd-length UTF-16 cannot be converted. */
  static const guint8 odd_utf16[] = { 0xFF, 0xFE, 'a', 0, 'b' };
  g_autoptr (GBytes) bytes = g_bytes_new_static (odd_utf16, sizeof odd_utf16);
  g_autoptr (GError) error = NULL;
  CrmCsvReader *reader = crm_csv_reader_new (bytes, &error);

  g_assert_null (reader);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ENCODING);
}

/* Random and mutated bytes: the reader must only ever return records or an error. */
static void
test_any_bytes (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4180);
  static const char alphabet[]
      = { ',', ';', '\t', '"',         '\r',        '\n',        'a',
          'b', ' ', '\0', (char) 0xC3, (char) 0xA9, (char) 0xFF, (char) 0xFE };

  for (guint round = 0; round < 3000; round++)
    {
      guint length = g_rand_int_range (rand, 0, 200);
      g_autofree char *data = g_malloc (length + 1);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (CrmCsvReader) reader = NULL;
      const char *const *fields;
      guint line, last_line = 0;

      for (guint i = 0; i < length; i++)
        data[i] = round % 2 == 0 ? alphabet[g_rand_int_range (rand, 0, sizeof alphabet)]
                                 : (char) g_rand_int_range (rand, 0, 256);
      bytes = g_bytes_new (data, length);
      reader = crm_csv_reader_new (bytes, &error);
      if (reader == NULL)
        {
          g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ENCODING);
          continue;
        }
      while (crm_csv_reader_next (reader, &fields, &line, &error))
        {
          g_assert_cmpuint (line, >, last_line);
          last_line = line;
          for (guint i = 0; fields[i] != NULL; i++)
            g_assert_true (g_utf8_validate (fields[i], -1, NULL));
        }
      if (error != NULL)
        g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/csv-reader/encodings", test_encodings);
  g_test_add_func ("/csv-reader/windows-1252", test_windows_1252);
  g_test_add_func ("/csv-reader/separator-sniffing", test_separator_sniffing);
  g_test_add_func ("/csv-reader/records", test_records);
  g_test_add_func ("/csv-reader/malformed", test_malformed);
  g_test_add_func ("/csv-reader/bad-encoding", test_bad_encoding);
  g_test_add_func ("/csv-reader/any-bytes", test_any_bytes);
  return g_test_run ();
}
