/* test-cli.c — rapport-cli as a user and a script meet it: the built program (path in
 * $RAPPORT_CLI) run in a temporary folder, its output, exit statuses and the files it writes,
 * checked through the store API. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include <json-glib/json-glib.h>

#include "crm-store.h"
#include "crm-test-kpi-data.h"
#include "crm-cli-test-util.h"

typedef CrmCliFixture Fixture;

static CrmStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  CrmStore *store = crm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
count (CrmStore *store, CrmEntity entity)
{
  g_autoptr (GError) error = NULL;
  gint64 n = crm_store_count (store, entity, &error);

  g_assert_no_error (error);
  return n;
}

static void
seed_small (Fixture *fixture, const char *path, const char *seed)
{
  g_autoptr (CrmCliResult) result = crm_cli_run (
      fixture, "--database", path, "seed", "--contacts", "120", "--companies", "12", "--deals",
      "40", "--activities", "300", "--seed", seed, "--date", "2024-06-01");

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
}

/* A digest of what a seeded database holds, independent of uuids and file layout: every deal
 * (title, value, currency, stage, dates) and every contact (name, e-mail, lifecycle, dates). */
static char *
database_digest (const char *path)
{
  g_autoptr (CrmStore) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) contacts = NULL;
  guint n_contacts;

  g_assert_no_error (error);
  for (guint p = 0; p < pipelines->len; p++)
    {
      CrmPipelineRecord *pipeline = g_ptr_array_index (pipelines, p);
      g_autoptr (GPtrArray) stages = crm_store_list_stages (store, pipeline->id, &error);

      g_assert_no_error (error);
      for (guint s = 0; s < stages->len; s++)
        {
          CrmStageRecord *stage = g_ptr_array_index (stages, s);
          g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (store, stage->id, &error);

          g_assert_no_error (error);
          for (guint i = 0; i < ids->len; i++)
            {
              g_autoptr (CrmDealRecord) deal
                  = crm_store_get_deal (store, g_array_index (ids, gint64, i), &error);
              g_autofree char *line = NULL;

              g_assert_no_error (error);
              line = g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT
                                      "|%" G_GINT64_FORMAT "\n",
                                      deal->title, deal->value_minor, deal->currency, stage->name,
                                      deal->created_at, deal->closed_at);
              g_checksum_update (checksum, (const guchar *) line, -1);
            }
        }
    }

  n_contacts = crm_store_count_contacts (store, &error);
  g_assert_no_error (error);
  contacts = crm_store_fetch_contacts (store, NULL, 0, 0, n_contacts, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContactRecord *contact = g_ptr_array_index (contacts, i);
      g_autofree char *line = g_strdup_printf (
          "%s|%s|%d|%d|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "\n", contact->name,
          contact->email != NULL ? contact->email : "", contact->lifecycle, contact->score,
          contact->captured_at, contact->last_contacted_at);
      g_checksum_update (checksum, (const guchar *) line, -1);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_seed_counts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result
      = crm_cli_run (fixture, "--database", fixture->path, "seed", "--contacts", "150",
                     "--companies", "15", "--deals", "30", "--activities", "400", "--seed", "7");
  g_autoptr (CrmStore) store = NULL;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "Contacts: 150\n"));
  g_assert_nonnull (strstr (result->out, "Deals: 30\n"));
  g_assert_nonnull (strstr (result->out, "rows/s"));

  store = open_store (fixture->path);
  g_assert_cmpint (count (store, CRM_ENTITY_CONTACT), ==, 150);
  g_assert_cmpint (count (store, CRM_ENTITY_COMPANY), ==, 15);
  g_assert_cmpint (count (store, CRM_ENTITY_DEAL), ==, 30);
  g_assert_cmpint (count (store, CRM_ENTITY_ACTIVITY), ==, 400);
  /* Every deal has at least its creation in the history. */
  g_assert_cmpint (count (store, CRM_ENTITY_DEAL_STAGE_HISTORY), >=, 30);
  g_assert_cmpint (count (store, CRM_ENTITY_ACQUISITION_SPEND), >, 0);
}

