/* test-importer.c — CrmImporter end to end on files in tests/data/: the header spellings of
 * HubSpot, Pipedrive and Google Contacts mapped to the right fields and the stored values that
 * come out; a broken file, a rejected row and a cancel half-way; duplicates skipped, merged or
 * added; a dry run that writes nothing and counts the same; deals put in stages; and the value
 * parsers (dates, amounts, lifecycle names, yes/no). */
#include <glib/gstdio.h>
#include <string.h>

#include "crm-importer-private.h"
#include "crm-test-util.h"

typedef CrmTestStoreFixture Fixture;

static GFile *
data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static CrmImporter *
open_importer (const char *name, int kind)
{
  g_autoptr (GFile) file = data_file (name);
  g_autoptr (GError) error = NULL;
  CrmImporter *importer = crm_importer_new (file, kind, &error);

  g_assert_no_error (error);
  g_assert_nonnull (importer);
  return importer;
}

/* Runs @importer into the fixture's database: no error, a summary. */
static CrmImportSummary *
run_importer (Fixture *fixture, CrmImporter *importer)
{
  g_autoptr (GError) error = NULL;
  CrmImportSummary *summary
      = crm_importer_run (importer, fixture->store, FALSE, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static CrmImportSummary *
import_file (Fixture *fixture, const char *name, int kind, CrmImportDuplicateChoice choice)
{
  g_autoptr (CrmImporter) importer = open_importer (name, kind);

  crm_importer_set_default_duplicate_choice (importer, choice);
  return run_importer (fixture, importer);
}

static gint64
count (Fixture *fixture, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = crm_store_count (fixture->store, entity, &error);

  g_assert_no_error (error);
  return n;
}

static CrmContactRecord *
contact_by_email (Fixture *fixture, const char *email)
{
  g_autoptr (GError) error = NULL;
  CrmContactRecord *contact;
  gint64 id = 0;

  g_assert_true (crm_store_find_contact_by_email (fixture->store, email, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  contact = crm_store_get_contact (fixture->store, id, &error);
  g_assert_no_error (error);
  return contact;
}

static char *
source_name (Fixture *fixture, gint64 source_id)
{
  g_autoptr (CrmLeadSourceRecord) source
      = crm_store_get_lead_source (fixture->store, source_id, NULL);

  g_assert_nonnull (source);
  return g_strdup (source->name);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static char *
tag_names (Fixture *fixture, gint64 contact_id)
{
  g_autoptr (GArray) ids = crm_store_list_contact_tag_ids (fixture->store, contact_id, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (CrmTagRecord) tag
          = crm_store_get_tag (fixture->store, g_array_index (ids, gint64, i), NULL);

      g_ptr_array_add (names, g_strdup (tag->name));
    }
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gint64
utc (int year, int month, int day, int hour, int minute)
{
  g_autoptr (GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
assert_fields (CrmImporter *importer, const CrmImportField *expected, guint n)
{
  g_assert_cmpuint (crm_importer_get_n_columns (importer), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_test_message ("column %u “%s”", i, crm_importer_get_column_name (importer, i));
      g_assert_cmpint (crm_importer_get_column_field (importer, i), ==, expected[i]);
    }
}

/* ---- Header spellings and stored values ---------------------------------------------------- */

static void
test_hubspot_contacts (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_IGNORE, /* Record ID */
    CRM_IMPORT_FIELD_FIRST_NAME,  CRM_IMPORT_FIELD_LAST_NAME,
    CRM_IMPORT_FIELD_EMAIL,       CRM_IMPORT_FIELD_PHONE,
    CRM_IMPORT_FIELD_PHONE,       CRM_IMPORT_FIELD_COMPANY,
    CRM_IMPORT_FIELD_JOB_TITLE,   CRM_IMPORT_FIELD_LIFECYCLE,
    CRM_IMPORT_FIELD_LIFECYCLE,   CRM_IMPORT_FIELD_OWNER,
    CRM_IMPORT_FIELD_COUNTRY,     CRM_IMPORT_FIELD_SOURCE,
    CRM_IMPORT_FIELD_CAPTURED_AT, CRM_IMPORT_FIELD_LAST_CONTACTED_AT,
  };
  g_autoptr (CrmImporter) importer = open_importer ("hubspot-contacts.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) alice = NULL;
  g_autoptr (CrmContactRecord) bob = NULL;
  g_autoptr (CrmContactRecord) carla = NULL;
  g_autofree char *alice_source = NULL;
  g_autofree char *carla_source = NULL;
  const CrmImportRejection *rejection;

  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_CONTACTS);
  g_assert_cmpint (crm_importer_get_separator (importer), ==, ',');
  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (crm_importer_get_n_rows (importer), ==, 4);
  g_assert_cmpstr (crm_importer_get_row (importer, 1)[1], ==, "Bob");

  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_rows, ==, 4);
  g_assert_cmpuint (summary->n_added, ==, 3);
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  rejection = summary->rejections->pdata[0];
  g_assert_cmpuint (rejection->line, ==, 5);
  g_assert_nonnull (strstr (rejection->reason, "name"));
  /* Acme SA is named twice, Globex once: two companies. */
  g_assert_cmpuint (summary->n_companies_added, ==, 2);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 2);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 3);

  alice = contact_by_email (fixture, "alice@acme.com");
  g_assert_cmpstr (alice->name, ==, "Alice Martin");
  g_assert_cmpstr (alice->phone, ==, "+33 1 23 45 67 89");
  g_assert_nonnull (strstr (alice->notes, "Phone (mobile): +33 6 11 22 33 44"));
  g_assert_cmpstr (alice->title, ==, "CTO");
  g_assert_cmpstr (alice->company_name, ==, "Acme SA");
  g_assert_cmpint (alice->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
  g_assert_cmpstr (alice->owner, ==, "Sam Owner");
  g_assert_cmpstr (alice->country, ==, "France");
  alice_source = source_name (fixture, alice->source_id);
  g_assert_cmpstr (alice_source, ==, "Organic Search");
  g_assert_cmpint (alice->captured_at, ==, utc (2024, 3, 1, 10, 0));
  g_assert_cmpint (alice->last_contacted_at, ==, utc (2024, 4, 2, 0, 0));

  bob = contact_by_email (fixture, "bob@globex.com");
  g_assert_cmpint (bob->lifecycle, ==, CRM_LIFECYCLE_ADVOCATE);
  g_assert_cmpint (bob->captured_at, ==, utc (2024, 3, 1, 0, 0)); /* 03/01/2024: US order */
  g_assert_cmpint (bob->last_contacted_at, ==, 1711929600);       /* unix seconds */

  carla = contact_by_email (fixture, "carla@acme.com");
  g_assert_cmpint (carla->lifecycle, ==, CRM_LIFECYCLE_LEAD);       /* "other" */
  g_assert_cmpint (carla->captured_at, ==, utc (2024, 3, 1, 0, 0)); /* 01.03.2024 */
  g_assert_cmpint (carla->company_id, ==, alice->company_id);
  /* No source column value: the lead source "Import". */
  carla_source = source_name (fixture, carla->source_id);
  g_assert_cmpstr (carla_source, ==, "Import");
}

static void
test_pipedrive_contacts (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_NAME,  CRM_IMPORT_FIELD_EMAIL,   CRM_IMPORT_FIELD_EMAIL,
    CRM_IMPORT_FIELD_PHONE, CRM_IMPORT_FIELD_COMPANY, CRM_IMPORT_FIELD_TAGS,
    CRM_IMPORT_FIELD_OWNER, CRM_IMPORT_FIELD_NOTES,
  };
  g_autoptr (CrmImporter) importer = open_importer ("pipedrive-contacts.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) dana = NULL;
  g_autoptr (CrmContactRecord) fox = NULL;
  g_autofree char *dana_tags = NULL;
  g_autofree char *fox_tags = NULL;

  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 1);

  dana = contact_by_email (fixture, "dana@fbi.gov");
  g_assert_cmpstr (dana->name, ==, "Dana Scully");
  g_assert_cmpstr (dana->company_name, ==, "FBI");
  g_assert_cmpstr (dana->owner, ==, "Walter");
  g_assert_cmpstr (dana->notes, ==, "Trusts no one\n\nE-mail (home): dana@home.net");
  dana_tags = tag_names (fixture, dana->id);
  g_assert_cmpstr (dana_tags, ==, "Hot lead,VIP");
  fox = contact_by_email (fixture, "fox@fbi.gov");
  fox_tags = tag_names (fixture, fox->id);
  g_assert_cmpstr (fox_tags, ==, "VIP");
  g_assert_cmpint (fox->company_id, ==, dana->company_id);
  g_assert_null (fox->notes);
}

static void
test_google_contacts (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_NAME,   CRM_IMPORT_FIELD_FIRST_NAME, CRM_IMPORT_FIELD_LAST_NAME,
    CRM_IMPORT_FIELD_TAGS,   CRM_IMPORT_FIELD_IGNORE,     CRM_IMPORT_FIELD_EMAIL,
    CRM_IMPORT_FIELD_IGNORE, CRM_IMPORT_FIELD_EMAIL,      CRM_IMPORT_FIELD_IGNORE,
    CRM_IMPORT_FIELD_PHONE,  CRM_IMPORT_FIELD_COMPANY,    CRM_IMPORT_FIELD_JOB_TITLE,
    CRM_IMPORT_FIELD_NOTES,
  };
  g_autoptr (CrmImporter) importer = open_importer ("google-contacts.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) grace = NULL;
  g_autoptr (CrmContactRecord) ada = NULL;
  g_autofree char *grace_tags = NULL;
  g_autofree char *ada_tags = NULL;

  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);

  grace = contact_by_email (fixture, "grace@navy.mil");
  g_assert_cmpstr (grace->name, ==, "Grace Hopper");
  g_assert_cmpstr (grace->phone, ==, "+1 555 0101");
  g_assert_cmpstr (grace->title, ==, "Rear Admiral");
  g_assert_cmpstr (grace->company_name, ==, "US Navy");
  /* Nothing dropped: the second e-mail and phone, typed from Google's type columns. */
  g_assert_cmpstr (grace->notes, ==,
                   "Wrote COBOL\n\nE-mail (home): grace@home.org\nPhone (mobile): +1 555 0102");
  grace_tags = tag_names (fixture, grace->id);
  g_assert_cmpstr (grace_tags, ==, "Navy"); /* not the system group "* myContacts" */
  ada = contact_by_email (fixture, "ada@engine.org");
  g_assert_cmpstr (ada->name, ==, "Ada Lovelace");
  ada_tags = tag_names (fixture, ada->id);
  g_assert_cmpstr (ada_tags, ==, "");
}

static void
test_deals (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_DEAL_TITLE, CRM_IMPORT_FIELD_AMOUNT, CRM_IMPORT_FIELD_CLOSE_DATE,
    CRM_IMPORT_FIELD_DEAL_STAGE, CRM_IMPORT_FIELD_IGNORE, CRM_IMPORT_FIELD_CONTACT,
    CRM_IMPORT_FIELD_COMPANY,    CRM_IMPORT_FIELD_OWNER,
  };
  g_autoptr (CrmImportSummary) contacts = NULL;
  g_autoptr (CrmImporter) importer = NULL;
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (GArray) stages = crm_test_list_default_stage_ids (fixture->store);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) alice = NULL;
  g_autoptr (GPtrArray) deals = NULL;
  gint64 proposal = g_array_index (stages, gint64, 3);
  gint64 won = g_array_index (stages, gint64, 5);

  contacts = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  alice = contact_by_email (fixture, "alice@acme.com");

  importer = open_importer ("hubspot-deals.csv", -1);
  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_DEALS);
  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 3);
  g_assert_cmpuint (summary->n_rejected, ==, 2);
  g_assert_cmpuint (((CrmImportRejection *) summary->rejections->pdata[0])->line, ==, 5);
  g_assert_cmpuint (((CrmImportRejection *) summary->rejections->pdata[1])->line, ==, 6);
  g_assert_nonnull (
      strstr (((CrmImportRejection *) summary->rejections->pdata[1])->reason, "twelve"));
  /* The unknown stage and the unknown contact are reported. */
  g_assert_cmpuint (summary->warnings->len, ==, 2);
  g_assert_true (g_str_has_prefix (summary->warnings->pdata[0], "line 3:"));
  g_assert_cmpint (count (fixture, CRM_ENTITY_DEAL), ==, 3);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 2); /* Acme SA, Globex reused */

  deals = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_deal_record_free);
  for (gint64 id = 1; id <= 3; id++)
    g_ptr_array_add (deals, crm_store_get_deal (fixture->store, id, &error));
  g_assert_no_error (error);
  {
    CrmDealRecord *big = deals->pdata[0], *small = deals->pdata[1], *won_one = deals->pdata[2];

    g_assert_cmpstr (big->title, ==, "Big order");
    g_assert_cmpint (big->value_minor, ==, 1250000);
    g_assert_cmpstr (big->currency, ==, "USD");
    g_assert_cmpint (big->stage_id, ==, proposal);
    g_assert_cmpint (big->contact_id, ==, alice->id);
    g_assert_cmpint (big->company_id, ==, alice->company_id);
    g_assert_cmpint (big->expected_close, ==, utc (2024, 6, 30, 0, 0));
    g_assert_cmpint (small->value_minor, ==, 123456);
    g_assert_cmpstr (small->currency, ==, "EUR");
    g_assert_cmpint (small->stage_id, ==, g_array_index (stages, gint64, 0));
    g_assert_cmpint (small->contact_id, ==, 0);
    g_assert_cmpint (small->expected_close, ==, utc (2024, 7, 15, 0, 0));
    g_assert_cmpint (won_one->stage_id, ==, won);
    g_assert_cmpint (won_one->value_minor, ==, 80000);
  }
}

