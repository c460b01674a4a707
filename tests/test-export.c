/* test-export.c — export of the user's data (the writers themselves: test-export-formats.c):
 * CrmExporter over a real database — every CSV field with the names of linked rows, the file
 * replaced whole or not at all (a failed or cancelled export leaves no file and no temporary
 * one), progress, the worker thread and the copy of the whole database. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBICAL
#include <libical/ical.h>
#endif

#include "crm-content-line.h"
#include "crm-exporter.h"
#include "crm-importer.h"
#include "crm-test-csv.h"
#include "crm-test-util.h"

#define WHEN ((gint64) 1796000000) /* 2026-11-30T00:53:20Z */

/* ---- The exporter over a database ---------------------------------------------------------- */

typedef struct
{
  char *folder;
  char *database_path;
  CrmStore *store;
  gint64 contact_id;
  gint64 deal_id;
  char *task_uuid;
  char *meeting_uuid;
} Fixture;

static gint64
insert_activity (Fixture *fixture,
                 CrmActivityKind kind,
                 const char *subject,
                 gint64 occurred_at,
                 gint64 due_at,
                 gboolean done,
                 char **uuid)
{
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autoptr (GError) error = NULL;

  activity->kind = kind;
  activity->subject = g_strdup (subject);
  activity->notes = g_strdup ("Bring the\nslides");
  activity->contact_id = fixture->contact_id;
  activity->deal_id = fixture->deal_id;
  activity->occurred_at = occurred_at;
  activity->due_at = due_at;
  activity->done = done;
  activity->done_at = done ? WHEN + 120 : 0;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);
  if (uuid != NULL)
    *uuid = g_strdup (activity->uuid);
  return activity->id;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) other = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (CrmTagRecord) vip = crm_tag_record_new ();
  g_autoptr (CrmTagRecord) board = crm_tag_record_new ();
  g_autoptr (GArray) stages = NULL;
  g_autoptr (GPtrArray) sources = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database_path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->database_path, &error);
  g_assert_no_error (error);

  company->name = g_strdup ("Analytical Engines, Ltd.");
  company->website = g_strdup ("https://engines.example");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));

  sources = crm_store_list_lead_sources (fixture->store, &error);
  contact->name = g_strdup ("Ada Lovelace");
  contact->email = g_strdup ("ada@example.org");
  contact->phone = g_strdup ("+44 20 7946 0000");
  contact->title = g_strdup ("=cmd|' /C calc'!A0");
  contact->company_id = company->id;
  contact->source_id = ((CrmLeadSourceRecord *) g_ptr_array_index (sources, 0))->id;
  contact->lifecycle = CRM_LIFECYCLE_CUSTOMER;
  contact->captured_at = WHEN;
  contact->notes = g_strdup ("Met at the \"Engine\" fair,\nwants a demo");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  fixture->contact_id = contact->id;
  other->name = g_strdup ("Charles Babbage");
  g_assert_true (crm_store_insert_contact (fixture->store, other, &error));

  vip->name = g_strdup ("VIP");
  board->name = g_strdup ("Board, member");
  g_assert_true (crm_store_insert_tag (fixture->store, vip, &error));
  g_assert_true (crm_store_insert_tag (fixture->store, board, &error));
  g_assert_true (crm_store_add_contact_tag (fixture->store, contact->id, vip->id, &error));
  g_assert_true (crm_store_add_contact_tag (fixture->store, contact->id, board->id, &error));

  stages = crm_test_list_default_stage_ids (fixture->store);
  deal->title = g_strdup ("Difference Engine No. 2");
  deal->contact_id = contact->id;
  deal->company_id = company->id;
  deal->stage_id = g_array_index (stages, gint64, 3); /* Proposal, 60 % */
  deal->value_minor = 123450;
  deal->currency = g_strdup ("EUR");
  deal->expected_close = WHEN;
  deal->probability_override = -1;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  fixture->deal_id = deal->id;

  insert_activity (fixture, CRM_ACTIVITY_TASK, "Send the offer, with prices", 0, WHEN + 86400,
                   FALSE, &fixture->task_uuid);
  insert_activity (fixture, CRM_ACTIVITY_TASK, "Done task", 0, WHEN, TRUE, NULL);
  insert_activity (fixture, CRM_ACTIVITY_MEETING, "Demo; at their office", WHEN + 7200, 0, FALSE,
                   &fixture->meeting_uuid);
  insert_activity (fixture, CRM_ACTIVITY_CALL, "A call", WHEN, 0, FALSE, NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->database_path);
  g_free (fixture->task_uuid);
  g_free (fixture->meeting_uuid);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static gboolean