static void
test_seed_default_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result
      = crm_cli_run (fixture, "seed", "--contacts", "20", "--deals", "5", "--activities", "30");
  g_autofree char *path
      = g_build_filename (fixture->folder, "data-home", "rapport", "rapport.db", NULL);
  g_autoptr (CrmStore) store = NULL;

  g_assert_cmpint (result->status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  store = open_store (path);
  g_assert_cmpint (count (store, CRM_ENTITY_CONTACT), ==, 20);
}

static void
test_seed_deterministic (Fixture *fixture, gconstpointer data)
{
  g_autofree char *a = g_build_filename (fixture->folder, "a.db", NULL);
  g_autofree char *b = g_build_filename (fixture->folder, "b.db", NULL);
  g_autofree char *c = g_build_filename (fixture->folder, "c.db", NULL);
  g_autofree char *digest_a = NULL;
  g_autofree char *digest_b = NULL;
  g_autofree char *digest_c = NULL;

  seed_small (fixture, a, "42");
  seed_small (fixture, b, "42");
  seed_small (fixture, c, "43");
  digest_a = database_digest (a);
  digest_b = database_digest (b);
  digest_c = database_digest (c);

  g_assert_cmpstr (digest_a, ==, digest_b);
  g_assert_cmpstr (digest_a, !=, digest_c);
}

static void
test_seed_bad_options (Fixture *fixture, gconstpointer data)
{
  const char *const bad[][5] = {
    { "--contacts", "-5", NULL },     { "--contacts", "0", "--deals", "3", NULL },
    { "--deals", "many", NULL },      { "--seed", "-1", NULL },
    { "--date", "2024-13-40", NULL }, { "--bogus", NULL, NULL },
    { "extra-argument", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (CrmCliResult) result = crm_cli_run (fixture, "--database", fixture->path, "seed",
                                                     bad[i][0], bad[i][1], bad[i][2], bad[i][3]);

      g_assert_cmpint (result->status, ==, 2);
      crm_cli_assert_one_line_error (result);
      g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
    }
}

static void
test_check_fresh_and_seeded (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmStore) store = open_store (fixture->path);
  g_autoptr (CrmCliResult) fresh = NULL;
  g_autoptr (CrmCliResult) seeded = NULL;

  g_clear_object (&store);
  fresh = crm_cli_run (fixture, "--database", fixture->path, "check");
  g_assert_cmpint (fresh->status, ==, 0);
  g_assert_cmpstr (fresh->out, ==, "ok\n");
  g_assert_cmpstr (fresh->err, ==, "");

  seed_small (fixture, fixture->path, "1");
  /* The option may also follow the command. */
  seeded = crm_cli_run (fixture, "check", "--database", fixture->path);
  g_assert_cmpint (seeded->status, ==, 0);
  g_assert_cmpstr (seeded->out, ==, "ok\n");
}

static void
test_check_garbage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) garbage = g_string_new (NULL);
  g_autoptr (CrmCliResult) result = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < 512; i++)
    g_string_append (garbage, "this is not a database. ");
  g_file_set_contents (fixture->path, garbage->str, (gssize) garbage->len, &error);
  g_assert_no_error (error);

  result = crm_cli_run (fixture, "--database", fixture->path, "check");
  g_assert_cmpint (result->status, ==, 1);
  crm_cli_assert_one_line_error (result);

  /* Refused, and left alone. */
  g_file_get_contents (fixture->path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, garbage->str);
}