/* Amounts land in their currency's own minor unit: the yen has none, the dinar has three. */
static void
test_deals_currencies (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *title;
    gint64 value_minor;
    const char *currency;
  } expected[] = {
    { "Tokyo", 1200, "JPY" },
    { "Manama", 125, "BHD" },
    { "Berlin", 1250, "EUR" },
    { "Osaka", 1501, "JPY" }, /* rounded, and said so */
  };
  g_autoptr (CrmImporter) importer = open_importer ("deals-currencies.csv", CRM_IMPORT_KIND_DEALS);
  g_autoptr (CrmImportSummary) summary = run_importer (fixture, importer);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (summary->n_added, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (summary->warnings->len, ==, 1);
  g_assert_true (g_str_has_prefix (summary->warnings->pdata[0], "line 5:"));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, i + 1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (deal->title, ==, expected[i].title);
      g_assert_cmpint (deal->value_minor, ==, expected[i].value_minor);
      g_assert_cmpstr (deal->currency, ==, expected[i].currency);
    }
}

static void
test_companies (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_NAME,  CRM_IMPORT_FIELD_WEBSITE, CRM_IMPORT_FIELD_INDUSTRY,
    CRM_IMPORT_FIELD_PHONE, CRM_IMPORT_FIELD_COUNTRY, CRM_IMPORT_FIELD_NOTES,
  };
  g_autoptr (CrmImporter) importer = open_importer ("companies.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmCompanyRecord) acme = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_COMPANIES);
  g_assert_cmpint (crm_importer_get_separator (importer), ==, ';');
  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  crm_importer_set_default_duplicate_choice (importer, CRM_IMPORT_DUPLICATE_MERGE);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_merged, ==, 1); /* "ACME  sa" is Acme SA */
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  g_assert_cmpuint (((CrmImportRejection *) summary->rejections->pdata[0])->line, ==, 5);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 2);
  g_assert_true (crm_store_find_company_by_name (fixture->store, "acme sa", &id, &error));
  acme = crm_store_get_company (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (acme->website, ==, "acme.example");
  g_assert_cmpstr (acme->industry, ==, "Manufacturing");
  g_assert_cmpstr (acme->phone, ==, "+33 1 00 00 00 00"); /* filled, not overwritten */
  g_assert_cmpstr (acme->notes, ==, "Makes everything\n\nSecond row of Acme");
}

