/* test-vcard-reader.c — CrmVCardReader on files as GNOME Contacts/Evolution, Google, Apple,
 * Outlook/Thunderbird (2.1) and 4.0 writers make them (tests/data/vcard-*.vcf), on escapes,
 * UTF-16, and on broken cards. */
#include "crm-vcard-reader.h"

#include <string.h>

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

/* Every card of @bytes, asserting that none is malformed and that progress reaches 1. */
static GPtrArray *
read_cards (GBytes *bytes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, &error);
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_vcard_free);
  CrmVCard *card;
  double fraction = 0.0;

  g_assert_no_error (error);
  g_assert_nonnull (reader);
  while ((card = crm_vcard_reader_next (reader, &error)) != NULL)
    {
      g_assert_cmpfloat (crm_vcard_reader_get_fraction (reader), >=, fraction);
      fraction = crm_vcard_reader_get_fraction (reader);
      g_ptr_array_add (cards, card);
    }
  g_assert_no_error (error);
  g_assert_cmpfloat (crm_vcard_reader_get_fraction (reader), ==, 1.0);
  return cards;
}

static GPtrArray *
read_data (const char *name)
{
  g_autoptr (GBytes) bytes = load_data (name);
  return read_cards (bytes);
}

static void
assert_value (
    GPtrArray *values, guint index, const char *value, const char *types, gboolean preferred)
{
  CrmVCardValue *item;

  g_assert_cmpuint (index, <, values->len);
  item = values->pdata[index];
  g_assert_cmpstr (item->value, ==, value);
  g_assert_cmpstr (item->types, ==, types);
  g_assert_cmpint (item->preferred, ==, preferred);
}

static void
assert_categories (CrmVCard *card, const char *const *expected)
{
  g_assert_nonnull (card->categories);
  g_assert_cmpstrv (card->categories, expected);
}

static void
assert_no_photo (CrmVCard *card, gboolean was_url)
{
  g_assert_null (card->photo);
  g_assert_null (card->photo_mime);
  g_assert_cmpint (card->photo_was_url, ==, was_url);
}

/* The 222-byte JPEG-like photo of the Apple and 2.1 files: a JFIF header, bytes 0..199, EOI. */
static void
assert_jpeg_photo (CrmVCard *card)
{
  gsize size = 0;
  const guint8 *data;

  g_assert_nonnull (card->photo);
  data = g_bytes_get_data (card->photo, &size);
  g_assert_cmpuint (size, ==, 222);
  g_assert_cmpmem (data, 10, "\xFF\xD8\xFF\xE0\x00\x10JFIF", 10);
  for (guint i = 0; i < 200; i++)
    g_assert_cmpuint (data[20 + i], ==, i);
  g_assert_cmpuint (data[220], ==, 0xFF);
  g_assert_cmpuint (data[221], ==, 0xD9);
  g_assert_cmpstr (card->photo_mime, ==, "image/jpeg");
  g_assert_false (card->photo_was_url);
}

