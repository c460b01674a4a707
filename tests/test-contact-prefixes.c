/* test-contact-prefixes.c — the one- and two-letter searches the store works out ahead
 * (crm-store-contact-prefixes.c): their counts and first pages equal plain SQL's, written out
 * here on a connection of its own; after each kind of change that could alter them (a contact
 * added, renamed, its e-mail edited, deleted, a company renamed, a bulk write, a write from
 * another connection) they are not used until worked out again, every search still lists what
 * SQL lists, and they equal SQL again once worked out; a score written leaves them in use; work
 * overtaken by a change (between two of its steps) is not used. */
#include <sqlite3.h>
#include <string.h>

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

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CrmSeedOptions options;

  fixture->folder = g_dir_make_tmp ("rapport-prefixes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  crm_seed_options_init (&options);
  options.n_contacts = 3000;
  options.n_companies = 250;
  options.n_deals = 100;
  options.n_activities = 300;
  options.seed = 7;
  options.now = REFERENCE_DAY;
  g_assert_true (crm_seed_database (fixture->store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  fixture->store->contact_prefixes_delay_ms = 5;
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

static gboolean
on_timeout (gpointer data)
{
  g_error ("The searches were not worked out in time");
  return G_SOURCE_REMOVE;
}

static void
wait_until_ready (Fixture *fixture)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout, NULL);

  while (!crm_store_get_contact_prefixes_ready (fixture->store))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
}

/* The ids SQL lists for @text's FTS query in name order. */
static GArray *
truth_ids (Fixture *fixture, const char *text)
{
  g_autofree char *match = crm_store_build_fts_query (text);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id FROM contacts WHERE id IN (SELECT rowid FROM "
                                       "contacts_fts WHERE contacts_fts MATCH ?1) ORDER BY name "
                                       "COLLATE NOCASE, id",
                                       -1, &statement, NULL),
                   ==, SQLITE_OK);
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

/* What the store says of @text (the list by name, from its top, as the list model reads it)
 * equals SQL; and when @worked_out, it comes from the searches worked out ahead, whose ids
 * equal SQL's first ones. */
static void
assert_search (Fixture *fixture, const char *text, gboolean worked_out)
{
  g_autoptr (GArray) truth = truth_ids (fixture, text);
  g_autofree char *match = crm_store_build_fts_query (text);
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = (char *) text };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) page = NULL;
  const GArray *ids = NULL;
  gint64 count = -1;
  guint length = MIN (truth->len, PAGE);

  g_assert_cmpint (crm_store_get_contact_prefix (fixture->store, match, &count, &ids), ==,
                   worked_out);
  if (worked_out)
    {
      g_assert_cmpint (count, ==, truth->len);
      g_assert_cmpuint (ids->len, ==, MIN (truth->len, CRM_STORE_CONTACT_PREFIX_IDS));
      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i), ==, g_array_index (truth, gint64, i));
    }
  g_assert_cmpuint (crm_store_count_contacts_filtered (fixture->store, &filter, &error), ==,
                    truth->len);
  g_assert_no_error (error);
  page = crm_store_fetch_contacts_filtered (fixture->store, CRM_CONTACT_SORT_NAME, &filter, NULL, 0,
                                            PAGE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, length);
  for (guint i = 0; i < length; i++)
    g_assert_cmpint (((CrmContactRecord *) page->pdata[i])->id, ==,
                     g_array_index (truth, gint64, i));
  /* The next page, past the ids kept, is read as before. */
  if (truth->len > PAGE)
    {
      g_autoptr (GPtrArray) next = crm_store_fetch_contacts_filtered (
          fixture->store, CRM_CONTACT_SORT_NAME, &filter, NULL, PAGE, PAGE, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (next->len, ==, MIN (truth->len - PAGE, PAGE));
      for (guint i = 0; i < next->len; i++)
        g_assert_cmpint (((CrmContactRecord *) next->pdata[i])->id, ==,
                         g_array_index (truth, gint64, PAGE + i));
    }
}

/* The name order the store read equals SQL's: every contact's place and id. */
static void
assert_name_order (Fixture *fixture)
{
  const CrmContactNameOrder *order = crm_store_get_contact_name_order (fixture->store);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  guint32 place = 0;

  g_assert_nonnull (order);
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT id FROM contacts ORDER BY name COLLATE NOCASE, id",
                                       -1, &statement, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (statement, 0);

      g_assert_cmpuint (place, <, order->n_contacts);
      g_assert_cmpint (order->ids[place], ==, id);
      g_assert_cmpint (id, <=, order->max_id);
      g_assert_cmpuint (order->ranks[id], ==, place);
      place++;
    }
  g_assert_cmpuint (place, ==, order->n_contacts);
  /* Ids that are no contact's have no place. */
  for (gint64 id = 0; id <= order->max_id; id++)
    if (order->ranks[id] != G_MAXUINT32)
      g_assert_cmpint (order->ids[order->ranks[id]], ==, id);
  sqlite3_finalize (statement);
  sqlite3_close (db);
}