static void
test_activities (Fixture *fixture, gconstpointer data)
{
  static const CrmImportField expected[] = {
    CRM_IMPORT_FIELD_SUBJECT, CRM_IMPORT_FIELD_ACTIVITY_KIND, CRM_IMPORT_FIELD_DUE_AT,
    CRM_IMPORT_FIELD_DONE,    CRM_IMPORT_FIELD_CONTACT,       CRM_IMPORT_FIELD_DEAL,
    CRM_IMPORT_FIELD_NOTES,
  };
  g_autoptr (CrmImportSummary) contacts
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImportSummary) deals
      = import_file (fixture, "hubspot-deals.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImporter) importer = open_importer ("pipedrive-activities.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) alice = contact_by_email (fixture, "alice@acme.com");
  g_autoptr (CrmContactRecord) bob = contact_by_email (fixture, "bob@globex.com");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) alice_activities = NULL;
  g_autoptr (GPtrArray) bob_activities = NULL;
  CrmActivityRecord *call, *task;
  gint64 big_order = 0;

  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_ACTIVITIES);
  assert_fields (importer, expected, G_N_ELEMENTS (expected));
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 3);
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  g_assert_nonnull (
      strstr (((CrmImportRejection *) summary->rejections->pdata[0])->reason, "Carrier pigeon"));
  g_assert_cmpuint (summary->warnings->len, ==, 2); /* "Nobody", "No such deal" */
  g_assert_cmpint (count (fixture, CRM_ENTITY_ACTIVITY), ==, 3);

  g_assert_true (crm_store_find_deal_by_title (fixture->store, "big order", &big_order, &error));
  alice_activities = crm_store_list_activities_for_contact (fixture->store, alice->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alice_activities->len, ==, 1);
  call = alice_activities->pdata[0];
  g_assert_cmpint (call->kind, ==, CRM_ACTIVITY_CALL);
  g_assert_cmpstr (call->subject, ==, "Intro call");
  g_assert_cmpstr (call->notes, ==, "Went well");
  g_assert_true (call->done);
  g_assert_cmpint (call->deal_id, ==, big_order);
  g_assert_cmpint (call->due_at, ==, utc (2024, 5, 2, 9, 30));
  bob_activities = crm_store_list_activities_for_contact (fixture->store, bob->id, &error);
  g_assert_cmpuint (bob_activities->len, ==, 1);
  task = bob_activities->pdata[0];
  g_assert_cmpint (task->kind, ==, CRM_ACTIVITY_TASK);
  g_assert_false (task->done);
  g_assert_cmpint (task->due_at, ==, utc (2024, 5, 10, 0, 0));
}