static void
test_evolution (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-evolution-30.vcf");
  CrmVCard *ada, *charles;
  g_autofree char *display = NULL;

  g_assert_cmpuint (cards->len, ==, 2);
  ada = cards->pdata[0];
  g_assert_cmpuint (ada->line, ==, 1);
  g_assert_cmpstr (ada->version, ==, "3.0");
  g_assert_cmpstr (ada->uid, ==, "pas-id-5F2A9C1B00000001");
  g_assert_cmpstr (ada->formatted_name, ==, "Ada Lovelace");
  g_assert_cmpstr (ada->family_name, ==, "Lovelace");
  g_assert_cmpstr (ada->given_name, ==, "Ada");
  g_assert_cmpstr (ada->additional_names, ==, "Augusta");
  g_assert_cmpstr (ada->honorific_prefixes, ==, "Countess");
  g_assert_null (ada->honorific_suffixes);
  g_assert_cmpstr (ada->organization, ==, "Analytical Engines Ltd");
  g_assert_cmpstr (ada->department, ==, "Research, Difference Division");
  g_assert_cmpstr (ada->title, ==, "Principal Mathematician");
  g_assert_cmpstr (ada->url, ==, "https://analytical.example/ada");
  g_assert_cmpstr (ada->country, ==, "United Kingdom");
  g_assert_cmpstr (ada->note, ==,
                   "Wrote the first published algorithm intended for a machine. This note is "
                   "folded by Evolution at seventy-five octets, and it goes on for a while.\n"
                   "Second line.");
  g_assert_cmpuint (ada->emails->len, ==, 2);
  assert_value (ada->emails, 0, "ada@analytical.example", "work", FALSE);
  /* Folded in the middle of the address. */
  assert_value (ada->emails, 1, "ada.lovelace.personal.mailbox.with.a.long.name@home.example",
                "home", FALSE);
  g_assert_cmpuint (ada->phones->len, ==, 2);
  assert_value (ada->phones, 0, "+44 20 7946 0018", "work,voice", FALSE);
  assert_value (ada->phones, 1, "+44 7700 900123", "cell", FALSE);
  assert_categories (ada, (const char *const[]){ "Mathematicians", "VIP", NULL });
  assert_no_photo (ada, FALSE);
  display = crm_vcard_get_display_name (ada);
  g_assert_cmpstr (display, ==, "Ada Lovelace");

  charles = cards->pdata[1];
  g_assert_cmpuint (charles->line, ==, 22);
  g_assert_cmpstr (charles->formatted_name, ==, "Charles Babbage");
  g_assert_cmpstr (charles->family_name, ==, "Babbage");
  g_assert_cmpstr (charles->given_name, ==, "Charles");
  g_assert_null (charles->additional_names);
  g_assert_null (charles->organization);
  g_assert_null (charles->department);
  g_assert_null (charles->title);
  g_assert_null (charles->note);
  g_assert_null (charles->country);
  g_assert_cmpuint (charles->emails->len, ==, 1);
  /* "internet" says nothing: dropped. */
  assert_value (charles->emails, 0, "charles@analytical.example", NULL, FALSE);
  g_assert_cmpuint (charles->phones->len, ==, 0);
  assert_categories (charles, (const char *const[]){ NULL });
}

static void
test_google (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-google-30.vcf");
  CrmVCard *grace, *company;
  g_autofree char *display = NULL;

  g_assert_cmpuint (cards->len, ==, 2);
  grace = cards->pdata[0];
  g_assert_cmpstr (grace->formatted_name, ==, "Grace Hopper");
  g_assert_cmpstr (grace->family_name, ==, "Hopper");
  g_assert_cmpstr (grace->given_name, ==, "Grace");
  g_assert_cmpstr (grace->additional_names, ==, "Brewster Murray");
  g_assert_cmpstr (grace->honorific_prefixes, ==, "Rear Admiral");
  g_assert_cmpstr (grace->organization, ==, "US Navy");
  g_assert_null (grace->department);
  g_assert_cmpstr (grace->title, ==, "Computer Scientist");
  g_assert_cmpstr (grace->country, ==, "United States of America");
  g_assert_cmpuint (grace->emails->len, ==, 3);
  assert_value (grace->emails, 0, "grace@home.example", "home", FALSE);
  assert_value (grace->emails, 1, "grace.hopper@navy.example", "work", FALSE);
  /* A grouped e-mail takes its X-ABLabel as a type. */
  assert_value (grace->emails, 2, "cobol@committee.example", "standards", FALSE);
  g_assert_cmpuint (grace->phones->len, ==, 5);
  assert_value (grace->phones, 0, "+1 202-555-0143", "cell", FALSE);
  assert_value (grace->phones, 1, "+1 202-555-0188", "work", FALSE);
  assert_value (grace->phones, 2, "+1 202-555-0199", "home", FALSE);
  assert_value (grace->phones, 3, "+1 202-555-0100", "work,fax", FALSE);
  assert_value (grace->phones, 4, "+1 202-555-0111", "pager", FALSE);
  assert_categories (grace, (const char *const[]){ "myContacts", "Pioneers", NULL });

  /* An empty FN and N: the organization names the card. */
  company = cards->pdata[1];
  g_assert_null (company->formatted_name);
  g_assert_null (company->family_name);
  g_assert_null (company->given_name);
  g_assert_cmpstr (company->organization, ==, "Lonely Company Inc.");
  display = crm_vcard_get_display_name (company);
  g_assert_cmpstr (display, ==, "Lonely Company Inc.");
  assert_value (company->phones, 0, "+1 202-555-0177", "cell", FALSE);
}