static void
test_check_missing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result = crm_cli_run (fixture, "--database", fixture->path, "check");

  g_assert_cmpint (result->status, ==, 1);
  crm_cli_assert_one_line_error (result);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_backup_copy (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CrmCliResult) result = NULL;
  g_autoptr (CrmStore) original = NULL;
  g_autoptr (CrmStore) copy = NULL;
  GStatBuf info;

  seed_small (fixture, fixture->path, "5");
  result = crm_cli_run (fixture, "--database", fixture->path, "backup", dest);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);

  g_assert_cmpint (g_stat (dest, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  original = open_store (fixture->path);
  copy = open_store (dest);
  for (CrmEntity entity = 0; entity < CRM_N_ENTITIES; entity++)
    g_assert_cmpint (count (copy, entity), ==, count (original, entity));
  g_assert_cmpint (count (copy, CRM_ENTITY_CONTACT), ==, 120);
}

static void
test_backup_refuses_overwrite (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CrmCliResult) refused = NULL;
  g_autoptr (CrmCliResult) forced = NULL;
  g_autoptr (CrmCliResult) itself = NULL;
  g_autoptr (CrmStore) copy = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  seed_small (fixture, fixture->path, "5");
  g_file_set_contents (dest, "keep me", -1, &error);
  g_assert_no_error (error);

  refused = crm_cli_run (fixture, "--database", fixture->path, "backup", dest);
  g_assert_cmpint (refused->status, ==, 1);
  crm_cli_assert_one_line_error (refused);
  g_file_get_contents (dest, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "keep me");

  forced = crm_cli_run (fixture, "--database", fixture->path, "backup", "--force", dest);
  g_assert_cmpint (forced->status, ==, 0);
  copy = open_store (dest);
  g_assert_cmpint (count (copy, CRM_ENTITY_CONTACT), ==, 120);

  /* Never onto the database itself, even when forced. */
  itself = crm_cli_run (fixture, "--database", fixture->path, "backup", "--force", fixture->path);
  g_assert_cmpint (itself->status, ==, 1);
  crm_cli_assert_one_line_error (itself);
}

static void
test_backup_usage (Fixture *fixture, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (CrmCliResult) no_dest = crm_cli_run (fixture, "--database", fixture->path, "backup");
  g_autoptr (CrmCliResult) two_dests
      = crm_cli_run (fixture, "--database", fixture->path, "backup", dest, dest);
  g_autoptr (CrmCliResult) no_database
      = crm_cli_run (fixture, "--database", fixture->path, "backup", dest);

  g_assert_cmpint (no_dest->status, ==, 2);
  crm_cli_assert_one_line_error (no_dest);
  g_assert_cmpint (two_dests->status, ==, 2);
  crm_cli_assert_one_line_error (two_dests);
  g_assert_cmpint (no_database->status, ==, 1);
  crm_cli_assert_one_line_error (no_database);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
}

/* `search` prints one tab-separated line per match (kind, id, name, details), names first; any
 * text is safe; no words is a usage error. */