static GFile *
write_file (Fixture *fixture, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
test_odd_files (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) empty = write_file (fixture, "empty.csv", "");
  g_autoptr (GFile) header_only = write_file (fixture, "header.csv", "Name,Email\r\n");
  g_autoptr (GFile) unknown = write_file (fixture, "unknown.csv", "Colour,Size\nred,4\n");
  g_autoptr (GFile) shifted
      = write_file (fixture, "shifted.csv",
                    "Name,Email\nA B,a@b.example\nSmith, John,j@s.example\nC D,c@d.example,,\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = NULL;
  g_autoptr (CrmImportSummary) summary = NULL;
  const CrmImportRejection *rejection;

  importer = crm_importer_new (empty, -1, &error);
  g_assert_null (importer);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_FILE);
  g_clear_error (&error);

  importer = crm_importer_new (header_only, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_importer_get_n_rows (importer), ==, 0);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_rows, ==, 0);
  g_assert_cmpuint (summary->n_added, ==, 0);
  g_clear_pointer (&summary, crm_import_summary_free);
  g_clear_object (&importer);

  /* No column the kind needs: refused before anything is written. */
  importer = crm_importer_new (unknown, -1, &error);
  g_assert_no_error (error);
  summary = crm_importer_run (importer, fixture->store, FALSE, NULL, NULL, NULL, &error);
  g_assert_null (summary);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_NO_MAPPING);
  g_clear_error (&error);
  g_clear_object (&importer);

  /* A row with more non-empty cells than the header has columns is rejected (an unquoted
   * comma); empty trailing cells are not a reason. */
  importer = crm_importer_new (shifted, -1, &error);
  g_assert_no_error (error);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  rejection = summary->rejections->pdata[0];
  g_assert_cmpuint (rejection->line, ==, 3);
  g_assert_cmpstr (rejection->reason, ==, "it has 3 values but the header names 2 columns");
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 2);
}

/* Cells are trimmed and their runs of white space made one space; tidy cells stay as they are. */
static void
test_white_space_tidied (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GFile) file
      = write_file (fixture, "spaces.csv",
                    "Name,Email,Job Title\n"
                    "\"  Ann \t  Lee \",ann@lee.example,\" Chief\r\n Engineer \"\n"
                    "Bob Tidy,bob@tidy.example,Engineer\n");
  const char *expected[][3] = {
    { "ann@lee.example", "Ann Lee", "Chief Engineer" },
    { "bob@tidy.example", "Bob Tidy", "Engineer" },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = crm_importer_new (file, -1, &error);
  g_autoptr (CrmImportSummary) summary = NULL;

  g_assert_no_error (error);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (CrmContactRecord) contact = NULL;
      gint64 id = 0;

      g_assert_true (crm_store_find_contact_by_email (fixture->store, expected[i][0], &id, &error));
      contact = crm_store_get_contact (fixture->store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contact->name, ==, expected[i][1]);
      g_assert_cmpstr (contact->title, ==, expected[i][2]);
    }
}

/* ---- vCard --------------------------------------------------------------------------------- */

static void
test_vcard (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImporter) importer = open_importer ("import-cards.vcf", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) katherine = NULL;
  g_autoptr (CrmContactRecord) dorothy = NULL;
  g_autofree char *tags = NULL;
  const CrmImportRejection *rejection;

  g_assert_cmpint (crm_importer_get_format (importer), ==, CRM_IMPORT_FORMAT_VCARD);
  g_assert_cmpint (crm_importer_get_kind (importer), ==, CRM_IMPORT_KIND_CONTACTS);
  g_assert_cmpuint (crm_importer_get_n_columns (importer), ==, 13);
  g_assert_cmpint (crm_importer_get_column_field (importer, 4), ==, CRM_IMPORT_FIELD_EMAIL);
  g_assert_cmpuint (crm_importer_get_n_rows (importer), ==, 3);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  rejection = summary->rejections->pdata[0];
  g_assert_cmpuint (rejection->line, ==, 23);
  g_assert_cmpuint (summary->n_photos_dropped, ==, 1);

  katherine = contact_by_email (fixture, "katherine@nasa.gov");
  g_assert_cmpstr (katherine->name, ==, "Katherine Johnson");
  g_assert_cmpstr (katherine->phone, ==, "+1 555 0199");
  g_assert_cmpstr (katherine->title, ==, "Mathematician");
  g_assert_cmpstr (katherine->company_name, ==, "NASA");
  g_assert_cmpstr (katherine->country, ==, "United States");
  g_assert_nonnull (strstr (katherine->notes, "Computed trajectories"));
  g_assert_nonnull (strstr (katherine->notes, "Department: Flight Research"));
  g_assert_nonnull (strstr (katherine->notes, "E-mail (home): kj@home.example"));
  g_assert_nonnull (strstr (katherine->notes, "Phone (work/voice): +1 555 0100"));
  g_assert_nonnull (strstr (katherine->notes, "Website: https://nasa.gov"));
  tags = tag_names (fixture, katherine->id);
  g_assert_cmpstr (tags, ==, "Heroes,Space");

  dorothy = contact_by_email (fixture, "dorothy@nasa.gov");
  g_assert_cmpstr (dorothy->name, ==, "Dorothy Vaughan");
  g_assert_cmpint (dorothy->company_id, ==, katherine->company_id);
}