/* Every letter (either case), and the common two-letter beginnings of the seed's names; and
 * longer words, which are put in name order by the name order once it is read. */
static void
assert_prefixes (Fixture *fixture, gboolean worked_out)
{
  static const char *const pairs[] = { "an", "Li", "MA", "sc" };
  static const char *const longer[] = { "ann", "Lind", "mül", "schm", "ma an", "zzz" };

  g_assert_true ((crm_store_get_contact_name_order (fixture->store) != NULL) == worked_out);
  if (worked_out)
    assert_name_order (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (longer); i++)
    assert_search (fixture, longer[i], FALSE);

  for (char letter = 'a'; letter <= 'z'; letter++)
    {
      char text[2] = { letter, '\0' };

      assert_search (fixture, text, worked_out);
      text[0] = g_ascii_toupper (letter);
      assert_search (fixture, text, worked_out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    assert_search (fixture, pairs[i], worked_out);
}

static void
test_equal_sql (Fixture *fixture, gconstpointer data)
{
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = "ann" };
  g_autofree char *longer = crm_store_build_fts_query ("ann");
  g_autofree char *two = crm_store_build_fts_query ("a n");
  g_autofree char *other = crm_store_build_fts_query ("é");
  g_autoptr (GArray) truth = NULL;

  /* Nothing before asked. */
  assert_prefixes (fixture, FALSE);
  crm_store_precompute_contact_prefixes (fixture->store);
  wait_until_ready (fixture);
  assert_prefixes (fixture, TRUE);
  /* Not worked out: longer words, more words, other characters; other orders and pages. */
  g_assert_false (crm_store_get_contact_prefix (fixture->store, longer, NULL, NULL));
  g_assert_false (crm_store_get_contact_prefix (fixture->store, two, NULL, NULL));
  g_assert_false (crm_store_get_contact_prefix (fixture->store, other, NULL, NULL));
  truth = truth_ids (fixture, "ann");
  g_assert_cmpuint (crm_store_count_contacts_filtered (fixture->store, &filter, NULL), ==,
                    truth->len);
}

static void
update_contact (Fixture *fixture, CrmContactRecord *contact)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
}

static gint64
first_of (Fixture *fixture, const char *text)
{
  g_autoptr (GArray) ids = truth_ids (fixture, text);

  g_assert_cmpuint (ids->len, >, 0);
  return g_array_index (ids, gint64, 0);
}

/* After a change that could alter them: not used (and every search as SQL lists it), then
 * worked out again and equal to SQL. */
static void
assert_forgotten_then_again (Fixture *fixture)
{
  g_assert_false (crm_store_get_contact_prefixes_ready (fixture->store));
  assert_prefixes (fixture, FALSE);
  wait_until_ready (fixture);
  assert_prefixes (fixture, TRUE);
}

static void
test_changes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) added = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) renamed = NULL;
  g_autoptr (CrmContactRecord) mailed = NULL;
  g_autoptr (CrmContactRecord) scored = NULL;
  g_autoptr (CrmCompanyRecord) company = NULL;
  CrmContactSelection everyone = { .all_but_ids = TRUE };
  sqlite3 *db = NULL;

  crm_store_precompute_contact_prefixes (fixture->store);
  wait_until_ready (fixture);

  /* A score written (as the score pass does): still in use. */
  scored = crm_store_get_contact (fixture->store, first_of (fixture, "a"), &error);
  scored->score = scored->score > 50 ? 1 : 99;
  update_contact (fixture, scored);
  g_assert_true (crm_store_get_contact_prefixes_ready (fixture->store));
  assert_prefixes (fixture, TRUE);

  /* A contact added first in the "a" list. */
  added->name = g_strdup ("Aaaron Aardvark");
  g_assert_true (crm_store_insert_contact (fixture->store, added, &error));
  g_assert_no_error (error);
  assert_forgotten_then_again (fixture);
  g_assert_cmpint (first_of (fixture, "a"), ==, added->id);

  /* Renamed out of "l" and into "z". */
  renamed = crm_store_get_contact (fixture->store, first_of (fixture, "l"), &error);
  g_free (renamed->name);
  renamed->name = g_strdup ("Aaaaa Zzzzz");
  update_contact (fixture, renamed);
  assert_forgotten_then_again (fixture);

  /* An e-mail edited (searched, not the name). */
  mailed = crm_store_get_contact (fixture->store, first_of (fixture, "m"), &error);
  g_free (mailed->email);
  mailed->email = g_strdup ("qqqq@example.org");
  update_contact (fixture, mailed);
  assert_forgotten_then_again (fixture);

  /* Deleted. */
  g_assert_true (crm_store_delete_contact (fixture->store, added->id, &error));
  g_assert_no_error (error);
  assert_forgotten_then_again (fixture);

  /* A company renamed: its people are found by its new name. */
  company = crm_store_get_company (
      fixture->store,
      crm_store_query_int64 (fixture->store->db,
                             "SELECT company_id FROM contacts WHERE company_id IS NOT NULL LIMIT 1",
                             NULL),
      &error);
  g_assert_nonnull (company);
  g_free (company->name);
  company->name = g_strdup ("Xqzco Ltd");
  g_assert_true (crm_store_update_company (fixture->store, company, &error));
  g_assert_no_error (error);
  assert_forgotten_then_again (fixture);

  /* A bulk write. */
  g_assert_true (crm_store_set_contacts_lifecycle (fixture->store, &everyone,
                                                   CRM_LIFECYCLE_CUSTOMER, NULL, &error));
  g_assert_no_error (error);
  assert_forgotten_then_again (fixture);

  /* Written from another connection (no change signal: the file's data_version tells). */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (
      sqlite3_exec (db, "UPDATE contacts SET name = 'Aaaa Xxxx' WHERE id = 7", NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);
  assert_prefixes (fixture, FALSE);
  wait_until_ready (fixture);
  assert_prefixes (fixture, TRUE);
  g_assert_cmpint (first_of (fixture, "a"), ==, 7);
}