static void
test_search (Fixture *fixture, gconstpointer data)
{
  const char *hostile[] = { "\"", "*", "(", "NEAR", "-", "'", "AND", "ada\" OR *(" };
  g_autoptr (CrmCliResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_auto (GStrv) cells = NULL;
  gint64 ada_id;

  {
    g_autoptr (CrmStore) store = open_store (fixture->path);
    g_autoptr (CrmContactRecord) ada = crm_contact_record_new ();
    g_autoptr (CrmContactRecord) other = crm_contact_record_new ();

    ada->name = g_strdup ("Ada Lovelace");
    ada->email = g_strdup ("ada@analytical.example");
    ada->notes = g_strdup ("Tabs\tand\nnewlines stay on one line");
    g_assert_true (crm_store_insert_contact (store, ada, &error));
    other->name = g_strdup ("Charles Babbage");
    other->notes = g_strdup ("Worked with Ada");
    g_assert_true (crm_store_insert_contact (store, other, &error));
    g_assert_no_error (error);
    ada_id = ada->id;
  }

  result = crm_cli_run (fixture, "--database", fixture->path, "search", "ada", "lovel");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2); /* one match and the final newline */
  cells = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (cells), ==, 4);
  g_assert_cmpstr (cells[0], ==, "contact");
  g_assert_cmpint (g_ascii_strtoll (cells[1], NULL, 10), ==, ada_id);
  g_assert_cmpstr (cells[2], ==, "Ada Lovelace");
  g_clear_pointer (&lines, g_strfreev);
  g_clear_pointer (&cells, g_strfreev);
  g_clear_pointer (&result, crm_cli_result_free);

  /* Both match "ada": the one named so first, the one whose notes mention her after. */
  result = crm_cli_run (fixture, "--database", fixture->path, "search", "ADA");
  g_assert_cmpint (result->status, ==, 0);
  lines = g_strsplit (result->out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_nonnull (strstr (lines[0], "Ada Lovelace"));
  g_assert_nonnull (strstr (lines[1], "Charles Babbage"));
  g_clear_pointer (&result, crm_cli_result_free);

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      result = crm_cli_run (fixture, "--database", fixture->path, "search", hostile[i]);
      g_assert_cmpint (result->status, ==, 0);
      g_assert_cmpstr (result->err, ==, "");
      g_clear_pointer (&result, crm_cli_result_free);
    }

  result = crm_cli_run (fixture, "--database", fixture->path, "search");
  g_assert_cmpint (result->status, ==, 2);
  crm_cli_assert_one_line_error (result);
}

/* `score` recomputes every score, says how many it scored and changed, and lists the highest;
 * a second run changes nothing. */
static void
test_score (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result = NULL;
  g_autoptr (CrmStore) store = NULL;
  g_autoptr (GPtrArray) top = NULL;
  g_autoptr (GError) error = NULL;

  seed_small (fixture, fixture->path, "5");
  result = crm_cli_run (fixture, "--database", fixture->path, "score");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (g_str_has_prefix (result->out, "Scored 120 contacts in "));
  g_assert_nonnull (strstr (result->out, "Highest scores:\n"));
  /* Leads at 50 or more moved to Qualified (the default rules), and it says how many. */
  g_assert_nonnull (strstr (result->out, "became Qualified (score 50 or more)\n"));
  g_clear_pointer (&result, crm_cli_result_free);
  store = open_store (fixture->path);
  {
    g_autoptr (GPtrArray) all = crm_store_fetch_contacts (store, NULL, 0, 0, 1000, &error);
    guint qualified = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < all->len; i++)
      {
        const CrmContactRecord *contact = all->pdata[i];

        g_assert_false (contact->lifecycle == CRM_LIFECYCLE_LEAD && contact->score >= 50);
        qualified += contact->lifecycle == CRM_LIFECYCLE_QUALIFIED;
      }
    g_assert_cmpuint (qualified, >, 0);
  }

  /* The highest score printed first is the highest stored. */
  top = crm_store_fetch_contacts_sorted (store, CRM_CONTACT_SORT_SCORE, NULL, NULL, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (top->len, ==, 1);
  g_clear_object (&store);

  result = crm_cli_run (fixture, "--database", fixture->path, "score");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_nonnull (strstr (result->out, "; 0 scores changed\n0 leads became Qualified"));
  {
    g_autofree char *expected = g_strdup_printf ("%3d\t%" G_GINT64_FORMAT "\t",
                                                 ((CrmContactRecord *) top->pdata[0])->score,
                                                 ((CrmContactRecord *) top->pdata[0])->id);
    g_assert_nonnull (strstr (result->out, expected));
  }
  g_clear_pointer (&result, crm_cli_result_free);

  result = crm_cli_run (fixture, "--database", fixture->path, "score", "extra");
  g_assert_cmpint (result->status, ==, 2);
  crm_cli_assert_one_line_error (result);
}