/* ---- All or nothing ------------------------------------------------------------------------ */

static void
assert_broken_file (Fixture *fixture, const char *name, const char *line)
{
  g_autoptr (GFile) file = data_file (name);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = NULL;
  gint64 before = count (fixture, CRM_ENTITY_CONTACT);

  importer = crm_importer_new (file, -1, &error);
  g_assert_null (importer);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_BAD_ROW);
  g_assert_true (g_str_has_prefix (error->message, line));
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, before);
}

static void
test_broken_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "pipedrive-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);

  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 2);
  assert_broken_file (fixture, "contacts-broken-unclosed.csv", "line 4:");
  assert_broken_file (fixture, "contacts-broken-junk.csv", "line 6:");
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 2);
}

static char *
write_big_file (Fixture *fixture, guint n_rows)
{
  g_autoptr (GString) text = g_string_new ("Name,Email,Company,Tags\r\n");
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->folder, "big.csv", NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Person %u,p%u@example.com,Company %u,\"t%u, all\"\r\n", i, i,
                            i % 50, i % 7);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

typedef struct
{
  GCancellable *cancellable;
  double last;
  guint calls;
} CancelAt;

static void
cancel_half_way (double fraction, gpointer data)
{
  CancelAt *at = data;

  g_assert_cmpfloat (fraction, >=, at->last);
  at->last = fraction;
  at->calls++;
  if (fraction >= 0.5)
    g_cancellable_cancel (at->cancellable);
}

static void
test_cancel (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_big_file (fixture, 3000);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = crm_importer_new (file, -1, &error);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  CancelAt at = { cancellable, 0.0, 0 };
  gint64 tags_before = count (fixture, CRM_ENTITY_TAG);
  gint64 sources_before = count (fixture, CRM_ENTITY_LEAD_SOURCE);

  g_assert_no_error (error);
  g_assert_true (crm_importer_analyse (importer, fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  summary = crm_importer_run (importer, fixture->store, FALSE, cancellable, cancel_half_way, &at,
                              &error);
  g_assert_null (summary);
  g_assert_error (error, CRM_IMPORT_ERROR, CRM_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (at.calls, >, 2);
  g_assert_cmpfloat (at.last, <, 0.6);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 0);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 0);
  g_assert_cmpint (count (fixture, CRM_ENTITY_TAG), ==, tags_before);
  g_assert_cmpint (count (fixture, CRM_ENTITY_LEAD_SOURCE), ==, sources_before);

  /* The same importer then runs to the end. */
  g_clear_error (&error);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 3000);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 3000);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, 50);
  g_assert_cmpint (count (fixture, CRM_ENTITY_TAG), ==, tags_before + 8);
}

typedef struct
{
  const char *path;
  double last;
  gint64 stored_at_end; /* contacts in the file when 1.0 was said; -1 before */
} FinalReport;

static void
note_final_report (double fraction, gpointer data)
{
  FinalReport *report = data;

  report->last = fraction;
  if (fraction >= 1.0 && report->stored_at_end < 0)
    report->stored_at_end = crm_test_read_n_contacts (report->path);
}

/* Progress says 1.0 once every row is written, before the commit (which the window says it
 * is saving): another connection still sees none of the rows then, and all of them after. */
static void
test_progress_ends_before_commit (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_big_file (fixture, 500);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = crm_importer_new (file, -1, &error);
  g_autoptr (CrmImportSummary) summary = NULL;
  FinalReport report = { fixture->path, 0.0, -1 };

  g_assert_no_error (error);
  g_assert_true (crm_importer_analyse (importer, fixture->store, NULL, NULL, NULL, &error));
  summary = crm_importer_run (importer, fixture->store, FALSE, NULL, note_final_report, &report,
                              &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  g_assert_cmpfloat (report.last, ==, 1.0);
  g_assert_cmpint (report.stored_at_end, ==, 0);
  g_assert_cmpint (crm_test_read_n_contacts (fixture->path), ==, 500);
}

/* ---- Duplicates and dry runs --------------------------------------------------------------- */

static CrmImportSummary *
import_duplicates (Fixture *fixture, CrmImportDuplicateChoice choice, gboolean dry_run)
{
  g_autoptr (CrmImporter) importer = open_importer ("contacts-duplicates.csv", -1);
  g_autoptr (GError) error = NULL;
  CrmImportSummary *summary;
  const CrmImportDuplicate *stored, *earlier;

  g_assert_true (crm_importer_analyse (importer, fixture->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_importer_get_n_duplicates (importer), ==, 2);
  stored = crm_importer_get_duplicate (importer, 0);
  g_assert_cmpuint (stored->line, ==, 2);
  g_assert_cmpint (stored->existing_id, !=, 0);
  g_assert_cmpstr (stored->existing_name, ==, "Alice Martin");
  g_assert_cmpstr (stored->reason, ==, "same e-mail");
  earlier = crm_importer_get_duplicate (importer, 1);
  g_assert_cmpuint (earlier->line, ==, 4);
  g_assert_cmpint (earlier->existing_id, ==, 0);
  g_assert_cmpstr (earlier->reason, ==, "same name and company");
  crm_importer_set_all_duplicate_choices (importer, choice);
  summary = crm_importer_run (importer, fixture->store, dry_run, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return summary;
}

static void
test_duplicates_skip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImportSummary) summary
      = import_duplicates (fixture, CRM_IMPORT_DUPLICATE_SKIP, FALSE);
  g_autoptr (CrmContactRecord) alice = contact_by_email (fixture, "alice@acme.com");

  g_assert_cmpuint (summary->n_added, ==, 1);
  g_assert_cmpuint (summary->n_skipped, ==, 2);
  g_assert_cmpuint (summary->n_merged, ==, 0);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 4);
  g_assert_null (strstr (alice->notes, "Met at fair"));
}