export_to (Fixture *fixture,
           CrmExportKind kind,
           CrmExportFormat format,
           gboolean raw,
           const char *name,
           char **text,
           guint64 *n_exported,
           GError **error)
{
  g_autoptr (CrmExporter) exporter = crm_exporter_new (kind, format);
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  gboolean ok;

  crm_exporter_set_raw (exporter, raw);
  ok = crm_exporter_run (exporter, fixture->store, file, NULL, NULL, NULL, error);
  if (n_exported != NULL)
    *n_exported = crm_exporter_get_n_exported (exporter);
  if (ok && text != NULL)
    g_assert_true (g_file_get_contents (path, text, NULL, NULL));
  return ok;
}

/* The folder holds exactly @expected (NULL-terminated names): no temporary file is left. */
static void
assert_folder_holds (const char *folder, const char *const *expected)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "rapport.db"))
      g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, ==, g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (names, expected[i], g_str_equal, NULL));
}

static void
test_export_contacts_csv (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *raw_text = NULL;
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GPtrArray) raw_records = NULL;
  guint64 n = 0;

  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, FALSE,
                            "contacts.csv", &text, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  records = crm_test_parse_csv (text);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Name"), ==, "Ada Lovelace");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "E-mail"), ==, "ada@example.org");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Phone"), ==, "'+44 20 7946 0000");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Company"), ==, "Analytical Engines, Ltd.");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Lifecycle Stage"), ==, "customer");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Lead Source"), ==, "Referral");
  /* A tag's name holds a comma: one per line. */
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Tags"), ==, "Board, member\nVIP\n");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Captured"), ==, "2026-11-30T00:53:20Z");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Job Title"), ==, "'=cmd|' /C calc'!A0");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 1, "Notes"), ==,
                   "Met at the \"Engine\" fair,\nwants a demo");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 2, "Name"), ==, "Charles Babbage");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 2, "Company"), ==, "");
  g_assert_cmpstr (crm_test_csv_cell_of (records, 2, "Tags"), ==, "");
  g_assert_cmpuint (strlen (crm_test_csv_cell_of (records, 1, "UUID")), ==, 36);

  /* --raw: as stored. */
  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, TRUE, "raw.csv",
                            &raw_text, NULL, &error));
  raw_records = crm_test_parse_csv (raw_text);
  g_assert_cmpstr (crm_test_csv_cell_of (raw_records, 1, "Job Title"), ==, "=cmd|' /C calc'!A0");
  g_assert_cmpstr (crm_test_csv_cell_of (raw_records, 1, "Phone"), ==, "+44 20 7946 0000");
}

static CrmContactRecord *
find_contact_named (CrmStore *store, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) page = crm_store_fetch_contacts (store, NULL, 0, 0, 100, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < page->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (page, i);

      if (g_strcmp0 (contact->name, name) == 0)
        return crm_contact_record_copy (contact);
    }
  g_error ("no contact %s", name);
  return NULL;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