/* ---- kpi ----------------------------------------------------------------------------------------
 *
 * Over the hand-built database of crm-test-kpi-data.c. Q1 2024 ([2024-01-01, 2024-04-01), both
 * pipelines), as worked out in tests/test-kpi.c (/kpi/q1/all-pipelines): the open pipeline at
 * 04-01 EUR 215005 + USD 20000, weighted EUR 115001 + USD 10000; won D1 D4 D12 D3 and lost D2
 * D5: win rate 4/6; average EUR 190000 / 3 = 63333, USD 30000; cycle (50 + 10 + 51 + 60) / 4 =
 * 42.75 days; velocity EUR 5 × 4/6 × 63333 / 42.75 = 4938, USD 1 × 4/6 × 30000 / 42.75 = 468;
 * Sales Initial contact 7 of 8 advanced …; 4 new leads (Website 2, Partner 1, none 1), 1 a
 * customer now: 0.25; churn 1 of 3; NPS (3 − 2) / 6 × 100; CSAT 2/4; lifetime value EUR
 * 195000 / 3 = 65000, USD 30000; CAC EUR 400000 / 2 = 200000, USD 50000 / 2 = 25000.
 */

static const char *const kpi_keys[] = {
  "open_pipeline_value",
  "weighted_forecast",
  "win_rate",
  "average_deal_size",
  "sales_cycle_days",
  "stage_conversion",
  "pipeline_velocity",
  "new_leads",
  "lead_to_customer_rate",
  "churn_rate",
  "nps",
  "csat",
  "customer_lifetime_value",
  "cac",
};

static void
write_kpi_data (Fixture *fixture)
{
  g_autoptr (CrmStore) store = open_store (fixture->path);
  CrmTestKpiData data;

  crm_test_kpi_data_write (store, &data);
}

/* Parses the output: one JSON object whose members are exactly the KPI keys and
 * "unavailable". */
static JsonObject *
parse_kpi_json (const CrmCliResult *result)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GList) members = NULL;
  JsonNode *root;

  g_assert_cmpstr (result->err, ==, "");
  g_assert_cmpint (result->status, ==, 0);
  json_parser_load_from_data (parser, result->out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  members = json_object_get_members (json_node_get_object (root));
  g_assert_cmpuint (g_list_length (members), ==, G_N_ELEMENTS (kpi_keys) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (kpi_keys); i++)
    g_assert_true (json_object_has_member (json_node_get_object (root), kpi_keys[i]));
  g_assert_nonnull (json_object_get_object_member (json_node_get_object (root), "unavailable"));
  return json_object_ref (json_node_get_object (root));
}

/* A money member: an object of currency codes to integers, as "EUR 1, USD 2". */
static void
assert_json_money (JsonObject *object, const char *key, const char *expected)
{
  JsonObject *money = json_object_get_object_member (object, key);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GList) members = NULL;

  g_assert_nonnull (money);
  members = json_object_get_members (money);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (money, l->data);

      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
      g_string_append_printf (text, "%s%s %" G_GINT64_FORMAT, text->len > 0 ? ", " : "",
                              (const char *) l->data, json_node_get_int (node));
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
assert_json_number (JsonObject *object, const char *key, double expected)
{
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (object, key), expected, 1e-9);
}