static void
test_duplicates_merge (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImportSummary) summary
      = import_duplicates (fixture, CRM_IMPORT_DUPLICATE_MERGE, FALSE);
  g_autoptr (CrmContactRecord) alice = contact_by_email (fixture, "alice@acme.com");
  g_autoptr (CrmContactRecord) zed = contact_by_email (fixture, "zed@new.com");
  g_autofree char *alice_tags = tag_names (fixture, alice->id);

  g_assert_cmpuint (summary->n_added, ==, 1);
  g_assert_cmpuint (summary->n_merged, ==, 2);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 4);
  /* Stored values kept, notes appended, tags added. */
  g_assert_cmpstr (alice->name, ==, "Alice Martin");
  g_assert_cmpstr (alice->title, ==, "CTO");
  g_assert_true (g_str_has_prefix (alice->notes, "Phone (mobile)"));
  g_assert_true (g_str_has_suffix (alice->notes, "Met at fair"));
  g_assert_cmpstr (alice_tags, ==, "fair");
  /* The later row of the file merged into the earlier one. */
  g_assert_cmpstr (zed->notes, ==, "same person by name");
}

static void
test_duplicate_deleted_meanwhile (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImporter) importer = open_importer ("contacts-duplicates.csv", -1);
  g_autoptr (CrmImportSummary) summary = NULL;
  g_autoptr (CrmContactRecord) alice = contact_by_email (fixture, "alice@acme.com");
  g_autoptr (CrmContactRecord) again = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_importer_analyse (importer, fixture->store, NULL, NULL, NULL, &error));
  g_assert_cmpint (crm_importer_get_duplicate (importer, 0)->existing_id, ==, alice->id);
  /* The user deletes the stored contact while choosing: the row becomes a new contact. */
  g_assert_true (crm_store_delete_contact (fixture->store, alice->id, &error));
  crm_importer_set_all_duplicate_choices (importer, CRM_IMPORT_DUPLICATE_MERGE);
  summary = run_importer (fixture, importer);
  g_assert_cmpuint (summary->n_added, ==, 2);
  g_assert_cmpuint (summary->n_merged, ==, 1);
  again = contact_by_email (fixture, "alice@acme.com");
  g_assert_cmpint (again->id, !=, alice->id);
  g_assert_cmpstr (again->notes, ==, "Met at fair");
}

static void
test_duplicates_new (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  g_autoptr (CrmImportSummary) summary
      = import_duplicates (fixture, CRM_IMPORT_DUPLICATE_ADD_NEW, FALSE);

  g_assert_cmpuint (summary->n_added, ==, 3);
  g_assert_cmpuint (summary->n_merged, ==, 0);
  g_assert_cmpuint (summary->n_skipped, ==, 0);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 6);
}

static void
test_dry_run (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmImportSummary) first
      = import_file (fixture, "hubspot-contacts.csv", -1, CRM_IMPORT_DUPLICATE_SKIP);
  gint64 contacts = count (fixture, CRM_ENTITY_CONTACT);
  gint64 companies = count (fixture, CRM_ENTITY_COMPANY);
  gint64 tags = count (fixture, CRM_ENTITY_TAG);
  gint64 sources = count (fixture, CRM_ENTITY_LEAD_SOURCE);
  g_autoptr (CrmImportSummary) dry = import_duplicates (fixture, CRM_IMPORT_DUPLICATE_MERGE, TRUE);
  g_autoptr (CrmContactRecord) alice = contact_by_email (fixture, "alice@acme.com");
  g_autoptr (CrmImportSummary) wet = NULL;
  g_autoptr (CrmImportSummary) dry_hubspot = NULL;

  g_assert_true (dry->dry_run);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, contacts);
  g_assert_cmpint (count (fixture, CRM_ENTITY_COMPANY), ==, companies);
  g_assert_cmpint (count (fixture, CRM_ENTITY_TAG), ==, tags);
  g_assert_cmpint (count (fixture, CRM_ENTITY_LEAD_SOURCE), ==, sources);
  g_assert_null (strstr (alice->notes, "Met at fair"));

  wet = import_duplicates (fixture, CRM_IMPORT_DUPLICATE_MERGE, FALSE);
  g_assert_false (wet->dry_run);
  g_assert_cmpuint (dry->n_rows, ==, wet->n_rows);
  g_assert_cmpuint (dry->n_added, ==, wet->n_added);
  g_assert_cmpuint (dry->n_merged, ==, wet->n_merged);
  g_assert_cmpuint (dry->n_skipped, ==, wet->n_skipped);
  g_assert_cmpuint (dry->n_rejected, ==, wet->n_rejected);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, contacts + 1);
}