contact_tags (CrmStore *store, gint64 contact_id)
{
  g_autoptr (GArray) ids = crm_store_list_contact_tag_ids (store, contact_id, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (CrmTagRecord) tag
          = crm_store_get_tag (store, g_array_index (ids, gint64, i), NULL);

      g_ptr_array_add (names, g_strdup (tag->name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

/* Imports @name of the fixture's folder into a new database beside it (@kind_hint as for
 * crm_importer_new()), read as @format: both contacts added, none rejected. */
static CrmStore *
import_into_other_database (Fixture *fixture,
                            const char *name,
                            int kind_hint,
                            CrmImportFormat format)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autofree char *other_path = g_build_filename (fixture->folder, "other.db", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CrmImporter) importer = NULL;
  g_autoptr (CrmImportSummary) summary = NULL;
  CrmStore *other = crm_store_open (other_path, &error);

  g_assert_no_error (error);
  importer = crm_importer_new (file, kind_hint, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_importer_get_format (importer), ==, format);
  summary = crm_importer_run (importer, other, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_rejected, ==, 0);
  return other;
}

/* Ada Lovelace in @other holds what she holds in the fixture's store: what a card and a CSV row
 * both carry and her tags, and with @all_columns her lifecycle and capture time too. */
static void
assert_ada_came_back (Fixture *fixture, CrmStore *other, gboolean all_columns)
{
  g_autoptr (CrmContactRecord) before = find_contact_named (fixture->store, "Ada Lovelace");
  g_autoptr (CrmContactRecord) after = find_contact_named (other, "Ada Lovelace");
  g_autofree char *tags_before = contact_tags (fixture->store, before->id);
  g_autofree char *tags_after = contact_tags (other, after->id);

  g_assert_cmpstr (after->email, ==, before->email);
  g_assert_cmpstr (after->phone, ==, before->phone);
  g_assert_cmpstr (after->title, ==, before->title);
  g_assert_cmpstr (after->company_name, ==, before->company_name);
  g_assert_cmpstr (after->notes, ==, before->notes);
  if (all_columns)
    {
      g_assert_cmpint (after->lifecycle, ==, before->lifecycle);
      g_assert_cmpint (after->captured_at, ==, before->captured_at);
    }
  g_assert_cmpstr (tags_after, ==, tags_before);
}

/* Exported with --raw and imported into a new database, contacts come back the same. */
static void
test_export_import_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) other = NULL;

  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, TRUE,
                            "contacts.csv", NULL, NULL, &error));
  other = import_into_other_database (fixture, "contacts.csv", CRM_IMPORT_KIND_CONTACTS,
                                      CRM_IMPORT_FORMAT_CSV);
  assert_ada_came_back (fixture, other, TRUE);
}

/* Exported as a spreadsheet-safe CSV (the export window's way: "'+44…", "'=cmd…") and imported
 * into a new database, contacts come back the same: the import takes the apostrophe off. */
static void
test_safe_export_import_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) other = NULL;

  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, FALSE,
                            "contacts.csv", NULL, NULL, &error));
  other = import_into_other_database (fixture, "contacts.csv", CRM_IMPORT_KIND_CONTACTS,
                                      CRM_IMPORT_FORMAT_CSV);
  assert_ada_came_back (fixture, other, TRUE);
}

/* Exports @kind of @store as raw CSV into @folder/@name and returns its records. */
static GPtrArray *
export_records (CrmStore *store, CrmExportKind kind, const char *folder, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmExporter) exporter = crm_exporter_new (kind, CRM_EXPORT_FORMAT_CSV);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *text = NULL;

  crm_exporter_set_raw (exporter, TRUE);
  g_assert_true (crm_exporter_run (exporter, store, file, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return crm_test_parse_csv (text);
}

/* Imports @folder/@name as @kind into @store: every row added, none rejected. */
static void
import_all (CrmStore *store, CrmImportKind kind, const char *folder, const char *name, guint n_rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (CrmImporter) importer = crm_importer_new (file, kind, &error);
  g_autoptr (CrmImportSummary) summary = NULL;

  g_assert_no_error (error);
  summary = crm_importer_run (importer, store, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_rejected, ==, 0);
  g_assert_cmpuint (summary->n_added, ==, n_rows);
}

/* Columns a new row is given afresh by the database it lands in. */
static gboolean
is_identity_column (const char *header)
{
  /* Contacts name their row times "Record Created" and "Record Updated". */
  return g_str_equal (header, "UUID") || g_str_equal (header, "Created")
         || g_str_equal (header, "Updated") || g_str_equal (header, "Record Created")
         || g_str_equal (header, "Record Updated") || g_str_equal (header, "Stage Entered");
}

/* Every cell of @expected under a header that is not an identity column equals the same
 * header's cell in @actual, row by row (both exports list rows in the same order). */
static void
assert_same_records (GPtrArray *expected, GPtrArray *actual, const char *kind)
{
  GPtrArray *headers = g_ptr_array_index (expected, 0);
  guint n_compared = 0;

  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint column = 0; column < headers->len; column++)
    {
      const char *header = g_ptr_array_index (headers, column);

      if (is_identity_column (header))
        continue;
      for (guint row = 1; row < expected->len; row++)
        {
          const char *want = crm_test_csv_cell_of (expected, row, header);
          const char *got = crm_test_csv_cell_of (actual, row, header);

          /* A contact without a source is given "Import" on the way in (crm-process.md §2). */
          if (g_str_equal (header, "Lead Source") && *want == '\0'
              && g_strcmp0 (got, "Import") == 0)
            continue;
          if (g_strcmp0 (want, got) != 0)
            g_error ("%s row %u, column “%s”: exported “%s”, after the round trip “%s”", kind, row,
                     header, want, got);
          n_compared++;
        }
    }
  g_assert_cmpuint (n_compared, >, 0);
}