static void
test_kpi_json (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result = NULL;
  g_autoptr (JsonObject) kpis = NULL;
  JsonArray *stages;
  JsonObject *stage, *leads, *source;

  write_kpi_data (fixture);
  result = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--from", "2024-01-01", "--to",
                        "2024-03-31", "--json");
  kpis = parse_kpi_json (result);

  assert_json_money (kpis, "open_pipeline_value", "EUR 215005, USD 20000");
  assert_json_money (kpis, "weighted_forecast", "EUR 115001, USD 10000");
  assert_json_number (kpis, "win_rate", 4.0 / 6.0);
  assert_json_money (kpis, "average_deal_size", "EUR 63333, USD 30000");
  assert_json_number (kpis, "sales_cycle_days", 42.75);
  assert_json_money (kpis, "pipeline_velocity", "EUR 4938, USD 468");
  assert_json_number (kpis, "lead_to_customer_rate", 0.25);
  assert_json_number (kpis, "churn_rate", 1.0 / 3.0);
  assert_json_number (kpis, "nps", 100.0 / 6.0);
  assert_json_number (kpis, "csat", 0.5);
  assert_json_money (kpis, "customer_lifetime_value", "EUR 65000, USD 30000");
  assert_json_money (kpis, "cac", "EUR 200000, USD 25000");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (kpis, "unavailable")), ==,
                    0);

  /* Every open stage of both pipelines; Partners' later stages had no entry: rate null. */
  stages = json_object_get_array_member (kpis, "stage_conversion");
  g_assert_cmpuint (json_array_get_length (stages), ==, 10);
  stage = json_array_get_object_element (stages, 0);
  g_assert_cmpstr (json_object_get_string_member (stage, "pipeline"), ==, "Sales");
  g_assert_cmpstr (json_object_get_string_member (stage, "stage"), ==, "Initial contact");
  g_assert_cmpint (json_object_get_int_member (stage, "entered"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (stage, "advanced"), ==, 7);
  assert_json_number (stage, "rate", 7.0 / 8.0);
  stage = json_array_get_object_element (stages, 9);
  g_assert_cmpstr (json_object_get_string_member (stage, "pipeline"), ==, "Partners");
  g_assert_cmpint (json_object_get_int_member (stage, "entered"), ==, 0);
  g_assert_true (json_object_get_null_member (stage, "rate"));

  leads = json_object_get_object_member (kpis, "new_leads");
  g_assert_cmpint (json_object_get_int_member (leads, "total"), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (leads, "by_source")), ==,
                    8);
  source = json_array_get_object_element (json_object_get_array_member (leads, "by_source"), 1);
  g_assert_cmpstr (json_object_get_string_member (source, "source"), ==, "Website");
  g_assert_cmpint (json_object_get_int_member (source, "count"), ==, 2);
  source = json_array_get_object_element (json_object_get_array_member (leads, "by_source"), 7);
  g_assert_true (json_object_get_null_member (source, "source"));
  g_assert_cmpint (json_object_get_int_member (source, "count"), ==, 1);
}

/* January 2020 holds nothing: every rate, mean and per-customer figure is null with its
 * reason; the totals are empty objects and the count of leads is 0. Partners alone in Q1: won
 * D12 only, win rate 1, velocity EUR 1 × 1 × 70000 / 51 = 1373; a pipeline is found whatever
 * the case of its name. */
static void
test_kpi_json_unavailable_and_pipeline (Fixture *fixture, gconstpointer data)
{
  const char *const unavailable[] = { "win_rate",
                                      "average_deal_size",
                                      "sales_cycle_days",
                                      "stage_conversion",
                                      "pipeline_velocity",
                                      "lead_to_customer_rate",
                                      "churn_rate",
                                      "nps",
                                      "csat",
                                      "customer_lifetime_value",
                                      "cac" };
  g_autoptr (CrmCliResult) empty = NULL;
  g_autoptr (CrmCliResult) partners = NULL;
  g_autoptr (JsonObject) kpis = NULL;
  JsonObject *reasons;

  write_kpi_data (fixture);
  empty = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--json", "--from",
                       "2020-01-01", "--to", "2020-01-31");
  kpis = parse_kpi_json (empty);
  reasons = json_object_get_object_member (kpis, "unavailable");
  g_assert_cmpuint (json_object_get_size (reasons), ==, G_N_ELEMENTS (unavailable));
  for (guint i = 0; i < G_N_ELEMENTS (unavailable); i++)
    {
      g_assert_true (json_object_get_null_member (kpis, unavailable[i]));
      g_assert_cmpuint (strlen (json_object_get_string_member (reasons, unavailable[i])), >, 0);
    }
  g_assert_cmpstr (json_object_get_string_member (reasons, "win_rate"), ==,
                   "No deal was closed in this period");
  assert_json_money (kpis, "open_pipeline_value", "");
  assert_json_money (kpis, "weighted_forecast", "");
  g_assert_cmpint (
      json_object_get_int_member (json_object_get_object_member (kpis, "new_leads"), "total"), ==,
      0);
  g_clear_pointer (&kpis, json_object_unref);

  partners = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--json", "--from",
                          "2024-01-01", "--to", "2024-03-31", "--pipeline", "PARTNERS");
  kpis = parse_kpi_json (partners);
  assert_json_number (kpis, "win_rate", 1.0);
  assert_json_money (kpis, "pipeline_velocity", "EUR 1373");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (kpis, "stage_conversion")),
                    ==, 5);
}