static void
test_apple (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-apple-30.vcf");
  CrmVCard *johnny;

  g_assert_cmpuint (cards->len, ==, 1);
  johnny = cards->pdata[0];
  g_assert_cmpstr (johnny->version, ==, "3.0");
  g_assert_null (johnny->uid);
  g_assert_cmpstr (johnny->formatted_name, ==, "Johnny Appleseed");
  g_assert_cmpstr (johnny->family_name, ==, "Appleseed");
  g_assert_cmpstr (johnny->given_name, ==, "Johnny");
  g_assert_cmpstr (johnny->organization, ==, "Orchards Inc.");
  g_assert_null (johnny->department);
  g_assert_cmpstr (johnny->title, ==, "Grower");
  g_assert_cmpstr (johnny->country, ==, "United States");
  g_assert_cmpuint (johnny->emails->len, ==, 2);
  assert_value (johnny->emails, 0, "johnny@orchard.example", "home", TRUE);
  assert_value (johnny->emails, 1, "j.appleseed@orchards.example", "work", FALSE);
  g_assert_cmpuint (johnny->phones->len, ==, 4);
  assert_value (johnny->phones, 0, "(555) 010-2030", "cell,voice", TRUE);
  assert_value (johnny->phones, 1, "(555) 010-2031", "iphone,cell,voice", FALSE);
  /* Apple's own labels lose their "_$!<…>!$_" wrapping; custom ones stay as written. */
  assert_value (johnny->phones, 2, "(555) 010-2032", "other", FALSE);
  assert_value (johnny->phones, 3, "(555) 010-2033", "assistant", FALSE);
  assert_categories (johnny, (const char *const[]){ NULL });
  assert_jpeg_photo (johnny);
}

static void
test_outlook_21 (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-outlook-21.vcf");
  CrmVCard *juergen, *zoe;

  g_assert_cmpuint (cards->len, ==, 2);
  juergen = cards->pdata[0];
  g_assert_cmpstr (juergen->version, ==, "2.1");
  /* Quoted-printable in ISO-8859-1. */
  g_assert_cmpstr (juergen->family_name, ==, "Müller");
  g_assert_cmpstr (juergen->given_name, ==, "Jürgen");
  g_assert_null (juergen->additional_names);
  g_assert_cmpstr (juergen->honorific_prefixes, ==, "Dr.");
  /* Raw ISO-8859-1 bytes with CHARSET=. */
  g_assert_cmpstr (juergen->formatted_name, ==, "Jürgen Müller");
  g_assert_cmpstr (juergen->organization, ==, "Großhandel Müller GmbH");
  g_assert_cmpstr (juergen->department, ==, "Vertrieb");
  /* Quoted-printable UTF-8. */
  g_assert_cmpstr (juergen->title, ==, "Geschäftsführer");
  /* Soft line breaks, one of them before a line that starts with a blank. */
  g_assert_cmpstr (juergen->note, ==,
                   "Erste Zeile\nZweite Zeile mit Überlänge, die weit über das Zeilenende hinaus "
                   "geht.");
  g_assert_cmpstr (juergen->country, ==, "Deutschland");
  g_assert_cmpstr (juergen->url, ==, "http://www.grosshandel.example");
  /* 2.1 bare parameters. */
  g_assert_cmpuint (juergen->phones->len, ==, 3);
  assert_value (juergen->phones, 0, "+49 30 1234567", "work,voice", FALSE);
  assert_value (juergen->phones, 1, "+49 170 7654321", "cell", TRUE);
  assert_value (juergen->phones, 2, "+49 30 7654321", "home,fax", FALSE);
  g_assert_cmpuint (juergen->emails->len, ==, 2);
  assert_value (juergen->emails, 0, "juergen@grosshandel.example", NULL, TRUE);
  assert_value (juergen->emails, 1, "j.mueller@privat.example", NULL, FALSE);
  /* Base64 on indented lines of its own, ended by a blank line. */
  assert_jpeg_photo (juergen);

  zoe = cards->pdata[1];
  g_assert_cmpuint (zoe->line, ==, 27);
  /* No CHARSET and not UTF-8: Windows-1252 (š is 0x9A, € is 0x80 there). */
  g_assert_cmpstr (zoe->family_name, ==, "Bšrensen");
  g_assert_cmpstr (zoe->given_name, ==, "Zoë");
  g_assert_cmpstr (zoe->formatted_name, ==, "Zoë Bšrensen €");
  /* A bare QUOTED-PRINTABLE, a fold right after a soft break keeps its blank. */
  g_assert_cmpstr (zoe->note, ==, "Café au lait €5");
  assert_value (zoe->phones, 0, "555-0100", "work", TRUE);
  assert_no_photo (zoe, TRUE);
}