/* The whole database exported as CSV (companies, contacts, deals, activities) and imported in
 * that order into a new database exports again to the same cells. */
static void
test_export_import_all_round_trip (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    CrmExportKind export_kind;
    CrmImportKind import_kind;
    const char *name;
  } kinds[] = {
    { CRM_EXPORT_COMPANIES, CRM_IMPORT_KIND_COMPANIES, "companies.csv" },
    { CRM_EXPORT_CONTACTS, CRM_IMPORT_KIND_CONTACTS, "contacts.csv" },
    { CRM_EXPORT_DEALS, CRM_IMPORT_KIND_DEALS, "deals.csv" },
    { CRM_EXPORT_ACTIVITIES, CRM_IMPORT_KIND_ACTIVITIES, "activities.csv" },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *other_path = g_build_filename (fixture->folder, "other.db", NULL);
  g_autofree char *again = g_build_filename (fixture->folder, "again", NULL);
  g_autoptr (CrmStore) other = NULL;

  g_assert_cmpint (g_mkdir (again, 0700), ==, 0);
  other = crm_store_open (other_path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (GPtrArray) before
          = export_records (fixture->store, kinds[i].export_kind, fixture->folder, kinds[i].name);
      g_autoptr (GPtrArray) after = NULL;

      import_all (other, kinds[i].import_kind, fixture->folder, kinds[i].name, before->len - 1);
      after = export_records (other, kinds[i].export_kind, again, kinds[i].name);
      assert_same_records (before, after, kinds[i].name);
    }
}

/* Exported as vCard and imported into a new database, contacts keep what a card holds. */
static void
test_export_import_vcard_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) other = NULL;

  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_VCARD, FALSE,
                            "contacts.vcf", NULL, NULL, &error));
  other = import_into_other_database (fixture, "contacts.vcf", -1, CRM_IMPORT_FORMAT_VCARD);
  /* CATEGORIES is a list: a tag with a comma in its name survives (unlike in CSV). */
  assert_ada_came_back (fixture, other, FALSE);
}

static void
test_export_companies_deals_activities_csv (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *companies = NULL, *deals = NULL, *activities = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  guint64 n = 0;

  g_assert_true (export_to (fixture, CRM_EXPORT_COMPANIES, CRM_EXPORT_FORMAT_CSV, FALSE,
                            "companies.csv", &companies, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  rows = crm_test_parse_csv (companies);
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Name"), ==, "Analytical Engines, Ltd.");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Website"), ==, "https://engines.example");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (export_to (fixture, CRM_EXPORT_DEALS, CRM_EXPORT_FORMAT_CSV, FALSE, "deals.csv",
                            &deals, &n, &error));
  g_assert_cmpuint (n, ==, 1);
  rows = crm_test_parse_csv (deals);
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Deal Name"), ==, "Difference Engine No. 2");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Amount"), ==, "1234.50");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Currency"), ==, "EUR");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Deal Stage"), ==, "Proposal");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Pipeline"), ==, "Sales");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Probability"), ==, "60");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Contact"), ==, "Ada Lovelace");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Company"), ==, "Analytical Engines, Ltd.");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Close Date"), ==, "2026-11-30T00:53:20Z");
  g_clear_pointer (&rows, g_ptr_array_unref);

  g_assert_true (export_to (fixture, CRM_EXPORT_ACTIVITIES, CRM_EXPORT_FORMAT_CSV, FALSE,
                            "activities.csv", &activities, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  rows = crm_test_parse_csv (activities);
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Activity Type"), ==, "task");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Subject"), ==, "Send the offer, with prices");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 1, "Deal"), ==, "Difference Engine No. 2");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 2, "Done"), ==, "yes");
  g_assert_cmpstr (crm_test_csv_cell_of (rows, 4, "Activity Type"), ==, "call");
}