/* The table: one KPI a line, label then value, money in major units. */
static void
test_kpi_table (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) result = NULL;
  g_autoptr (CrmCliResult) empty = NULL;

  write_kpi_data (fixture);
  result = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--from", "2024-01-01", "--to",
                        "2024-03-31");
  g_assert_cmpint (result->status, ==, 0);
  g_assert_cmpstr (result->err, ==, "");
  g_assert_true (
      g_str_has_prefix (result->out, "KPIs from 2024-01-01 to 2024-03-31, all pipelines\n"));
  g_assert_nonnull (strstr (result->out, "\nWin rate                    66.7 % (4 won, 2 lost)\n"));
  g_assert_nonnull (
      strstr (result->out, "\nOpen pipeline value         EUR 2150.05, USD 200.00\n"));
  g_assert_nonnull (strstr (result->out, "\n  2024-04                   EUR 560.00\n"));
  g_assert_nonnull (
      strstr (result->out, "\nCustomer acquisition cost   EUR 2000.00, USD 250.00\n"));

  empty = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--from", "2020-01-01", "--to",
                       "2020-01-31");
  g_assert_cmpint (empty->status, ==, 0);
  g_assert_nonnull (
      strstr (empty->out, "\nWin rate                    — No deal was closed in this period\n"));
}

/* Bad days, a period that ends before it starts, an unknown pipeline, no database: one line on
 * stderr, nothing on stdout, a non-zero status (2 for the command line, 1 for the rest). */
static void
test_kpi_errors (Fixture *fixture, gconstpointer data)
{
  const char *const bad_usage[][4] = {
    { "--from", "2024-13-01", NULL },
    { "--to", "yesterday", NULL },
    { "--from", "2024-02-30", NULL },
    { "--from", "2024-1-1x", NULL },
    { "--from", "2024-03-01", "--to", "2024-02-01" },
    { "--json", "extra" },
  };
  g_autoptr (CrmCliResult) missing = NULL;
  g_autoptr (CrmCliResult) unknown = NULL;

  missing = crm_cli_run (fixture, "--database", fixture->path, "kpi");
  g_assert_cmpint (missing->status, ==, 1);
  crm_cli_assert_one_line_error (missing);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  write_kpi_data (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (bad_usage); i++)
    {
      g_autoptr (CrmCliResult) result
          = crm_cli_run (fixture, "--database", fixture->path, "kpi", bad_usage[i][0],
                         bad_usage[i][1], bad_usage[i][2], bad_usage[i][3]);

      g_assert_cmpint (result->status, ==, 2);
      crm_cli_assert_one_line_error (result);
    }

  unknown = crm_cli_run (fixture, "--database", fixture->path, "kpi", "--pipeline", "Nope");
  g_assert_cmpint (unknown->status, ==, 1);
  crm_cli_assert_one_line_error (unknown);
  g_assert_nonnull (strstr (unknown->err, "“Nope”"));
}