/* A change made between two steps of the work: what it had worked out is thrown away, and what
 * is used is worked out after the change. */
static void
test_overtaken_job (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (CrmContactRecord) added = crm_contact_record_new ();

      /* Started (one step run) but not ended. */
      crm_store_precompute_contact_prefixes (fixture->store);
      if (round > 0)
        crm_store_contact_prefixes_changed (fixture->store);
      g_main_context_iteration (NULL, TRUE);
      added->name = g_strdup_printf ("Aaaa%u Early", 9 - round);
      g_assert_true (crm_store_insert_contact (fixture->store, added, &error));
      g_assert_no_error (error);
      g_assert_false (crm_store_get_contact_prefixes_ready (fixture->store));
      wait_until_ready (fixture);
      assert_prefixes (fixture, TRUE);
      g_assert_cmpint (first_of (fixture, "a"), ==, added->id);
    }
}

/* Once the name order is read, a letter not worked out yet whose page is asked for (and that
 * too many contacts match to sort them) is worked out at once, equal to SQL. */
static void
test_worked_out_when_asked (Fixture *fixture, gconstpointer data)
{
  guint timeout = g_timeout_add_seconds (30, on_timeout, NULL);
  guint n_tried = 0;

  crm_store_precompute_contact_prefixes (fixture->store);
  while (crm_store_get_contact_name_order (fixture->store) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  /* The letters more contacts match than the store sorts (their square over 16 × 3,000), in
   * either case. */
  fixture->store->contact_sort_factor = 16;
  for (char letter = 'a'; letter <= 'z'; letter++)
    {
      char text[2] = { n_tried % 2 == 0 ? letter : g_ascii_toupper (letter), '\0' };
      g_autoptr (GArray) truth = truth_ids (fixture, text);
      g_autofree char *match = crm_store_build_fts_query (text);
      CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = text };
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) page = NULL;
      const GArray *ids = NULL;
      gint64 count = -1;

      if (truth->len * truth->len <= 16 * 3000)
        continue;
      n_tried++;
      g_assert_false (crm_store_get_contact_prefix (fixture->store, match, NULL, NULL));
      page = crm_store_fetch_contacts_filtered (fixture->store, CRM_CONTACT_SORT_NAME, &filter,
                                                NULL, 0, PAGE, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, PAGE);
      for (guint j = 0; j < PAGE; j++)
        g_assert_cmpint (((CrmContactRecord *) page->pdata[j])->id, ==,
                         g_array_index (truth, gint64, j));
      g_assert_true (crm_store_get_contact_prefix (fixture->store, match, &count, &ids));
      g_assert_cmpint (count, ==, truth->len);
      g_assert_cmpuint (ids->len, ==, CRM_STORE_CONTACT_PREFIX_IDS);
      for (guint j = 0; j < ids->len; j++)
        g_assert_cmpint (g_array_index (ids, gint64, j), ==, g_array_index (truth, gint64, j));
    }
  g_assert_cmpuint (n_tried, >=, 2);
  /* And the work, when it comes to them, finds the same. */
  wait_until_ready (fixture);
  assert_prefixes (fixture, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/contact-prefixes/equal-sql", Fixture, NULL, fixture_set_up, test_equal_sql,
              fixture_tear_down);
  g_test_add ("/contact-prefixes/changes", Fixture, NULL, fixture_set_up, test_changes,
              fixture_tear_down);
  g_test_add ("/contact-prefixes/worked-out-when-asked", Fixture, NULL, fixture_set_up,
              test_worked_out_when_asked, fixture_tear_down);
  g_test_add ("/contact-prefixes/overtaken-job", Fixture, NULL, fixture_set_up, test_overtaken_job,
              fixture_tear_down);
  return g_test_run ();
}
