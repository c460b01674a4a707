/* test-store-bulk.c — a bulk transaction (crm_store_begin_bulk) leaves the database exactly as
 * the same rows written one by one: the same change-log rows, search text, lifecycle history,
 * company names and links, with the triggers and indexes it suspends back afterwards; and it
 * rebuilds indexes only when the batch is big next to their table. */
#include <sqlite3.h>
#include <string.h>

#include "crm-store-private.h"
#include "crm-store-timeline.h"
#include "crm-store.h"
#include "crm-test-util.h"

#define WHEN ((gint64) 1700000000)
#define N_CONTACTS 40

typedef struct
{
  char *folder;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-test-bulk-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
}

/* Every row of @sql's single text column, joined by newlines. */
static char *
sql_rows (const char *path, const char *sql)
{
  g_autoptr (GString) rows = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (statement, 0);
      g_string_append_printf (rows, "%s\n", text != NULL ? text : "(null)");
    }
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&rows), FALSE);
}

static char *
fixed_uuid (const char *kind, guint i)
{
  return g_strdup_printf ("00000000-0000-4000-8000-%s%08u", kind, i);
}

static gint64
add_company (CrmStore *store, guint i)
{
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (GError) error = NULL;

  company->uuid = fixed_uuid ("c0de", i);
  company->name = g_strdup_printf ("Company %u", i);
  company->website = i % 2 == 0 ? g_strdup_printf ("https://c%u.example", i) : NULL;
  company->created_at = company->updated_at = WHEN + i;
  g_assert_true (crm_store_insert_company (store, company, &error));
  g_assert_no_error (error);
  return company->id;
}

static gint64
add_contact (CrmStore *store, guint i, gint64 company_id)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->uuid = fixed_uuid ("face", i);
  contact->name = g_strdup_printf ("Person %u Ünïcode", i);
  contact->email = i % 3 != 0 ? g_strdup_printf ("person%u@example.com", i) : NULL;
  contact->phone = i % 4 == 0 ? g_strdup_printf ("+33 1 %08u", i) : NULL;
  contact->title = g_strdup ("Engineer");
  contact->notes = i % 5 == 0 ? g_strdup ("Met at a fair\nsecond line") : NULL;
  contact->company_id = company_id;
  contact->lifecycle = (CrmLifecycleStage) (i % 6);
  contact->captured_at = WHEN - 86400 * (gint64) i;
  contact->created_at = contact->updated_at = WHEN + i;
  g_assert_true (crm_store_insert_contact (store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

/* The rows an import of contacts writes, in @bulk or one transaction per row (the links of a
 * new contact in a transaction of their own, as crm_store_tag_new_contact() wants one). */
static void
write_rows (CrmStore *store, gboolean bulk, gint64 older_contact_id)
{
  g_autoptr (GError) error = NULL;
  gint64 companies[3] = { 0 };
  gint64 tags[3] = { 0 };
  const char *tag_names[] = { "zeta", "alpha", "mid" };

  if (bulk)
    g_assert_true (crm_store_begin_bulk (store, &error));
  for (guint i = 0; i < N_CONTACTS; i++)
    {
      gint64 contact_id;

      if (i % 10 == 0)
        companies[i / 10 % 3] = add_company (store, 100 + i);
      contact_id = add_contact (store, 100 + i, i % 4 == 3 ? 0 : companies[i / 10 % 3]);
      if (!bulk)
        g_assert_true (crm_store_begin (store, &error));
      /* Tags first seen in an order other than their names' and ids' (zeta gets the first id,
       * and a contact lists it after alpha). */
      for (guint t = 0; t < 1 + i % 3; t++)
        {
          guint which = (i + 2 * t) % 3;

          if (tags[which] == 0)
            tags[which] = crm_store_ensure_tag (store, tag_names[which], &error);
          g_assert_no_error (error);
          g_assert_true (crm_store_tag_new_contact (store, contact_id, tags[which], &error));
        }
      if (!bulk)
        g_assert_true (crm_store_commit (store, &error));
      g_assert_no_error (error);
    }
  /* A link to a contact stored before: a merged duplicate gets the row's tags. */
  g_assert_true (crm_store_add_contact_tag (store, older_contact_id, tags[1], &error));
  g_assert_no_error (error);
  if (bulk)
    g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);
}

/* The database as far as this test wrote it, order-free where a bulk transaction may order
 * differently: its change-log rows after @first_log_id (but the random uuids of the tags, which
 * crm_store_ensure_tag() makes), search text, lifecycle history, company names and links, and
 * the triggers and indexes of the schema. */
static char *
describe (const char *path, gint64 first_log_id)
{
  g_autofree char *log_sql = g_strdup_printf (
      "SELECT entity || ' ' || entity_id || ' ' || action || ' ' || ifnull (old_values, '-') || "
      "' ' || ifnull (iif (entity = 'tags', json_remove (new_values, '$.uuid'), new_values), "
      "'-') FROM change_log WHERE id >= %" G_GINT64_FORMAT
      " ORDER BY entity, entity_id, action, old_values, new_values",
      first_log_id);
  const char *sqls[] = {
    log_sql,
    "SELECT rowid || ' ' || name || ' | ' || details FROM contacts_fts ORDER BY rowid",
    "SELECT rowid || ' ' || name || ' | ' || details FROM companies_fts ORDER BY rowid",
    "SELECT contact_id || ' ' || ifnull (from_stage, '-') || ' ' || to_stage || ' ' || "
    "changed_at FROM contact_lifecycle_history ORDER BY contact_id, id",
    "SELECT id || ' ' || ifnull (company_name, '-') FROM contacts ORDER BY id",
    "SELECT contact_id || ' ' || tag_id FROM contact_tags ORDER BY contact_id, tag_id",
    "SELECT type || ' ' || name || ' ' || sql FROM sqlite_schema WHERE type IN ('trigger', "
    "'index') AND sql IS NOT NULL ORDER BY type, name",
  };
  g_autoptr (GString) all = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sqls); i++)
    {
      g_autofree char *rows = sql_rows (path, sqls[i]);
      g_string_append_printf (all, "-- %u\n%s", i, rows);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static char *
write_database (Fixture *fixture, const char *name, gboolean bulk, gint64 *first_log_id)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  gint64 older_contact_id;

  g_assert_no_error (error);
  older_contact_id = add_contact (store, 1, add_company (store, 1));
  *first_log_id = crm_store_get_last_change_id (store) + 1;
  write_rows (store, bulk, older_contact_id);
  return g_steal_pointer (&path);
}