static void
test_help (Fixture *fixture, gconstpointer data)
{
  const char *const commands[] = { "seed", "check", "backup", "kpi", "help" };
  g_autoptr (CrmCliResult) tool = crm_cli_run (fixture, "--help");
  g_autoptr (CrmCliResult) version = crm_cli_run (fixture, "--version");

  g_assert_cmpint (tool->status, ==, 0);
  g_assert_cmpstr (tool->err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_assert_nonnull (strstr (tool->out, commands[i]));

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, "rapport-cli " PACKAGE_VERSION "\n");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr (CrmCliResult) help = crm_cli_run (fixture, commands[i], "--help");
      g_autoptr (CrmCliResult) help_command = crm_cli_run (fixture, "help", commands[i]);
      g_autofree char *usage = g_strdup_printf ("rapport-cli %s", commands[i]);

      g_assert_cmpint (help->status, ==, 0);
      g_assert_cmpstr (help->err, ==, "");
      g_assert_nonnull (strstr (help->out, usage));
      g_assert_cmpint (help_command->status, ==, 0);
      g_assert_cmpstr (help_command->out, ==, help->out);
    }

  /* Help never touches a database. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_usage_errors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CrmCliResult) unknown = crm_cli_run (fixture, "frobnicate");
  g_autoptr (CrmCliResult) none = crm_cli_run (fixture, "--database", fixture->path);
  g_autoptr (CrmCliResult) bad_option = crm_cli_run (fixture, "--frobnicate", "check");
  g_autoptr (CrmCliResult) extra
      = crm_cli_run (fixture, "--database", fixture->path, "check", "extra");
  g_autoptr (CrmCliResult) unknown_topic = crm_cli_run (fixture, "help", "frobnicate");

  g_assert_cmpint (unknown->status, ==, 2);
  crm_cli_assert_one_line_error (unknown);
  g_assert_nonnull (strstr (unknown->err, "frobnicate"));
  g_assert_cmpint (none->status, ==, 2);
  crm_cli_assert_one_line_error (none);
  g_assert_cmpint (bad_option->status, ==, 2);
  crm_cli_assert_one_line_error (bad_option);
  g_assert_cmpint (extra->status, ==, 2);
  crm_cli_assert_one_line_error (extra);
  g_assert_cmpint (unknown_topic->status, ==, 2);
  crm_cli_assert_one_line_error (unknown_topic);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  CRM_CLI_TEST_ADD ("/cli/seed/counts", test_seed_counts);
  CRM_CLI_TEST_ADD ("/cli/seed/default-database", test_seed_default_database);
  CRM_CLI_TEST_ADD ("/cli/seed/deterministic", test_seed_deterministic);
  CRM_CLI_TEST_ADD ("/cli/seed/bad-options", test_seed_bad_options);
  CRM_CLI_TEST_ADD ("/cli/check/fresh-and-seeded", test_check_fresh_and_seeded);
  CRM_CLI_TEST_ADD ("/cli/check/garbage", test_check_garbage);
  CRM_CLI_TEST_ADD ("/cli/check/missing", test_check_missing);
  CRM_CLI_TEST_ADD ("/cli/backup/copy", test_backup_copy);
  CRM_CLI_TEST_ADD ("/cli/backup/refuses-overwrite", test_backup_refuses_overwrite);
  CRM_CLI_TEST_ADD ("/cli/backup/usage", test_backup_usage);
  CRM_CLI_TEST_ADD ("/cli/search", test_search);
  CRM_CLI_TEST_ADD ("/cli/score", test_score);
  CRM_CLI_TEST_ADD ("/cli/kpi/json", test_kpi_json);
  CRM_CLI_TEST_ADD ("/cli/kpi/json-unavailable-and-pipeline",
                    test_kpi_json_unavailable_and_pipeline);
  CRM_CLI_TEST_ADD ("/cli/kpi/table", test_kpi_table);
  CRM_CLI_TEST_ADD ("/cli/kpi/errors", test_kpi_errors);
  CRM_CLI_TEST_ADD ("/cli/help", test_help);
  CRM_CLI_TEST_ADD ("/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