static void
test_export_vcard (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *first_card = NULL;
  g_autoptr (CrmContactRecord) ada
      = crm_store_get_contact (fixture->store, fixture->contact_id, NULL);
  g_autofree char *rev = crm_content_line_format_time (ada->updated_at);
  guint64 n = 0;

  g_assert_true (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_VCARD, FALSE,
                            "contacts.vcf", &text, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  first_card = g_strdup_printf ("BEGIN:VCARD\r\n"
                                "VERSION:4.0\r\n"
                                "FN:Ada Lovelace\r\n"
                                "N:Lovelace;Ada;;;\r\n"
                                "EMAIL:ada@example.org\r\n"
                                "TEL;VALUE=text:+44 20 7946 0000\r\n"
                                "ORG:Analytical Engines\\, Ltd.\r\n"
                                "TITLE:=cmd|' /C calc'!A0\r\n"
                                "NOTE:Met at the \"Engine\" fair\\,\\nwants a demo\r\n"
                                "CATEGORIES:Board\\, member,VIP\r\n"
                                "UID:urn:uuid:%s\r\n"
                                "REV:%s\r\n"
                                "END:VCARD\r\n"
                                "BEGIN:VCARD\r\n"
                                "VERSION:4.0\r\n"
                                "FN:Charles Babbage\r\n"
                                "N:Babbage;Charles;;;\r\n",
                                ada->uuid, rev);
  g_assert_true (g_str_has_prefix (text, first_card));
  g_assert_true (g_str_has_suffix (text, "END:VCARD\r\n"));
}

static void
test_export_ical (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint64 n = 0;

  g_assert_true (export_to (fixture, CRM_EXPORT_TASKS, CRM_EXPORT_FORMAT_ICALENDAR, FALSE,
                            "tasks.ics", &text, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3); /* two tasks and the meeting, not the call */

#ifdef HAVE_LIBICAL
  {
    icalcomponent *calendar = icalparser_parse_string (text);
    icalcomponent *todo, *event;
    guint n_todos = 0, n_events = 0;
    gboolean found_task = FALSE;

    g_assert_nonnull (calendar);
    g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
    g_assert_cmpint (icalcomponent_count_errors (calendar), ==, 0);
    for (todo = icalcomponent_get_first_component (calendar, ICAL_VTODO_COMPONENT); todo != NULL;
         todo = icalcomponent_get_next_component (calendar, ICAL_VTODO_COMPONENT))
      {
        n_todos++;
        if (g_strcmp0 (icalcomponent_get_uid (todo), fixture->task_uuid) != 0)
          {
            g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Done task");
            g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_COMPLETED);
            continue;
          }
        found_task = TRUE;
        g_assert_cmpstr (icalcomponent_get_summary (todo), ==, "Send the offer, with prices");
        g_assert_cmpint (icalcomponent_get_status (todo), ==, ICAL_STATUS_NEEDSACTION);
        g_assert_cmpint (icaltime_as_timet (icalcomponent_get_due (todo)), ==, WHEN + 86400);
        g_assert_true (icaltime_is_utc (icalcomponent_get_due (todo)));
        g_assert_cmpstr (icalcomponent_get_description (todo), ==,
                         "Bring the\nslides\n\nContact: Ada Lovelace\n"
                         "Deal: Difference Engine No. 2");
      }
    g_assert_cmpuint (n_todos, ==, 2);
    g_assert_true (found_task);

    event = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
    for (; event != NULL;
         event = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
      {
        n_events++;
        g_assert_cmpstr (icalcomponent_get_uid (event), ==, fixture->meeting_uuid);
        g_assert_cmpstr (icalcomponent_get_summary (event), ==, "Demo; at their office");
        g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtstart (event)), ==, WHEN + 7200);
        g_assert_cmpint (icaltime_as_timet (icalcomponent_get_dtend (event)), ==,
                         WHEN + 7200 + 3600);
      }
    g_assert_cmpuint (n_events, ==, 1);
    icalcomponent_free (calendar);
  }
#else
  g_test_message ("libical not found: only the text is checked");
#endif
  g_assert_nonnull (strstr (text, "STATUS:COMPLETED\r\n"));
  g_assert_nonnull (strstr (text, "SUMMARY:Demo\\; at their office\r\n"));
}