static void
test_vcard_40 (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-40.vcf");
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  CrmVCard *katherine, *mary;
  gsize size = 0;
  const guint8 *data;

  g_assert_cmpuint (cards->len, ==, 2);
  katherine = cards->pdata[0];
  g_assert_cmpstr (katherine->version, ==, "4.0");
  g_assert_cmpstr (katherine->uid, ==, "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
  /* Lower-case and mixed-case property names. */
  g_assert_cmpstr (katherine->formatted_name, ==, "Katherine Johnson");
  g_assert_cmpstr (katherine->family_name, ==, "Johnson");
  g_assert_cmpstr (katherine->given_name, ==, "Katherine");
  g_assert_cmpstr (katherine->additional_names, ==, "Coleman");
  g_assert_cmpstr (katherine->organization, ==, "NASA");
  g_assert_cmpstr (katherine->department, ==, "Langley Research Center, Flight Research Division");
  /* ROLE stands in for a missing TITLE. */
  g_assert_cmpstr (katherine->title, ==, "Mathematician");
  /* A quoted LABEL parameter holding ':' does not end the property name. */
  g_assert_cmpstr (katherine->country, ==, "USA");
  g_assert_cmpuint (katherine->emails->len, ==, 2);
  assert_value (katherine->emails, 0, "katherine@nasa.example", "work", TRUE);
  assert_value (katherine->emails, 1, "kj@home.example", "home", FALSE);
  g_assert_cmpuint (katherine->phones->len, ==, 2);
  /* tel: URIs lose their scheme; TYPE="voice,cell" is two words. */
  assert_value (katherine->phones, 0, "+1-757-555-0101", "voice,cell", TRUE);
  assert_value (katherine->phones, 1, "+1-757-555-0102", "work", FALSE);
  /* Two CATEGORIES properties. */
  assert_categories (katherine,
                     (const char *const[]){ "Space", "Mathematics", "Hidden Figures", NULL });
  g_assert_nonnull (katherine->photo);
  data = g_bytes_get_data (katherine->photo, &size);
  g_assert_cmpuint (size, ==, 69);
  g_assert_cmpmem (data, sizeof png, png, sizeof png);
  g_assert_cmpstr (katherine->photo_mime, ==, "image/png");
  g_assert_false (katherine->photo_was_url);

  mary = cards->pdata[1];
  g_assert_cmpstr (mary->formatted_name, ==, "Mary Jackson");
  assert_value (mary->emails, 0, "mary@nasa.example", NULL, FALSE);
  /* A URL photo is never fetched. */
  assert_no_photo (mary, TRUE);
}

static void
test_escapes (void)
{
  g_autoptr (GPtrArray) cards = read_data ("vcard-escapes.vcf");
  CrmVCard *pat;

  g_assert_cmpuint (cards->len, ==, 1);
  pat = cards->pdata[0];
  g_assert_cmpstr (pat->formatted_name, ==, "O'Brien, Pat");
  g_assert_cmpstr (pat->family_name, ==, "O'Brien;Smith");
  g_assert_cmpstr (pat->given_name, ==, "Pat");
  g_assert_cmpstr (pat->organization, ==, "Smith; Sons, Ltd");
  g_assert_cmpstr (pat->department, ==, "Sales, North, Export");
  /* Escapes the standard does not know stay as written. */
  g_assert_cmpstr (pat->title, ==, "Head of \\\"Things\\\"");
  g_assert_cmpstr (pat->note, ==,
                   "Line one\nLine two\nLine three\\ with a backslash, comma; semicolon and "
                   "C:\\Users");
  assert_categories (pat, (const char *const[]){ "Friends, family", "Work", "Golf\\Club", NULL });
  assert_value (pat->emails, 0, "pat@example.com", NULL, FALSE);
  /* A 3.0 fold right after "=" is an ordinary fold when the value is not quoted-printable. */
  g_assert_cmpstr (pat->url, ==, "https://example.com/?a=b");
}

static void
assert_soren (GPtrArray *cards)
{
  CrmVCard *soren;

  g_assert_cmpuint (cards->len, ==, 1);
  soren = cards->pdata[0];
  g_assert_cmpstr (soren->formatted_name, ==, "Søren Kierkegaard");
  g_assert_cmpstr (soren->family_name, ==, "Kierkegaard");
  g_assert_cmpstr (soren->given_name, ==, "Søren");
  g_assert_cmpstr (soren->additional_names, ==, "Aabye");
  g_assert_cmpstr (soren->organization, ==, "Københavns Universitet");
  assert_value (soren->emails, 0, "søren@ku.example", "work", FALSE);
  g_assert_cmpstr (soren->note, ==, "Ærø — 日本語 😀");
}

static void
test_utf16 (void)
{
  g_autoptr (GBytes) little = load_data ("vcard-utf16le.vcf");
  g_autoptr (GPtrArray) cards = read_cards (little);
  g_autoptr (GPtrArray) big_cards = NULL;
  g_autoptr (GBytes) big = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (little, &size);
  guint8 *swapped = g_malloc (size);

  assert_soren (cards);

  /* The same text in UTF-16BE. */
  for (gsize i = 0; i + 1 < size; i += 2)
    {
      swapped[i] = data[i + 1];
      swapped[i + 1] = data[i];
    }
  big = g_bytes_new_take (swapped, size);
  big_cards = read_cards (big);
  assert_soren (big_cards);
}

static void
test_utf8_bom (void)
{
  static const char text[] = "\xEF\xBB\xBF"
                             "BEGIN:VCARD\nVERSION:3.0\nFN:Bom Bearer\nEND:VCARD\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GPtrArray) cards = read_cards (bytes);

  g_assert_cmpuint (cards->len, ==, 1);
  g_assert_cmpstr (((CrmVCard *) cards->pdata[0])->formatted_name, ==, "Bom Bearer");
}

static void
expect_card (CrmVCardReader *reader, const char *name, guint line)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCard) card = crm_vcard_reader_next (reader, &error);

  g_assert_no_error (error);
  g_assert_nonnull (card);
  g_assert_cmpstr (card->formatted_name, ==, name);
  g_assert_cmpuint (card->line, ==, line);
}