/* ---- Threads ------------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  CrmImportSummary *summary;
  GError *error;
  guint progress_calls;
  GThread *main_thread;
} AsyncRun;

static void
on_async_progress (double fraction, gpointer data)
{
  AsyncRun *run = data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->progress_calls++;
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncRun *run = data;

  run->summary = crm_importer_run_finish (CRM_IMPORTER (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_big_file (fixture, 500);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmImporter) importer = crm_importer_new (file, -1, &error);
  AsyncRun run = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, g_thread_self () };

  g_assert_no_error (error);
  crm_importer_run_async (importer, fixture->path, NULL, on_async_progress, &run, on_run_done,
                          &run);
  g_main_loop_run (run.loop);
  /* Progress reports queued before the end still arrive in this context. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_no_error (run.error);
  g_assert_cmpuint (run.summary->n_added, ==, 500);
  g_assert_cmpuint (run.progress_calls, >, 0);
  crm_store_poll_external_changes (fixture->store);
  g_assert_cmpint (count (fixture, CRM_ENTITY_CONTACT), ==, 500);
  crm_import_summary_free (run.summary);
  g_main_loop_unref (run.loop);
}

/* ---- Values -------------------------------------------------------------------------------- */

static void
test_parse_time (void)
{
  struct
  {
    const char *text;
    gint64 expected;
  } good[] = {
    { "", 0 },
    { "2024-03-01", 1709251200 },
    { "2024-03-01 10:00", 1709287200 },
    { "2024-03-01T10:00:30Z", 1709287230 },
    { "2024-03-01T12:00:00+02:00", 1709287200 },
    { "2024-03-01T10:00:00.123Z", 1709287200 },
    { "03/01/2024", 1709251200 },
    { "31/01/2024", 1706659200 },
    { "01.03.2024", 1709251200 },
    { "01.03.2024 10:00", 1709287200 },
    { "3/1/2024 10:00 PM", 1709330400 },
    { "1709287200", 1709287200 },
    { "1709287200000", 1709287200 },
  };
  const char *bad[] = { "tomorrow",         "2024-13-01", "2024-02-30",     "12:00",
                        "2024-03-01 25:00", "123",        "2024-03-01 junk" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 when = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (crm_import_parse_time (good[i].text, &when));
      g_assert_cmpint (when, ==, good[i].expected);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 when;

      g_test_message ("%s", bad[i]);
      g_assert_false (crm_import_parse_time (bad[i], &when));
    }
}

static void
test_parse_amount (void)
{
  struct
  {
    const char *text;
    gint64 thousandths;
    const char *currency;
  } good[] = {
    { "1200", 1200000, NULL },
    { "1,234.50", 1234500, NULL },
    { "1.234,50 €", 1234500, "EUR" },
    { "$1200", 1200000, "USD" },
    { "1,234", 1234000, NULL },
    { "12,5", 12500, NULL },
    { "1 234 567,89", 1234567890, NULL },
    { "EUR 99.9", 99900, "EUR" },
    { "£0.05", 50, "GBP" },
    { "1'000.00 CHF", 1000000, "CHF" },
    { "1,000,000", 1000000000, NULL },
    { "¥1200", 1200000, "JPY" },
    { "0.125", 125, NULL },
    { "1234.567", 1234567, NULL },
    { "", 0, NULL },
  };
  const char *bad[] = { "twelve", "-5", "12 apples", "(100)", "1.2.3x" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *currency = NULL;
      gint64 minor = -1;

      g_test_message ("%s", good[i].text);
      g_assert_true (crm_import_parse_amount (good[i].text, &minor, &currency));
      g_assert_cmpint (minor, ==, good[i].thousandths);
      g_assert_cmpstr (currency, ==, good[i].currency);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *currency = NULL;
      gint64 minor;

      g_test_message ("%s", bad[i]);
      g_assert_false (crm_import_parse_amount (bad[i], &minor, &currency));
    }

  /* Into each currency's minor unit: none for the yen, cents, fils (thousandths). */
  {
    gint64 minor = -1;

    g_assert_true (crm_import_amount_to_minor (1200000, "JPY", &minor));
    g_assert_cmpint (minor, ==, 1200);
    g_assert_true (crm_import_amount_to_minor (1234500, "EUR", &minor));
    g_assert_cmpint (minor, ==, 123450);
    g_assert_true (crm_import_amount_to_minor (125, "BHD", &minor));
    g_assert_cmpint (minor, ==, 125);
    g_assert_false (crm_import_amount_to_minor (125, "EUR", &minor));
    g_assert_cmpint (minor, ==, 13);
    g_assert_false (crm_import_amount_to_minor (1500, "JPY", &minor));
    g_assert_cmpint (minor, ==, 2);
  }
}

static void
test_parse_words (void)
{
  struct
  {
    const char *text;
    CrmLifecycleStage stage;
  } stages[] = {
    { "marketingqualifiedlead", CRM_LIFECYCLE_QUALIFIED },
    { "Sales Qualified Lead", CRM_LIFECYCLE_QUALIFIED },
    { "opportunity", CRM_LIFECYCLE_OPPORTUNITY },
    { "customer", CRM_LIFECYCLE_CUSTOMER },
    { "evangelist", CRM_LIFECYCLE_ADVOCATE },
    { "other", CRM_LIFECYCLE_LEAD },
    { "Lead", CRM_LIFECYCLE_LEAD },
    { "Churned", CRM_LIFECYCLE_CHURNED },
  };
  CrmLifecycleStage stage;
  gboolean value;

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_assert_true (crm_import_parse_lifecycle (stages[i].text, &stage));
      g_assert_cmpint (stage, ==, stages[i].stage);
    }
  g_assert_false (crm_import_parse_lifecycle ("martian", &stage));

  g_assert_true (crm_import_parse_boolean ("Yes", &value) && value);
  g_assert_true (crm_import_parse_boolean ("TRUE", &value) && value);
  g_assert_true (crm_import_parse_boolean ("1", &value) && value);
  g_assert_true (crm_import_parse_boolean ("no", &value) && !value);
  g_assert_true (crm_import_parse_boolean ("", &value) && !value);
  g_assert_false (crm_import_parse_boolean ("maybe", &value));

  g_assert_cmpint (crm_import_guess_field (CRM_IMPORT_KIND_CONTACTS, "title"), ==,
                   CRM_IMPORT_FIELD_JOB_TITLE);
  g_assert_cmpint (crm_import_guess_field (CRM_IMPORT_KIND_DEALS, "title"), ==,
                   CRM_IMPORT_FIELD_DEAL_TITLE);
}