static void
test_export_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "copy.db", NULL);
  g_autoptr (CrmStore) copy = NULL;
  guint64 n = 0;

  g_assert_true (export_to (fixture, CRM_EXPORT_DATABASE, CRM_EXPORT_FORMAT_DATABASE, FALSE,
                            "copy.db", NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  copy = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (copy, CRM_ENTITY_ACTIVITY, NULL), ==, 4);

  /* Never over the database itself, whatever the format. */
  g_assert_false (export_to (fixture, CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, FALSE,
                             "rapport.db", NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 2);
}

static void
test_export_unwritable (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->folder, "not-a-folder", NULL);
  g_autofree char *locked = g_build_filename (fixture->folder, "locked", NULL);
  g_autofree char *locked_target = g_build_filename (locked, "contacts.csv", NULL);
  g_autoptr (GFile) file = NULL;
  g_autoptr (CrmExporter) exporter = crm_exporter_new (CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV);
  const char *const nothing[] = { "not-a-folder", "locked", NULL };

  /* A "folder" that is a file cannot be written, even by root. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_clear_object (&file);
  {
    g_autofree char *target = g_build_filename (blocker, "contacts.csv", NULL);

    file = g_file_new_for_path (target);
  }
  g_assert_false (crm_exporter_run (exporter, fixture->store, file, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_assert_nonnull (strstr (error->message, "contacts.csv"));
  g_clear_error (&error);

  /* A folder without write permission; root writes anywhere on disk, so as root a folder no
   * one can create files in (/proc). */
  g_assert_cmpint (g_mkdir (locked, 0500), ==, 0);
  g_clear_object (&file);
  if (geteuid () == 0)
    {
      g_free (locked_target);
      locked_target = g_strdup ("/proc/rapport-export-test.csv");
    }
  file = g_file_new_for_path (locked_target);
  g_assert_false (crm_exporter_run (exporter, fixture->store, file, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Could not export to"));
  if (geteuid () != 0)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_false (g_file_test (locked_target, G_FILE_TEST_EXISTS));
  assert_folder_holds (fixture->folder, nothing);
  g_chmod (locked, 0700);
}

static void
cancel_half_way (double fraction, gpointer user_data)
{
  if (fraction > 0.0 && fraction < 1.0)
    g_cancellable_cancel (user_data);
}

static void
test_export_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *target = g_build_filename (fixture->folder, "contacts.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (target);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (CrmExporter) exporter = crm_exporter_new (CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV);
  g_autofree char *kept = NULL;
  const char *const nothing[] = { NULL };
  const char *const old_file[] = { "contacts.csv", NULL };

  /* Enough rows for progress to be reported (and the writer to flush) before the end. */
  g_assert_true (crm_store_begin (fixture->store, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

      contact->name = g_strdup_printf ("Person %u with a name long enough to fill pages", i);
      contact->notes = g_strnfill (100, 'n');
      g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
    }
  g_assert_true (crm_store_commit (fixture->store, &error));

  g_assert_false (crm_exporter_run (exporter, fixture->store, file, cancellable, cancel_half_way,
                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (crm_exporter_get_n_exported (exporter), ==, 0);
  assert_folder_holds (fixture->folder, nothing);
  g_clear_error (&error);

  /* Over an existing file: it stays as it was. */
  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_cancellable_reset (cancellable);
  g_assert_false (crm_exporter_run (exporter, fixture->store, file, cancellable, cancel_half_way,
                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (target, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "old");
  assert_folder_holds (fixture->folder, old_file);
}

typedef struct
{
  GMainLoop *loop;
  GPtrArray *fractions; /* double* */
  gboolean ok;
  GError *error;
} AsyncRun;

static void
on_progress (double fraction, gpointer user_data)
{
  AsyncRun *run = user_data;
  double *copy = g_new (double, 1);

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  *copy = fraction;
  g_ptr_array_add (run->fractions, copy);
}

static void
on_exported (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncRun *run = user_data;

  run->ok = crm_exporter_run_finish (CRM_EXPORTER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_export_async (Fixture *fixture, gconstpointer data)
{
  g_autofree char *target = g_build_filename (fixture->folder, "contacts.vcf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (target);
  g_autoptr (CrmExporter) exporter
      = crm_exporter_new (CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_VCARD);
  AsyncRun run = { g_main_loop_new (NULL, FALSE), g_ptr_array_new_with_free_func (g_free) };
  double last = -1;

  crm_exporter_run_async (exporter, fixture->database_path, file, NULL, on_progress, &run,
                          on_exported, &run);
  g_main_loop_run (run.loop);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (crm_exporter_get_n_exported (exporter), ==, 2);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  /* Progress in the main context, never backwards; the final 1.0 may come before the result
   * or be dropped when it comes after (crm_exporter_run_finish() stops it). */
  g_assert_cmpuint (run.fractions->len, >=, 1);
  for (guint i = 0; i < run.fractions->len; i++)
    {
      double fraction = *(double *) g_ptr_array_index (run.fractions, i);

      g_assert_cmpfloat (fraction, >=, last);
      g_assert_cmpfloat (fraction, <=, 1.0);
      last = fraction;
    }
  g_main_loop_unref (run.loop);
  g_ptr_array_unref (run.fractions);
}

static void
test_names (void)
{
  g_autoptr (GDateTime) day = g_date_time_new_local (2026, 12, 6, 10, 0, 0);
  g_autofree char *contacts
      = crm_export_suggest_file_name (CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_CSV, day);
  g_autofree char *tasks
      = crm_export_suggest_file_name (CRM_EXPORT_TASKS, CRM_EXPORT_FORMAT_ICALENDAR, day);
  CrmExportFormat format;
  CrmExportKind kind;

  g_assert_cmpstr (contacts, ==, "rapport-contacts-2026-12-06.csv");
  g_assert_cmpstr (tasks, ==, "rapport-tasks-and-meetings-2026-12-06.ics");
  g_assert_true (crm_export_format_from_path ("/x/People.VCF", &format));
  g_assert_cmpint (format, ==, CRM_EXPORT_FORMAT_VCARD);
  g_assert_true (crm_export_format_from_path ("a.db", &format));
  g_assert_cmpint (format, ==, CRM_EXPORT_FORMAT_DATABASE);
  g_assert_false (crm_export_format_from_path ("a.txt", &format));
  g_assert_false (crm_export_format_from_path (".csv", &format));
  g_assert_true (crm_export_kind_from_string ("deals", &kind));
  g_assert_cmpint (kind, ==, CRM_EXPORT_DEALS);
  g_assert_false (crm_export_kind_supports_format (CRM_EXPORT_DEALS, CRM_EXPORT_FORMAT_VCARD));
  g_assert_true (crm_export_kind_supports_format (CRM_EXPORT_CONTACTS, CRM_EXPORT_FORMAT_VCARD));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/names", test_names);
  TEST_F ("/export/contacts/csv", test_export_contacts_csv);
  TEST_F ("/export/others/csv", test_export_companies_deals_activities_csv);
  TEST_F ("/export/contacts/vcard", test_export_vcard);
  TEST_F ("/export/contacts/import-round-trip", test_export_import_round_trip);
  TEST_F ("/export/contacts/safe-import-round-trip", test_safe_export_import_round_trip);
  TEST_F ("/export/contacts/vcard-import-round-trip", test_export_import_vcard_round_trip);
  TEST_F ("/export/all/import-round-trip", test_export_import_all_round_trip);
  TEST_F ("/export/tasks/ical", test_export_ical);
  TEST_F ("/export/database", test_export_database);
  TEST_F ("/export/failure/unwritable", test_export_unwritable);
  TEST_F ("/export/failure/cancel", test_export_cancel);
  TEST_F ("/export/async", test_export_async);
  return g_test_run ();
}