static void
expect_bad_row (CrmVCardReader *reader, const char *line_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCard) card = crm_vcard_reader_next (reader, &error);

  g_assert_null (card);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, line_text));
}

static void
test_broken (void)
{
  g_autoptr (GBytes) bytes = load_data ("vcard-broken.vcf");
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, &error);

  g_assert_no_error (error);
  expect_card (reader, "Alice Good", 1);
  /* A line without ':' names itself; the reader goes on after the card's END:VCARD. */
  expect_bad_row (reader, "Line 9:");
  expect_card (reader, "Carol Good", 12);
  /* A card cut short by the next BEGIN:VCARD names its own first line. */
  expect_bad_row (reader, "Line 16:");
  expect_card (reader, "Erin Good", 19);
  /* And one cut short by the end of the file. */
  expect_bad_row (reader, "Line 23:");
  g_assert_null (crm_vcard_reader_next (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (crm_vcard_reader_get_fraction (reader), ==, 1.0);
}

static void
test_not_vcard (void)
{
  static const char *const texts[]
      = { "", "Name,Email\nAda,ada@example.com\n", "BEGIN:VCALENDAR\nEND:VCALENDAR\n" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, &error);

      g_assert_null (reader);
      g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE);
    }
}

static void
test_bad_utf16 (void)
{
  /* A BOM then a lone high surrogate. */
  static const char text[] = "\xFF\xFE"
                             "B\0E\0\x00\xD8G\0";
  g_autoptr (GBytes) bytes = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, &error);

  g_assert_null (reader);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_ENCODING);
}

