/* test-contact-matches.c — a search typed letter by letter, read as the store reads a filter
 * few contacts pass: along the sort's index for a while, or from the matches it remembers and
 * narrows (crm-store-contact-matches.c), each test run with no walk (the remembered matches
 * only), a short one (both, as pages are found in it or not) and the program's: every page,
 * every count, in every sort order, against plain SQL written out here; and after each kind
 * of change that could make the remembered lists wrong (a contact added, renamed, deleted, its
 * sort key changed, a company renamed, a write from another connection), the next keystroke
 * (or one taken back) still lists what SQL lists. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-contact-list-model.h"
#include "crm-contact.h"
#include "crm-repository.h"
#include "crm-seed.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

#define REFERENCE_DAY ((gint64) 1717200000)
#define PAGE 64

typedef struct
{
  char *folder;
  char *path;
  CrmStore *store;
} Fixture;

/* The ORDER BY of each sort, written out independently of the store. */
static const char *const truth_orders[CRM_CONTACT_N_SORTS] = {
  [CRM_CONTACT_SORT_NAME] = "name COLLATE NOCASE, id",
  [CRM_CONTACT_SORT_SCORE] = "score DESC, id DESC",
  [CRM_CONTACT_SORT_LAST_CONTACTED] = "last_contacted_at IS NULL, last_contacted_at DESC, id DESC",
  [CRM_CONTACT_SORT_CAPTURED] = "captured_at DESC, id DESC",
  [CRM_CONTACT_SORT_COMPANY] = "company_name IS NULL, company_name COLLATE NOCASE, id",
};

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CrmSeedOptions options;

  fixture->folder = g_dir_make_tmp ("rapport-matches-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  crm_seed_options_init (&options);
  options.n_contacts = 3000;
  options.n_companies = 250;
  options.n_deals = 100;
  options.n_activities = 300;
  options.seed = 11;
  options.now = REFERENCE_DAY;
  g_assert_true (crm_seed_database (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store->contact_walk_rows = GPOINTER_TO_UINT (data);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

/* The ids SQL lists for @text's FTS query in @sort order, on a connection of its own. */
static GArray *
truth_ids (Fixture *fixture, const char *text, CrmContactSort sort)
{
  g_autofree char *match = crm_store_build_fts_query (text);
  g_autofree char *sql = g_strdup_printf (
      "SELECT id FROM contacts WHERE id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts "
      "MATCH ?1) ORDER BY %s",
      truth_orders[sort]);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (statement, 1, match, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return ids;
}

static void
assert_page (GPtrArray *records, GArray *truth, guint start, guint length, const char *what)
{
  g_assert_nonnull (records);
  if (records->len != length)
    g_error ("%s: %u rows, expected %u", what, records->len, length);
  for (guint i = 0; i < length; i++)
    {
      const CrmContactRecord *record = records->pdata[i];

      if (record->id != g_array_index (truth, gint64, start + i))
        g_error ("%s: row %u is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, what, start + i,
                 record->id, g_array_index (truth, gint64, start + i));
    }
}

/* The count and every page of @text in @sort order, read as the list model reads them (from
 * the top by offset, on by keyset, back from the end), equal SQL's. */
static void
assert_search (Fixture *fixture, const char *text, CrmContactSort sort)
{
  g_autoptr (GArray) truth = truth_ids (fixture, text, sort);
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = (char *) text };
  g_autoptr (GError) error = NULL;
  g_autofree char *what = g_strdup_printf ("\"%s\" in order %d", text, sort);
  guint n = truth->len;

  g_assert_cmpuint (crm_store_count_contacts_filtered (fixture->store, &filter, &error), ==, n);
  g_assert_no_error (error);
  for (guint start = 0; start < n || start == 0; start += PAGE)
    {
      guint length = MIN (PAGE, n - start);
      g_autoptr (GPtrArray) by_offset = crm_store_fetch_contacts_filtered (
          fixture->store, sort, &filter, NULL, start, PAGE, &error);
      g_autoptr (GPtrArray) from_end = NULL;

      g_assert_no_error (error);
      assert_page (by_offset, truth, start, length, what);
      from_end = crm_store_fetch_contacts_filtered_from_end (fixture->store, sort, &filter,
                                                             n - start - length, length, &error);
      g_assert_no_error (error);
      assert_page (from_end, truth, start, length, what);
      if (start > 0)
        {
          g_autoptr (CrmContactRecord) before = crm_store_get_contact (
              fixture->store, g_array_index (truth, gint64, start - 1), &error);
          g_autoptr (GPtrArray) by_key = NULL;
          CrmContactSortKey key;

          crm_contact_sort_key_init (&key, sort, before);
          by_key = crm_store_fetch_contacts_filtered (fixture->store, sort, &filter, &key, 0, PAGE,
                                                      &error);
          g_assert_no_error (error);
          assert_page (by_key, truth, start, length, what);
        }
      if (n == 0)
        break;
    }
}

/* @text typed letter by letter (and a letter taken back), each step checked. */
static void
assert_typed (Fixture *fixture, const char *text, CrmContactSort sort)
{
  for (const char *end = g_utf8_next_char (text);; end = g_utf8_next_char (end))
    {
      g_autofree char *typed = g_strndup (text, end - text);

      assert_search (fixture, typed, sort);
      if (*end == '\0')
        break;
    }
}

static void
test_typed_in_every_order (Fixture *fixture, gconstpointer data)
{
  static const char *const texts[] = { "Anna Schmidt", "Müller", "li", "Zimmermann", "qwz" };

  for (CrmContactSort sort = 0; sort < CRM_CONTACT_N_SORTS; sort++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      assert_typed (fixture, texts[i], sort);
  /* Taken back: a wider search, read anew; and a word that is not a longer one. */
  assert_search (fixture, "Anna Schmi", CRM_CONTACT_SORT_NAME);
  assert_search (fixture, "Anna Schmidt", CRM_CONTACT_SORT_NAME);
  assert_search (fixture, "Anna Xchmidt", CRM_CONTACT_SORT_NAME);
  assert_search (fixture, "Schmidt Anna", CRM_CONTACT_SORT_NAME);
}

static gint64
sql_int (Fixture *fixture, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 value = 0;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static gint64
first_match (Fixture *fixture, const char *text)
{
  g_autoptr (GArray) ids = truth_ids (fixture, text, CRM_CONTACT_SORT_NAME);

  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

static void
update_contact (Fixture *fixture, CrmContactRecord *contact)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

/* Between two keystrokes of a search, each change that could make the remembered matches
 * wrong: the next keystroke lists what SQL lists (as it would if they were not kept). */
static void
test_changes_between_keystrokes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) added = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) renamed = NULL;
  g_autoptr (CrmContactRecord) scored = NULL;
  g_autoptr (CrmCompanyRecord) company = NULL;
  sqlite3 *db = NULL;

  /* A contact added that the longer search finds. */
  assert_search (fixture, "Zi", CRM_CONTACT_SORT_NAME);
  added->name = g_strdup ("Zimbo Aaronson");
  g_assert_true (crm_store_insert_contact (fixture->store, added, &error));
  g_assert_no_error (error);
  assert_search (fixture, "Zim", CRM_CONTACT_SORT_NAME);
  /* Taken back: the list remembered for "Zi" before the change is not used. */
  assert_search (fixture, "Zi", CRM_CONTACT_SORT_NAME);

  /* A contact renamed into the search, and one out of it. */
  assert_search (fixture, "An", CRM_CONTACT_SORT_NAME);
  renamed = crm_store_get_contact (fixture->store, first_match (fixture, "Lindqvist"), &error);
  g_free (renamed->name);
  renamed->name = g_strdup ("Annika Zzyzx");
  update_contact (fixture, renamed);
  assert_search (fixture, "Ann", CRM_CONTACT_SORT_NAME);
  g_free (renamed->name);
  renamed->name = g_strdup ("Bo Zzyzx");
  update_contact (fixture, renamed);
  assert_search (fixture, "Anni", CRM_CONTACT_SORT_NAME);

  /* A sort key changed (the score, listed by score); then deleted. */
  assert_search (fixture, "Mü", CRM_CONTACT_SORT_SCORE);
  scored = crm_store_get_contact (fixture->store, first_match (fixture, "Müller"), &error);
  scored->score = scored->score > 50 ? 1 : 99;
  update_contact (fixture, scored);
  assert_search (fixture, "Mül", CRM_CONTACT_SORT_SCORE);
  g_assert_true (crm_store_delete_contact (fixture->store, scored->id, &error));
  g_assert_no_error (error);
  assert_search (fixture, "Müll", CRM_CONTACT_SORT_SCORE);
  assert_search (fixture, "Mü", CRM_CONTACT_SORT_SCORE);

  /* A company renamed: its people are found by its new name. */
  assert_search (fixture, "Q", CRM_CONTACT_SORT_NAME);
  company = crm_store_get_company (
      fixture->store,
      sql_int (fixture, "SELECT company_id FROM contacts WHERE company_id IS NOT NULL LIMIT 1"),
      &error);
  g_assert_nonnull (company);
  g_free (company->name);
  company->name = g_strdup ("Qzxco Ltd");
  g_assert_true (crm_store_update_company (fixture->store, company, &error));
  g_assert_no_error (error);
  assert_search (fixture, "Qz", CRM_CONTACT_SORT_NAME);
  g_assert_cmpuint (crm_store_count_contacts_filtered (
                        fixture->store,
                        &(CrmContactFilter){ .score_min = -1, .score_max = -1, .text = "Qzxco" },
                        NULL),
                    >, 0);

  /* Written from another connection. */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE contacts SET name = 'Qzxperson One' WHERE id = (SELECT "
                                 "min (id) FROM contacts WHERE company_id IS NULL OR company_id "
                                 "!= (SELECT id FROM companies WHERE name = 'Qzxco Ltd'))",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  assert_search (fixture, "Qzx", CRM_CONTACT_SORT_NAME);
  assert_search (fixture, "Qzxp", CRM_CONTACT_SORT_NAME);
  g_assert_cmpuint (crm_store_count_contacts_filtered (
                        fixture->store,
                        &(CrmContactFilter){ .score_min = -1, .score_max = -1, .text = "Qzxp" },
                        NULL),
                    ==, 1);
}

/* The page cache grows for searching only once a search is read: listing and counting the
 * contacts keep SQLite's default. */
static void
test_search_cache (Fixture *fixture, gconstpointer data)
{
  CrmContactFilter filter = { .score_min = -1, .score_max = -1 };
  gint64 before = crm_store_query_int64 (fixture->store->db, "PRAGMA cache_size", NULL);
  g_autoptr (GPtrArray) page = crm_store_fetch_contacts_filtered (
      fixture->store, CRM_CONTACT_SORT_NAME, &filter, NULL, 0, PAGE, NULL);

  g_assert_nonnull (page);
  g_assert_cmpint (crm_store_query_int64 (fixture->store->db, "PRAGMA cache_size", NULL), ==,
                   before);
  assert_search (fixture, "li", CRM_CONTACT_SORT_NAME);
  g_assert_cmpint (crm_store_query_int64 (fixture->store->db, "PRAGMA cache_size", NULL), <,
                   MIN (before, -16384));
}

int
main (int argc, char **argv)
{
  static const guint walks[] = { 0, 300, CRM_STORE_CONTACT_WALK_ROWS };

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (walks); i++)
    {
      g_autofree char *typed
          = g_strdup_printf ("/contact-matches/walk-%u/typed-in-every-order", walks[i]);
      g_autofree char *changes
          = g_strdup_printf ("/contact-matches/walk-%u/changes-between-keystrokes", walks[i]);

      g_test_add (typed, Fixture, GUINT_TO_POINTER (walks[i]), fixture_set_up,
                  test_typed_in_every_order, fixture_tear_down);
      g_test_add (changes, Fixture, GUINT_TO_POINTER (walks[i]), fixture_set_up,
                  test_changes_between_keystrokes, fixture_tear_down);
    }
  g_test_add ("/contact-matches/search-cache", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_search_cache, fixture_tear_down);
  return g_test_run ();
}