static void
test_bulk_writes_what_row_by_row_writes (Fixture *fixture, gconstpointer data)
{
  gint64 single_first = 0, bulk_first = 0;
  g_autofree char *single_path = write_database (fixture, "single.db", FALSE, &single_first);
  g_autofree char *bulk_path = write_database (fixture, "bulk.db", TRUE, &bulk_first);
  g_autofree char *single = describe (single_path, single_first);
  g_autofree char *bulk = describe (bulk_path, bulk_first);
  g_autofree char *links_sql = NULL;

  g_assert_cmpstr (bulk, ==, single);
  /* The comparison covers every kind of row the batch wrote. */
  g_assert_nonnull (strstr (single, "\ncompanies 5 insert"));
  g_assert_nonnull (strstr (single, "\ncontacts 41 insert"));
  g_assert_nonnull (strstr (single, "\ncontact_tags 1 insert"));
  g_assert_nonnull (strstr (single, "\ncontact_tags 41 insert"));
  g_assert_nonnull (strstr (single, "\ntags "));
  g_assert_nonnull (strstr (single, "\n41 Person 139 Ünïcode | person139@example.com"));

  /* In the bulk log every link comes after the insert of its contact. */
  links_sql = g_strdup_printf (
      "SELECT count(*) FROM change_log AS l WHERE l.id >= %" G_GINT64_FORMAT " AND l.entity = "
      "'contact_tags' AND l.id < (SELECT c.id FROM change_log AS c WHERE c.entity = 'contacts' "
      "AND c.entity_id = l.entity_id AND c.action = 'insert')",
      bulk_first);
  {
    g_autofree char *misplaced = sql_rows (bulk_path, links_sql);
    g_assert_cmpstr (misplaced, ==, "0\n");
  }
}

static gint64
index_exists (CrmStore *store, const char *name)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '%s'", name);

  return crm_store_query_int64 (store->db, sql, NULL);
}

/* A batch much smaller than the table keeps the table's indexes up to date row by row rather
 * than building them again over every row; a big one (or one of unknown size) drops them and
 * builds them once at the end. Either way they are all there afterwards, and complete. */
static void
test_bulk_keeps_indexes_of_big_tables (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "sized.db", NULL);
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  g_autofree char *indexed = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 30; i++)
    add_contact (store, i, 0);

  g_assert_true (crm_store_begin_bulk_sized (store, 5, &error));
  g_assert_cmpint (index_exists (store, "contacts_by_name"), ==, 1);
  add_contact (store, 100, 0);
  g_assert_true (crm_store_commit (store, &error));

  g_assert_true (crm_store_begin_bulk_sized (store, 20, &error));
  g_assert_cmpint (index_exists (store, "contacts_by_name"), ==, 0);
  add_contact (store, 101, 0);
  g_assert_true (crm_store_commit (store, &error));

  g_assert_true (crm_store_begin_bulk (store, &error));
  g_assert_cmpint (index_exists (store, "contacts_by_name"), ==, 0);
  g_assert_true (crm_store_commit (store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (index_exists (store, "contacts_by_name"), ==, 1);
  indexed = sql_rows (path, "SELECT count(*) FROM contacts INDEXED BY contacts_by_name "
                            "WHERE name > ''");
  g_assert_cmpstr (indexed, ==, "32\n");
  g_assert_cmpint (crm_store_query_int64 (store->db,
                                          "SELECT count(*) FROM "
                                          "pragma_integrity_check WHERE "
                                          "integrity_check <> 'ok'",
                                          NULL),
                   ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-bulk/writes-what-row-by-row-writes", Fixture, NULL, fixture_set_up,
              test_bulk_writes_what_row_by_row_writes, fixture_tear_down);
  g_test_add ("/store-bulk/keeps-indexes-of-big-tables", Fixture, NULL, fixture_set_up,
              test_bulk_keeps_indexes_of_big_tables, fixture_tear_down);
  return g_test_run ();
}