static void
test_display_name (void)
{
  static const struct
  {
    const char *text;
    const char *name;
  } cases[] = {
    { "FN:Full Name\nN:Family;Given\nORG:Org\nEMAIL:a@b.example\n", "Full Name" },
    { "N:Family;Given\nORG:Org\nEMAIL:a@b.example\n", "Given Family" },
    { "N:Family\nEMAIL:a@b.example\n", "Family" },
    { "N:;Given\n", "Given" },
    { "ORG:Org;Dept\nEMAIL:a@b.example\n", "Org" },
    { "EMAIL:a@b.example\nEMAIL:c@d.example\n", "a@b.example" },
    { "TEL:555\nNOTE:nothing to name it\n", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text
          = g_strdup_printf ("BEGIN:VCARD\nVERSION:3.0\n%sEND:VCARD\n", cases[i].text);
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_strdup (text), strlen (text));
      g_autoptr (GPtrArray) cards = read_cards (bytes);
      g_autofree char *name = NULL;

      g_assert_cmpuint (cards->len, ==, 1);
      name = crm_vcard_get_display_name (cards->pdata[0]);
      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* Hostile odds and ends that must neither crash nor hang: each gives cards or errors. */
static void
test_odd_input (void)
{
  static const char *const texts[] = {
    "BEGIN:VCARD",
    "BEGIN:VCARD\n",
    "BEGIN:VCARD\nEND:VCARD",
    "begin:vcard\r\nfn:a\r\nend:vcard",
    "BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:=\n",
    "BEGIN:VCARD\nNOTE;QUOTED-PRINTABLE:abc=\nEND:VCARD\n",
    "BEGIN:VCARD\nPHOTO;ENCODING=b:\nEND:VCARD\n",
    "BEGIN:VCARD\nPHOTO:data:\nEND:VCARD\n",
    "BEGIN:VCARD\nPHOTO:data:,\nEND:VCARD\n",
    "BEGIN:VCARD\nPHOTO:data:;base64,====\nEND:VCARD\n",
    "BEGIN:VCARD\nPHOTO:data:image/gif,GIF89a%00\nEND:VCARD\n",
    "BEGIN:VCARD\nEMAIL;TYPE=\"unclosed:x@y\nEND:VCARD\n",
    "BEGIN:VCARD\nN;CHARSET=NO-SUCH-CHARSET:\xff\xfe\nEND:VCARD\n",
    "BEGIN:VCARD\nN;CHARSET=UTF-8//TRANSLIT:x\nEND:VCARD\n",
    "BEGIN:VCARD\n:\n;:\n.:\nitem1.:\nEND:VCARD\n",
    "BEGIN:VCARD\n \n\t\nEND:VCARD\n",
    "\n\n\nBEGIN:VCARD\nFN:x\\\nEND:VCARD\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (CrmVCardReader) reader = crm_vcard_reader_new (bytes, &error);
      guint rounds = 0;

      g_assert_no_error (error);
      for (;;)
        {
          g_autoptr (CrmVCard) card = crm_vcard_reader_next (reader, &error);
          g_assert_cmpuint (++rounds, <, 10);
          if (card == NULL && error == NULL)
            break;
          g_clear_error (&error);
        }
    }
}

static CrmVCard *
read_one (const char *properties)
{
  g_autofree char *text
      = g_strdup_printf ("BEGIN:VCARD\r\nVERSION:3.0\r\n%sEND:VCARD\r\n", properties);
  gsize length = strlen (text);
  /* Exactly the bytes, no NUL after them (the reader must not read past them). */
  g_autoptr (GBytes) bytes = g_bytes_new_take (g_memdup2 (text, length), length);
  g_autoptr (GPtrArray) cards = read_cards (bytes);

  g_assert_cmpuint (cards->len, ==, 1);
  return g_ptr_array_steal_index (cards, 0);
}

/* A 2.1 AGENT's card, written inline after "AGENT:", is skipped; the card around it goes on. */
static void
test_agent_21 (void)
{
  g_autoptr (CrmVCard) card
      = read_one ("FN:Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Assistant\r\n"
                  "TEL:555-0199\r\nEND:VCARD\r\nTEL;WORK:555-0100\r\n");

  g_assert_cmpstr (card->formatted_name, ==, "Boss");
  g_assert_cmpuint (card->phones->len, ==, 1);
  assert_value (card->phones, 0, "555-0100", "work", FALSE);
}

/* What fuzz-vcard-reader found, kept as behaviour. */
static void
test_fuzz_findings (void)
{
  g_autoptr (CrmVCard) names = read_one ("N:;;;;\r\nN:Family;Given;Extra\r\n");
  g_autoptr (CrmVCard) mime = read_one ("PHOTO:data:imag\x87/png;base64,iVBORw0KGgo=\r\n");
  g_autoptr (CrmVCard) short_photo = read_one ("PHOTO;ENCODING=b:A\r\n");
  g_autoptr (CrmVCard) empty_note = read_one ("NOTE;QUOTED-PRINTABLE:\r\nTITLE;ENCODING=b:\r\n");

  /* A second N after an empty one: taken, nothing leaked. */
  g_assert_cmpstr (names->family_name, ==, "Family");
  g_assert_cmpstr (names->given_name, ==, "Given");
  g_assert_cmpstr (names->additional_names, ==, "Extra");
  /* A media type that is not one (here not even UTF-8) gives way to the bytes' own. */
  g_assert_nonnull (mime->photo);
  g_assert_cmpuint (g_bytes_get_size (mime->photo), ==, 8);
  g_assert_cmpstr (mime->photo_mime, ==, "image/png");
  /* One base64 character decodes to nothing. */
  assert_no_photo (short_photo, FALSE);
  /* Empty encoded values. */
  g_assert_null (empty_note->note);
  g_assert_null (empty_note->title);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vcard/evolution-30", test_evolution);
  g_test_add_func ("/vcard/google-30", test_google);
  g_test_add_func ("/vcard/apple-30", test_apple);
  g_test_add_func ("/vcard/outlook-21", test_outlook_21);
  g_test_add_func ("/vcard/vcard-40", test_vcard_40);
  g_test_add_func ("/vcard/escapes", test_escapes);
  g_test_add_func ("/vcard/utf16", test_utf16);
  g_test_add_func ("/vcard/utf8-bom", test_utf8_bom);
  g_test_add_func ("/vcard/broken", test_broken);
  g_test_add_func ("/vcard/not-vcard", test_not_vcard);
  g_test_add_func ("/vcard/bad-utf16", test_bad_utf16);
  g_test_add_func ("/vcard/display-name", test_display_name);
  g_test_add_func ("/vcard/odd-input", test_odd_input);
  g_test_add_func ("/vcard/agent-21", test_agent_21);
  g_test_add_func ("/vcard/fuzz-findings", test_fuzz_findings);
  return g_test_run ();
}