static void
test_header_spellings (void)
{
  struct
  {
    const char *header;
    CrmImportKind kind;
    CrmImportField field;
  } cases[] = {
    { "First Name", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_FIRST_NAME },
    { "Given Name", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_FIRST_NAME },
    { "E-mail Address", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_EMAIL },
    { "E-mail 1 - Value", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_EMAIL },
    { "EMAIL", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_EMAIL },
    { "Company Name", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_COMPANY },
    { "Organization Name", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_COMPANY },
    { "Phone Number", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_PHONE },
    { "Phone 1 - Value", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_PHONE },
    { "Mobile Phone", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_PHONE },
    { "Lifecycle Stage", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_LIFECYCLE },
    { "Lead Status", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_LIFECYCLE },
    { "Labels", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_TAGS },
    { "Tags", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_TAGS },
    { "Notes", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_NOTES },
    { "Owner", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_OWNER },
    { "Contact owner", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_OWNER },
    { "Country/Region", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_COUNTRY },
    { "Lead Source", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_SOURCE },
    { "Original Source", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_SOURCE },
    { "Create Date", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_CAPTURED_AT },
    { "Last Contacted", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_LAST_CONTACTED_AT },
    { "Deal Name", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_DEAL_TITLE },
    { "Amount", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_AMOUNT },
    { "Deal Value", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_AMOUNT },
    { "Close Date", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_CLOSE_DATE },
    { "Expected close date", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_CLOSE_DATE },
    { "Deal Stage", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_DEAL_STAGE },
    { "Stage", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_DEAL_STAGE },
    { "Contact", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_CONTACT },
    { "Person", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_CONTACT },
    { "Organization", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_COMPANY },
    { "Deal - Title", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_DEAL_TITLE },
    { "Organization - Name", CRM_IMPORT_KIND_DEALS, CRM_IMPORT_FIELD_COMPANY },
    { "Person - Name", CRM_IMPORT_KIND_ACTIVITIES, CRM_IMPORT_FIELD_CONTACT },
    { "Company Name", CRM_IMPORT_KIND_COMPANIES, CRM_IMPORT_FIELD_NAME },
    { "Company Domain Name", CRM_IMPORT_KIND_COMPANIES, CRM_IMPORT_FIELD_WEBSITE },
    { "Subject", CRM_IMPORT_KIND_ACTIVITIES, CRM_IMPORT_FIELD_SUBJECT },
    { "Record ID", CRM_IMPORT_KIND_CONTACTS, CRM_IMPORT_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = crm_import_normalise_header (cases[i].header);

      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (crm_import_guess_field (cases[i].kind, key), ==, cases[i].field);
    }
}

int
main (int argc, char **argv)
{
  /* Dates without a zone are local time: make local time UTC for the expected values. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  CRM_TEST_ADD_WITH_STORE ("/importer/hubspot-contacts", test_hubspot_contacts);
  CRM_TEST_ADD_WITH_STORE ("/importer/pipedrive-contacts", test_pipedrive_contacts);
  CRM_TEST_ADD_WITH_STORE ("/importer/google-contacts", test_google_contacts);
  CRM_TEST_ADD_WITH_STORE ("/importer/deals", test_deals);
  CRM_TEST_ADD_WITH_STORE ("/importer/deals/currencies", test_deals_currencies);
  CRM_TEST_ADD_WITH_STORE ("/importer/companies", test_companies);
  CRM_TEST_ADD_WITH_STORE ("/importer/activities", test_activities);
  CRM_TEST_ADD_WITH_STORE ("/importer/vcard", test_vcard);
  CRM_TEST_ADD_WITH_STORE ("/importer/odd-files", test_odd_files);
  CRM_TEST_ADD_WITH_STORE ("/importer/white-space-tidied", test_white_space_tidied);
  CRM_TEST_ADD_WITH_STORE ("/importer/broken-file", test_broken_file);
  CRM_TEST_ADD_WITH_STORE ("/importer/cancel", test_cancel);
  CRM_TEST_ADD_WITH_STORE ("/importer/progress-ends-before-commit",
                           test_progress_ends_before_commit);
  CRM_TEST_ADD_WITH_STORE ("/importer/duplicates/skip", test_duplicates_skip);
  CRM_TEST_ADD_WITH_STORE ("/importer/duplicates/merge", test_duplicates_merge);
  CRM_TEST_ADD_WITH_STORE ("/importer/duplicates/new", test_duplicates_new);
  CRM_TEST_ADD_WITH_STORE ("/importer/duplicates/deleted-meanwhile",
                           test_duplicate_deleted_meanwhile);
  CRM_TEST_ADD_WITH_STORE ("/importer/dry-run", test_dry_run);
  CRM_TEST_ADD_WITH_STORE ("/importer/async", test_async);
#undef ADD
  g_test_add_func ("/importer/parse/time", test_parse_time);
  g_test_add_func ("/importer/parse/amount", test_parse_amount);
  g_test_add_func ("/importer/parse/words", test_parse_words);
  g_test_add_func ("/importer/headers", test_header_spellings);
  return g_test_run ();
}
