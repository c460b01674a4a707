/* test-store.c — CrmStore: opening and migrating, refusing files it must not touch, CRUD of
 * every entity, deal moves, search with hostile input, exact money, signals and backups. */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "crm-fractional-index.h"
#include "crm-store-private.h"
#include "crm-store.h"
#include "crm-test-util.h"
#include "test-migrations-resources.h"

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

  fixture->folder = g_dir_make_tmp ("rapport-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "data", "rapport.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
run_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
sql_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = sqlite3_column_int64 (statement, 0);
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

/* ---- Opening and migrating -------------------------------------------------------------- */

static void
test_open_creates_private_file_with_defaults (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = NULL;
  g_autoptr (GPtrArray) stages = NULL;
  g_autoptr (GPtrArray) sources = NULL;
  g_autoptr (GPtrArray) reasons = NULL;
  static const int probabilities[] = { 10, 20, 40, 60, 80, 100, 0 };
  static const CrmStageKind kinds[] = { 0, 0, 0, 0, 0, CRM_STAGE_KIND_WON, CRM_STAGE_KIND_LOST };
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (crm_store_get_schema_version (fixture->store), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_null (crm_store_get_migration_backup_path (fixture->store));
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA journal_mode = wal"), !=, -1);

  pipelines = crm_store_list_pipelines (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, ==, 1);
  stages = crm_store_list_stages (fixture->store, ((CrmPipelineRecord *) pipelines->pdata[0])->id,
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stages->len, ==, 7);
  for (guint i = 0; i < stages->len; i++)
    {
      CrmStageRecord *stage = stages->pdata[i];
      g_assert_cmpint (stage->position, ==, (int) i);
      g_assert_cmpint (stage->probability, ==, probabilities[i]);
      g_assert_cmpint (stage->kind, ==, kinds[i]);
      g_assert_nonnull (stage->uuid);
      g_assert_cmpuint (strlen (stage->uuid), ==, 36);
    }
  sources = crm_store_list_lead_sources (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 7);
  reasons = crm_store_list_lost_reasons (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reasons->len, ==, 7);
}

static void
test_open_reopen_keeps_data (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) again = NULL;
  g_autoptr (CrmStore) reopened = NULL;

  contact->name = g_strdup ("Ada Lovelace");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  reopened = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_null (crm_store_get_migration_backup_path (reopened));
  again = crm_store_get_contact (reopened, contact->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->name, ==, "Ada Lovelace");
  g_assert_cmpstr (again->uuid, ==, contact->uuid);
  /* The defaults are written once, not on every open. */
  g_assert_cmpint (crm_store_count (reopened, CRM_ENTITY_PIPELINE, &error), ==, 1);
}

static void
test_open_refuses_newer_version (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CrmStore *store;

  g_clear_object (&fixture->store);
  run_sql (fixture->path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
  before = file_checksum (fixture->path);

  store = crm_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION);
  g_assert_nonnull (strstr (error->message, fixture->path));

  after = file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_damaged_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GString *junk = g_string_new (NULL);

  for (int i = 0; i < 4096; i++)
    g_string_append_c (junk, (char) ('A' + i % 26));
  g_assert_true (g_file_set_contents (path, junk->str, (gssize) junk->len, NULL));
  g_string_free (junk, TRUE);
  before = file_checksum (path);

  g_assert_null (crm_store_open (path, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_foreign_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  run_sql (path, "CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)");
  before = file_checksum (path);
  g_assert_null (crm_store_open (path, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_RAPPORT);
  after = file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_failed_migration_changes_nothing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmStore) reopened = NULL;

  company->name = g_strdup ("Initech");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  g_clear_object (&fixture->store);

  /* Pretend the file is at version 0: the first migration then collides with the existing
   * tables and must roll back completely. */
  run_sql (fixture->path, "PRAGMA user_version = 0");
  g_assert_null (crm_store_open (fixture->path, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION);
  g_clear_error (&error);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM companies"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM pipelines"), ==, 1);

  run_sql (fixture->path, "PRAGMA user_version = " G_STRINGIFY (CRM_STORE_SCHEMA_VERSION));
  reopened = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (reopened, CRM_ENTITY_COMPANY, &error), ==, 1);
}

static void
test_open_refuses_folder (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (crm_store_open (fixture->folder, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN);
}

/* ---- CRUD of every entity --------------------------------------------------------------- */

static gint64
first_stage_id (CrmStore *store, int index)
{
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, NULL);
  g_autoptr (GPtrArray) stages
      = crm_store_list_stages (store, ((CrmPipelineRecord *) pipelines->pdata[0])->id, NULL);
  return ((CrmStageRecord *) stages->pdata[index])->id;
}

static gint64
make_contact (CrmStore *store, const char *name)
{
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GError) error = NULL;

  contact->name = g_strdup (name);
  crm_store_insert_contact (store, contact, &error);
  g_assert_no_error (error);
  return contact->id;
}

static gint64
make_deal (CrmStore *store, const char *title, gint64 stage_id)
{
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GError) error = NULL;

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->value_minor = 100000;
  deal->stage_id = stage_id;
  crm_store_insert_deal (store, deal, &error);
  g_assert_no_error (error);
  return deal->id;
}

#define UPGRADE_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/upgrade/"
#define BROKEN_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/broken-upgrade/"
#define VERSION_1_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-1/"
/* The test migration sets go one version past this program's. */
#define TEST_VERSION (CRM_STORE_SCHEMA_VERSION + 1)

static void
test_migrate_backs_up_then_upgrades (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (CrmStore) backup = NULL;
  g_autofree char *before = NULL;
  const char *backup_path;
  GStatBuf st;

  make_contact (fixture->store, "Kept through the upgrade");
  g_clear_object (&fixture->store);
  run_sql (fixture->path, "PRAGMA wal_checkpoint (TRUNCATE)");
  before = file_checksum (fixture->path);

  upgraded
      = crm_store_open_with_migrations (fixture->path, UPGRADE_MIGRATIONS, TEST_VERSION, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, TEST_VERSION);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM upgrade_marker"), ==, 1);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM contacts WHERE nickname IS NULL"),
                   ==, 1);

  /* The copy taken before the upgrade holds the old version and all the data, privately. */
  backup_path = crm_store_get_migration_backup_path (upgraded);
  g_assert_nonnull (backup_path);
  {
    /* In the backups folder beside the file, named by time and reason. */
    g_autofree char *folder = g_build_filename (fixture->folder, "data", "backups", NULL);
    g_autofree char *dir = g_path_get_dirname (backup_path);
    g_autofree char *reason = g_strdup_printf ("-before-migration-v%d.db", TEST_VERSION);

    g_assert_cmpstr (dir, ==, folder);
    g_assert_true (g_str_has_suffix (backup_path, reason));
    g_assert_cmpint (g_stat (folder, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
  g_assert_cmpint (g_stat (backup_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (sql_int (backup_path, "PRAGMA user_version"), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (backup_path, "SELECT count(*) FROM contacts"), ==, 1);
  backup = crm_store_open (backup_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (backup, CRM_ENTITY_CONTACT, NULL), ==, 1);

  /* This program (one version older) now refuses the upgraded file, and leaves it alone. */
  g_clear_object (&upgraded);
  run_sql (fixture->path, "PRAGMA wal_checkpoint (TRUNCATE)");
  g_free (before);
  before = file_checksum (fixture->path);
  g_assert_null (crm_store_open (fixture->path, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NEWER_VERSION);
  {
    g_autofree char *after = file_checksum (fixture->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_migrate_failure_keeps_file (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  make_contact (fixture->store, "Safe");
  g_clear_object (&fixture->store);
  run_sql (fixture->path, "PRAGMA wal_checkpoint (TRUNCATE)");
  before = file_checksum (fixture->path);

  g_assert_null (
      crm_store_open_with_migrations (fixture->path, BROKEN_MIGRATIONS, TEST_VERSION, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_MIGRATION);
  g_assert_nonnull (strstr (error->message, "no_such_table"));

  /* Nothing of the half-run migration is left, in the file or its WAL. */
  run_sql (fixture->path, "PRAGMA wal_checkpoint (TRUNCATE)");
  after = file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                           "'half_done'"),
                   ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "PRAGMA user_version"), ==, CRM_STORE_SCHEMA_VERSION);
}

/* A database written by Rapport 0.1 (schema version 1) is upgraded by this program: a copy
 * first, then the next-step indexes, the data kept, and the next step found through them. */
static void
test_migrate_from_version_1 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (CrmActivityRecord) task = crm_activity_record_new ();
  g_autoptr (CrmActivityRecord) next = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "old.db", NULL);

  old = crm_store_open_with_migrations (path, VERSION_1_MIGRATIONS, 1, &error);
  g_assert_no_error (error);
  deal->title = g_strdup ("From 0.1");
  deal->currency = g_strdup ("EUR");
  {
    g_autoptr (GArray) stage_ids = crm_test_list_default_stage_ids (old);
    deal->stage_id = g_array_index (stage_ids, gint64, 0);
  }
  g_assert_true (crm_store_insert_deal (old, deal, &error));
  g_assert_no_error (error);
  task->kind = CRM_ACTIVITY_TASK;
  task->subject = g_strdup ("Call back");
  task->deal_id = deal->id;
  task->due_at = 1900000000;
  g_assert_true (crm_store_insert_activity (old, task, &error));
  g_assert_no_error (error);
  g_clear_object (&old);
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_nonnull (crm_store_get_migration_backup_path (upgraded));
  g_assert_cmpint (sql_int (crm_store_get_migration_backup_path (upgraded), "PRAGMA user_version"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                  "('activities_next_by_deal', 'activities_next_by_contact', "
                                  "'contacts_by_score', 'contacts_by_last_contacted')"),
                   ==, 4);
  next = crm_store_get_next_activity_for_deal (upgraded, deal->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpstr (next->subject, ==, "Call back");
  g_clear_object (&upgraded);
}

static void
test_crud_company (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmCompanyRecord) read = NULL;

  company->name = g_strdup ("Globex");
  company->website = g_strdup ("https://globex.example");
  company->country = g_strdup ("NL");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  g_assert_no_error (error);
  g_assert_cmpint (company->id, >, 0);
  g_assert_cmpint (company->created_at, >, 0);

  read = crm_store_get_company (fixture->store, company->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->website, ==, "https://globex.example");
  g_assert_null (read->industry);

  g_free (read->industry);
  read->industry = g_strdup ("Energy");
  g_assert_true (crm_store_update_company (fixture->store, read, &error));
  g_clear_pointer (&read, crm_company_record_free);
  read = crm_store_get_company (fixture->store, company->id, &error);
  g_assert_cmpstr (read->industry, ==, "Energy");

  /* Empty names are refused and nothing is written. */
  g_free (read->name);
  read->name = g_strdup ("   ");
  g_assert_false (crm_store_update_company (fixture->store, read, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_store_delete_company (fixture->store, company->id, &error));
  g_assert_no_error (error);
  g_assert_null (crm_store_get_company (fixture->store, company->id, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

static void
test_crud_contact (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmContactRecord) read = NULL;
  g_autoptr (GPtrArray) sources = crm_store_list_lead_sources (fixture->store, NULL);

  company->name = g_strdup ("Umbrella");
  g_assert_true (crm_store_insert_company (fixture->store, company, &error));
  contact->name = g_strdup ("Grace Hopper");
  contact->email = g_strdup ("grace@umbrella.example");
  contact->company_id = company->id;
  contact->lifecycle = CRM_LIFECYCLE_QUALIFIED;
  contact->source_id = ((CrmLeadSourceRecord *) sources->pdata[0])->id;
  contact->bant_budget = CRM_BANT_YES;
  contact->bant_need_note = g_strdup ("Needs it by Q3");
  contact->score = 55;
  contact->captured_at = 1700000000;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);

  read = crm_store_get_contact (fixture->store, contact->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->email, ==, "grace@umbrella.example");
  g_assert_cmpint (read->company_id, ==, company->id);
  g_assert_cmpint (read->lifecycle, ==, CRM_LIFECYCLE_QUALIFIED);
  g_assert_cmpint (read->bant_budget, ==, CRM_BANT_YES);
  g_assert_cmpint (read->bant_authority, ==, CRM_BANT_UNKNOWN);
  g_assert_cmpstr (read->bant_need_note, ==, "Needs it by Q3");
  g_assert_cmpint (read->score, ==, 55);
  g_assert_cmpint (read->captured_at, ==, 1700000000);
  g_assert_cmpint (read->last_contacted_at, ==, 0);

  read->score = 101;
  g_assert_false (crm_store_update_contact (fixture->store, read, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  read->score = 70;
  read->lifecycle = CRM_LIFECYCLE_CUSTOMER;
  g_assert_true (crm_store_update_contact (fixture->store, read, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM contact_lifecycle_history"), ==,
                   2);
  g_assert_cmpint (sql_int (fixture->path, "SELECT changed_at >= unixepoch () - 60 FROM "
                                           "contact_lifecycle_history WHERE to_stage = 'customer'"),
                   ==, 1);

  /* A change dated by the caller (an import, demo data) keeps its date in the history. */
  g_clear_pointer (&read, crm_contact_record_free);
  read = crm_store_get_contact (fixture->store, contact->id, &error);
  read->lifecycle = CRM_LIFECYCLE_CHURNED;
  read->updated_at = 1600000000;
  g_assert_true (crm_store_update_contact (fixture->store, read, &error));
  g_assert_cmpint (sql_int (fixture->path, "SELECT changed_at FROM contact_lifecycle_history "
                                           "WHERE to_stage = 'churned'"),
                   ==, 1600000000);

  /* Deleting the company keeps the person, without a company. */
  g_assert_true (crm_store_delete_company (fixture->store, company->id, &error));
  g_clear_pointer (&read, crm_contact_record_free);
  read = crm_store_get_contact (fixture->store, contact->id, &error);
  g_assert_cmpint (read->company_id, ==, 0);

  g_assert_true (crm_store_delete_contact (fixture->store, contact->id, &error));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 0);
}

static void
test_crud_tag (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
  g_autoptr (CrmTagRecord) duplicate = crm_tag_record_new ();
  g_autoptr (GArray) tag_ids = NULL;
  gint64 contact_id = make_contact (fixture->store, "Alan Turing");

  tag->name = g_strdup ("VIP");
  tag->color = g_strdup ("#e01b24");
  g_assert_true (crm_store_insert_tag (fixture->store, tag, &error));
  duplicate->name = g_strdup ("vip");
  g_assert_false (crm_store_insert_tag (fixture->store, duplicate, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, tag->id, &error));
  g_assert_true (crm_store_add_contact_tag (fixture->store, contact_id, tag->id, &error));
  tag_ids = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  g_assert_cmpuint (tag_ids->len, ==, 1);
  g_assert_cmpint (g_array_index (tag_ids, gint64, 0), ==, tag->id);

  g_free (tag->name);
  tag->name = g_strdup ("Key account");
  g_assert_true (crm_store_update_tag (fixture->store, tag, &error));
  g_assert_true (crm_store_delete_tag (fixture->store, tag->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tag_ids, g_array_unref);
  tag_ids = crm_store_list_contact_tag_ids (fixture->store, contact_id, &error);
  g_assert_cmpuint (tag_ids->len, ==, 0);
}

static void
test_crud_pipeline_and_stage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmPipelineRecord) pipeline = crm_pipeline_record_new ();
  g_autoptr (GPtrArray) stages = NULL;
  gint64 ids[3];

  pipeline->name = g_strdup ("Partnerships");
  pipeline->position = 1;
  g_assert_true (crm_store_insert_pipeline (fixture->store, pipeline, &error));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr (CrmStageRecord) stage = crm_stage_record_new ();
      stage->pipeline_id = pipeline->id;
      stage->name = g_strdup_printf ("Step %d", i);
      stage->position = i;
      stage->probability = 30 * i;
      stage->rotting_days = 7;
      g_assert_true (crm_store_insert_stage (fixture->store, stage, &error));
      g_assert_no_error (error);
      ids[i] = stage->id;
    }

  /* Reverse the order. */
  {
    gint64 reversed[] = { ids[2], ids[1], ids[0] };
    g_assert_true (crm_store_reorder_stages (fixture->store, pipeline->id, reversed, 3, &error));
    g_assert_no_error (error);
  }
  stages = crm_store_list_stages (fixture->store, pipeline->id, &error);
  g_assert_cmpint (((CrmStageRecord *) stages->pdata[0])->id, ==, ids[2]);
  g_assert_cmpint (((CrmStageRecord *) stages->pdata[2])->id, ==, ids[0]);

  {
    g_autoptr (CrmStageRecord) stage = crm_store_get_stage (fixture->store, ids[1], &error);
    stage->probability = 120;
    g_assert_false (crm_store_update_stage (fixture->store, stage, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_true (crm_store_delete_stage (fixture->store, ids[1], &error));
  g_assert_true (crm_store_delete_pipeline (fixture->store, pipeline->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_STAGE, NULL), ==, 7);
}

static void
test_crud_deal (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (CrmDealRecord) read = NULL;
  g_autoptr (GPtrArray) history = NULL;
  gint64 contact_id = make_contact (fixture->store, "Katherine Johnson");

  deal->title = g_strdup ("Orbit software");
  deal->contact_id = contact_id;
  deal->stage_id = first_stage_id (fixture->store, 1);
  deal->value_minor = 12345678;
  deal->currency = g_strdup ("USD");
  deal->expected_close = 1800000000;
  deal->probability_override = -1;
  g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
  g_assert_no_error (error);
  g_assert_nonnull (deal->position);

  read = crm_store_get_deal (fixture->store, deal->id, &error);
  g_assert_cmpstr (read->title, ==, "Orbit software");
  g_assert_cmpint (read->value_minor, ==, 12345678);
  g_assert_cmpstr (read->currency, ==, "USD");
  g_assert_cmpint (read->probability_override, ==, -1);
  g_assert_cmpint (crm_store_get_deal_probability (fixture->store, read), ==, 20);
  g_assert_cmpint (read->closed_at, ==, 0);

  read->probability_override = 35;
  g_assert_true (crm_store_update_deal (fixture->store, read, &error));
  g_assert_cmpint (crm_store_get_deal_probability (fixture->store, read), ==, 35);

  g_free (read->currency);
  read->currency = g_strdup ("euro");
  g_assert_false (crm_store_update_deal (fixture->store, read, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);

  history = crm_store_list_deal_history (fixture->store, deal->id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpint (((CrmDealStageHistoryRecord *) history->pdata[0])->from_stage_id, ==, 0);

  /* Deleting the contact keeps the deal; deleting the deal removes its history. */
  g_assert_true (crm_store_delete_contact (fixture->store, contact_id, &error));
  g_clear_pointer (&read, crm_deal_record_free);
  read = crm_store_get_deal (fixture->store, deal->id, &error);
  g_assert_cmpint (read->contact_id, ==, 0);
  g_assert_true (crm_store_delete_deal (fixture->store, deal->id, &error));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_DEAL_STAGE_HISTORY, NULL), ==, 0);
}

static void
test_crud_activity (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmActivityRecord) activity = crm_activity_record_new ();
  g_autoptr (CrmActivityRecord) read = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gint64 contact_id = make_contact (fixture->store, "Margaret Hamilton");
  gint64 deal_id = make_deal (fixture->store, "Apollo", first_stage_id (fixture->store, 0));

  activity->kind = CRM_ACTIVITY_TASK;
  activity->subject = g_strdup ("Send the proposal");
  activity->contact_id = contact_id;
  activity->deal_id = deal_id;
  activity->due_at = 1800000000;
  g_assert_true (crm_store_insert_activity (fixture->store, activity, &error));
  g_assert_no_error (error);

  read = crm_store_get_activity (fixture->store, activity->id, &error);
  g_assert_cmpint (read->kind, ==, CRM_ACTIVITY_TASK);
  g_assert_false (read->done);
  read->done = TRUE;
  read->done_at = 1800000100;
  g_assert_true (crm_store_update_activity (fixture->store, read, &error));
  list = crm_store_list_activities_for_contact (fixture->store, contact_id, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((CrmActivityRecord *) list->pdata[0])->done);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = crm_store_list_activities_for_deal (fixture->store, deal_id, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (crm_store_delete_activity (fixture->store, activity->id, &error));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_ACTIVITY, NULL), ==, 0);
}

static void
test_crud_reasons_sources_feedback_spend (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmLostReasonRecord) reason = crm_lost_reason_record_new ();
  g_autoptr (CrmLeadSourceRecord) source = crm_lead_source_record_new ();
  g_autoptr (CrmFeedbackRecord) feedback = crm_feedback_record_new ();
  g_autoptr (CrmAcquisitionSpendRecord) spend = crm_acquisition_spend_record_new ();
  g_autoptr (CrmAcquisitionSpendRecord) read_spend = NULL;
  gint64 contact_id = make_contact (fixture->store, "Hedy Lamarr");

  reason->name = g_strdup ("Went quiet");
  g_assert_true (crm_store_insert_lost_reason (fixture->store, reason, &error));
  source->name = g_strdup ("Podcast");
  g_assert_true (crm_store_insert_lead_source (fixture->store, source, &error));
  g_assert_no_error (error);

  feedback->contact_id = contact_id;
  feedback->kind = CRM_FEEDBACK_NPS;
  feedback->score = 11;
  g_assert_false (crm_store_insert_feedback (fixture->store, feedback, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_clear_error (&error);
  feedback->score = 9;
  g_assert_true (crm_store_insert_feedback (fixture->store, feedback, &error));
  feedback->kind = CRM_FEEDBACK_CSAT;
  feedback->score = 0;
  g_assert_false (crm_store_update_feedback (fixture->store, feedback, &error));
  g_clear_error (&error);
  feedback->score = 4;
  g_assert_true (crm_store_update_feedback (fixture->store, feedback, &error));

  spend->source_id = source->id;
  spend->month_start = 1798761600; /* 2027-01-01 */
  spend->amount_minor = 250000;
  spend->currency = g_strdup ("EUR");
  g_assert_true (crm_store_insert_acquisition_spend (fixture->store, spend, &error));
  g_assert_no_error (error);
  read_spend = crm_store_get_acquisition_spend (fixture->store, spend->id, &error);
  g_assert_cmpint (read_spend->amount_minor, ==, 250000);
  g_assert_cmpint (read_spend->month_start, ==, 1798761600);

  /* Deleting a source deletes its spend; the lost reason and feedback go on their own. */
  g_assert_true (crm_store_delete_lead_source (fixture->store, source->id, &error));
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_ACQUISITION_SPEND, NULL), ==, 0);
  g_assert_true (crm_store_delete_lost_reason (fixture->store, reason->id, &error));
  g_assert_true (crm_store_delete_feedback (fixture->store, feedback->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_FEEDBACK, NULL), ==, 0);
}

static void
test_crud_history_rows (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 deal_id = make_deal (fixture->store, "History", first_stage_id (fixture->store, 0));
  g_autoptr (GPtrArray) history = crm_store_list_deal_history (fixture->store, deal_id, &error);
  CrmDealStageHistoryRecord *row = history->pdata[0];

  row->changed_at = 1600000000;
  g_assert_true (crm_store_update_deal_stage_history (fixture->store, row, &error));
  g_assert_true (crm_store_delete_deal_stage_history (fixture->store, row->id, &error));
  g_assert_no_error (error);
}

/* ---- Deal moves ------------------------------------------------------------------------- */

typedef struct
{
  guint count;
  CrmEntity entity;
  CrmChangeAction action;
  gint64 id;
  gint64 old_stage_id;
} ChangeRecorder;

static void
on_store_changed (CrmStore *store,
                  guint entity,
                  guint action,
                  gint64 id,
                  gpointer old_record,
                  ChangeRecorder *recorder)
{
  if (entity != CRM_ENTITY_DEAL)
    return;
  recorder->count++;
  recorder->entity = entity;
  recorder->action = action;
  recorder->id = id;
  recorder->old_stage_id = old_record != NULL ? ((CrmDealRecord *) old_record)->stage_id : 0;
}

static void
assert_stage_order (CrmStore *store, gint64 stage_id, const gint64 *expected, guint n_expected)
{
  g_autoptr (GArray) ids = crm_store_list_deal_ids_in_stage (store, stage_id, NULL);

  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
test_deal_move_between_stages (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) history = NULL;
  g_autoptr (CrmDealRecord) moved = NULL;
  ChangeRecorder recorder = { 0 };
  gint64 stage_a = first_stage_id (fixture->store, 0);
  gint64 stage_b = first_stage_id (fixture->store, 1);
  gint64 a1 = make_deal (fixture->store, "A1", stage_a);
  gint64 a2 = make_deal (fixture->store, "A2", stage_a);
  gint64 a3 = make_deal (fixture->store, "A3", stage_a);
  gint64 b1 = make_deal (fixture->store, "B1", stage_b);
  gint64 history_before = crm_store_count (fixture->store, CRM_ENTITY_DEAL_STAGE_HISTORY, NULL);

  guint64 writes_before = crm_store_get_n_write_statements (fixture->store);

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_store_changed), &recorder);
  g_assert_true (crm_store_move_deal (fixture->store, a2, stage_b, 0, &error));
  g_assert_no_error (error);
  /* A move writes the deal row and one history row, nothing more. */
  g_assert_cmpuint (crm_store_get_n_write_statements (fixture->store) - writes_before, ==, 2);

  {
    const gint64 order_a[] = { a1, a3 };
    const gint64 order_b[] = { a2, b1 };
    assert_stage_order (fixture->store, stage_a, order_a, 2);
    assert_stage_order (fixture->store, stage_b, order_b, 2);
  }
  g_assert_cmpuint (recorder.count, ==, 1);
  g_assert_cmpint (recorder.action, ==, CRM_CHANGE_UPDATE);
  g_assert_cmpint (recorder.id, ==, a2);
  g_assert_cmpint (recorder.old_stage_id, ==, stage_a);

  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_DEAL_STAGE_HISTORY, NULL), ==,
                   history_before + 1);
  history = crm_store_list_deal_history (fixture->store, a2, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpint (((CrmDealStageHistoryRecord *) history->pdata[1])->from_stage_id, ==, stage_a);
  g_assert_cmpint (((CrmDealStageHistoryRecord *) history->pdata[1])->to_stage_id, ==, stage_b);

  moved = crm_store_get_deal (fixture->store, a2, &error);
  g_assert_cmpint (moved->stage_id, ==, stage_b);
  g_assert_cmpint (moved->stage_entered_at, >=, moved->created_at);

  /* A move to a stage that does not exist changes nothing. */
  g_assert_false (crm_store_move_deal (fixture->store, a2, 999999, 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (recorder.count, ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->store, &recorder);
}

static void
test_deal_reorder_within_stage (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 stage = first_stage_id (fixture->store, 2);
  gint64 d[5];
  gint64 history_before;

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %d", i);
      d[i] = make_deal (fixture->store, title, stage);
    }
  history_before = crm_store_count (fixture->store, CRM_ENTITY_DEAL_STAGE_HISTORY, NULL);

  {
    guint64 writes_before = crm_store_get_n_write_statements (fixture->store);
    g_assert_true (crm_store_move_deal (fixture->store, d[4], stage, 0, &error));
    /* Within a stage only the deal row is written. */
    g_assert_cmpuint (crm_store_get_n_write_statements (fixture->store) - writes_before, ==, 1);
  }
  {
    const gint64 order[] = { d[4], d[0], d[1], d[2], d[3] };
    assert_stage_order (fixture->store, stage, order, 5);
  }
  g_assert_true (crm_store_move_deal (fixture->store, d[4], stage, 2, &error));
  {
    const gint64 order[] = { d[0], d[1], d[4], d[2], d[3] };
    assert_stage_order (fixture->store, stage, order, 5);
  }
  g_assert_true (crm_store_move_deal (fixture->store, d[0], stage, -1, &error));
  {
    const gint64 order[] = { d[1], d[4], d[2], d[3], d[0] };
    assert_stage_order (fixture->store, stage, order, 5);
  }
  g_assert_no_error (error);
  /* Reordering within a stage writes no history. */
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_DEAL_STAGE_HISTORY, NULL), ==,
                   history_before);
}

static void
test_deal_many_moves_keep_order (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) expected = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  gint64 stage = first_stage_id (fixture->store, 0);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %d", i);
      gint64 id = make_deal (fixture->store, title, stage);
      g_array_append_val (expected, id);
    }
  /* Hammer one spot and random spots: the store's order must match a plain array's. */
  for (int i = 0; i < 300; i++)
    {
      guint from = (guint) g_rand_int_range (rand, 0, (gint32) expected->len);
      guint to = i % 2 == 0 ? 1 : (guint) g_rand_int_range (rand, 0, (gint32) expected->len);
      gint64 id = g_array_index (expected, gint64, from);

      g_array_remove_index (expected, from);
      g_array_insert_val (expected, MIN (to, expected->len), id);
      g_assert_true (crm_store_move_deal (fixture->store, id, stage, (int) to, &error));
      g_assert_no_error (error);
    }
  assert_stage_order (fixture->store, stage, (const gint64 *) (gpointer) expected->data,
                      expected->len);
}

static void
test_deal_damaged_positions_are_repaired (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 stage = first_stage_id (fixture->store, 0);
  gint64 a = make_deal (fixture->store, "A", stage);
  gint64 b = make_deal (fixture->store, "B", stage);
  gint64 c = make_deal (fixture->store, "C", stage);
  g_autofree char *sql = NULL;

  /* Someone edited the file by hand and gave two deals the same place. */
  g_clear_object (&fixture->store);
  sql = g_strdup_printf ("UPDATE deals SET position = 'm' WHERE id IN (%" G_GINT64_FORMAT
                         ", %" G_GINT64_FORMAT ")",
                         a, b);
  run_sql (fixture->path, sql);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);

  g_assert_true (crm_store_move_deal (fixture->store, c, stage, 1, &error));
  g_assert_no_error (error);
  {
    const gint64 order[] = { a, c, b };
    assert_stage_order (fixture->store, stage, order, 3);
  }
}

static void
test_deal_won_and_lost (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) reasons = crm_store_list_lost_reasons (fixture->store, NULL);
  gint64 open_stage = first_stage_id (fixture->store, 3);
  gint64 won = first_stage_id (fixture->store, 5);
  gint64 lost = first_stage_id (fixture->store, 6);
  gint64 id = make_deal (fixture->store, "Closing", open_stage);
  CrmDealRecord *deal;

  g_assert_true (crm_store_move_deal (fixture->store, id, won, 0, &error));
  deal = crm_store_get_deal (fixture->store, id, &error);
  g_assert_cmpint (deal->closed_at, >, 0);
  g_assert_cmpint (crm_store_get_deal_probability (fixture->store, deal), ==, 100);
  crm_deal_record_free (deal);

  g_assert_true (crm_store_move_deal (fixture->store, id, lost, 0, &error));
  deal = crm_store_get_deal (fixture->store, id, &error);
  deal->lost_reason_id = ((CrmLostReasonRecord *) reasons->pdata[0])->id;
  g_assert_true (crm_store_update_deal (fixture->store, deal, &error));
  crm_deal_record_free (deal);

  /* Reopening clears the closing facts. */
  g_assert_true (crm_store_move_deal (fixture->store, id, open_stage, 0, &error));
  deal = crm_store_get_deal (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (deal->closed_at, ==, 0);
  g_assert_cmpint (deal->lost_reason_id, ==, 0);
  crm_deal_record_free (deal);
}

static void
test_deal_update_of_stage_is_a_move (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 stage_a = first_stage_id (fixture->store, 0);
  gint64 stage_b = first_stage_id (fixture->store, 1);
  gint64 id = make_deal (fixture->store, "Edited", stage_a);
  g_autoptr (CrmDealRecord) deal = crm_store_get_deal (fixture->store, id, &error);
  g_autoptr (GPtrArray) history = NULL;

  deal->stage_id = stage_b;
  g_assert_true (crm_store_update_deal (fixture->store, deal, &error));
  history = crm_store_list_deal_history (fixture->store, id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  {
    const gint64 order[] = { id };
    assert_stage_order (fixture->store, stage_b, order, 1);
  }
}

static void
test_stage_with_deals_cannot_be_removed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 stage = first_stage_id (fixture->store, 2);
  gint64 id = make_deal (fixture->store, "Blocking", stage);

  g_assert_false (crm_store_delete_stage (fixture->store, stage, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_STAGE, NULL), ==, 7);

  g_assert_true (
      crm_store_move_deal (fixture->store, id, first_stage_id (fixture->store, 1), 0, &error));
  g_assert_true (crm_store_delete_stage (fixture->store, stage, &error));
  g_assert_no_error (error);
}

static void
test_fractional_index (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) spread = crm_fractional_index_spread (1000);

  g_ptr_array_add (keys, crm_fractional_index_between (NULL, NULL));
  for (int i = 0; i < 2000; i++)
    {
      guint at = (guint) g_rand_int_range (rand, 0, (gint32) keys->len + 1);
      const char *lower = at > 0 ? keys->pdata[at - 1] : NULL;
      const char *upper = at < keys->len ? keys->pdata[at] : NULL;
      char *key = crm_fractional_index_between (lower, upper);

      g_assert_true (crm_fractional_index_is_valid (key));
      if (lower != NULL)
        g_assert_cmpstr (lower, <, key);
      if (upper != NULL)
        g_assert_cmpstr (key, <, upper);
      g_ptr_array_insert (keys, (gint) at, key);
    }
  g_assert_cmpuint (g_strv_length (spread), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    {
      g_assert_true (crm_fractional_index_is_valid (spread[i]));
      if (i > 0)
        g_assert_cmpstr (spread[i - 1], <, spread[i]);
    }
  /* Appends in a row (a stage filled from the bottom) keep keys short: their length grows with
   * the logarithm of their number, not with the number. */
  {
    g_autofree char *last = g_strdup ("y");

    for (int i = 0; i < 50000; i++)
      {
        char *next = crm_fractional_index_between (last, NULL);

        g_assert_true (crm_fractional_index_is_valid (next));
        g_assert_cmpstr (last, <, next);
        g_free (last);
        last = next;
      }
    g_assert_cmpuint (strlen (last), <=, 8);
  }
  g_assert_false (crm_fractional_index_is_valid ("a0"));
  g_assert_false (crm_fractional_index_is_valid ("A"));
  g_assert_false (crm_fractional_index_is_valid (""));
}

static void
test_uuids_are_time_ordered_version_7 (void)
{
  g_autofree char *previous = NULL;

  for (int i = 0; i < 5000; i++)
    {
      char *uuid = crm_store_new_uuid ();

      g_assert_true (g_uuid_string_is_valid (uuid));
      g_assert_cmpint (uuid[14], ==, '7');
      g_assert_nonnull (strchr ("89ab", uuid[19]));
      if (previous != NULL)
        g_assert_cmpstr (previous, <, uuid);
      g_free (previous);
      previous = uuid;
    }
}

/* ---- Search, money, signals, transactions, change log ------------------------------------ */

static void
test_search_hostile_input (Fixture *fixture, gconstpointer data)
{
  static const char *const hostile[] = {
    "\"",
    "*",
    "(",
    ")",
    "NEAR",
    "NEAR(",
    "-",
    "'",
    "AND",
    "OR",
    "NOT",
    "a AND",
    "\"\"\"",
    "^",
    "name:x",
    "col:\"",
    "''; DROP TABLE contacts; --",
    "{",
    "}",
    "[",
    ":",
    "+",
    "a*b",
    "**",
    "\\",
    "   ",
    "",
    "é\"*(-",
    "NEAR(a b)",
    "a OR OR b",
    "ü",
    "🙂",
    "Lovelace*",
    "\t\n",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();

  company->name = g_strdup ("Analytical Engines Ltd");
  g_assert_true (crm_store_insert_company (fixture->store, company, NULL));
  make_contact (fixture->store, "Ada Lovelace");
  make_contact (fixture->store, "Ada \"The Countess\" Byron");
  make_contact (fixture->store, "NEAR Andersen");
  make_deal (fixture->store, "Engine (phase 2) - AND more", first_stage_id (fixture->store, 0));

  for (guint i = 0; i < G_N_ELEMENTS (hostile); i++)
    {
      g_autoptr (GPtrArray) result = crm_store_search (fixture->store, hostile[i], 50, &error);
      g_assert_no_error (error);
      g_assert_nonnull (result);
    }

  hits = crm_store_search (fixture->store, "lov", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) hits->pdata[0])->entity, ==, CRM_ENTITY_CONTACT);
  g_assert_cmpstr (((CrmSearchHit *) hits->pdata[0])->title, ==, "Ada Lovelace");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = crm_store_search (fixture->store, "NEAR", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = crm_store_search (fixture->store, "\"countess", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = crm_store_search (fixture->store, "(phase", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) hits->pdata[0])->entity, ==, CRM_ENTITY_DEAL);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Company names are searchable, and a rename follows into the people's search text. */
  hits = crm_store_search (fixture->store, "analytical", 10, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((CrmSearchHit *) hits->pdata[0])->entity, ==, CRM_ENTITY_COMPANY);
  g_clear_pointer (&hits, g_ptr_array_unref);

  g_assert_null (crm_store_build_fts_query ("  \" * ( - "));
  {
    g_autofree char *query = crm_store_build_fts_query ("a\"b NEAR");
    g_assert_cmpstr (query, ==, "\"a\"\"b\"* \"NEAR\"*");
  }
}

static void
test_search_follows_company_rename (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (GPtrArray) hits = NULL;

  company->name = g_strdup ("Oldname");
  g_assert_true (crm_store_insert_company (fixture->store, company, NULL));
  contact->name = g_strdup ("Pat Example");
  contact->company_id = company->id;
  g_assert_true (crm_store_insert_contact (fixture->store, contact, NULL));

  g_free (company->name);
  company->name = g_strdup ("Newbrand");
  g_assert_true (crm_store_update_company (fixture->store, company, &error));
  hits = crm_store_search (fixture->store, "newbrand", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = crm_store_search (fixture->store, "oldname", 10, &error);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_money_exact (Fixture *fixture, gconstpointer data)
{
  /* 2^53 + 1 has no exact double: it survives only if money never passes through a float. */
  static const gint64 values[] = { 1, 1999, G_GINT64_CONSTANT (9007199254740993), G_MAXINT64 };
  g_autoptr (GError) error = NULL;
  gint64 stage = first_stage_id (fixture->store, 0);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
      g_autoptr (CrmDealRecord) read = NULL;

      deal->title = g_strdup ("Money");
      deal->currency = g_strdup ("JPY");
      deal->value_minor = values[i];
      deal->stage_id = stage;
      g_assert_true (crm_store_insert_deal (fixture->store, deal, &error));
      g_assert_no_error (error);
      read = crm_store_get_deal (fixture->store, deal->id, &error);
      g_assert_cmpint (read->value_minor, ==, values[i]);
    }
  g_assert_cmpint (sql_int (fixture->path, "SELECT typeof (value_minor) = 'integer' FROM deals "
                                           "WHERE value_minor = 9007199254740993"),
                   ==, 1);
}

typedef struct
{
  guint inserts;
  guint resets;
  gint64 last_id;
} Counter;

static void
on_count_changed (
    CrmStore *store, guint entity, guint action, gint64 id, gpointer old_record, Counter *counter)
{
  if (entity != CRM_ENTITY_CONTACT)
    return;
  if (action == CRM_CHANGE_INSERT)
    counter->inserts++;
  if (action == CRM_CHANGE_RESET)
    counter->resets++;
  counter->last_id = id;
}

static void
test_signals_after_commit_only (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Counter counter = { 0 };

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_count_changed), &counter);

  g_assert_true (crm_store_begin (fixture->store, &error));
  make_contact (fixture->store, "One");
  make_contact (fixture->store, "Two");
  g_assert_cmpuint (counter.inserts, ==, 0);
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_cmpuint (counter.inserts, ==, 2);

  /* A rollback writes nothing and says nothing. */
  g_assert_true (crm_store_begin (fixture->store, &error));
  make_contact (fixture->store, "Three");
  crm_store_rollback (fixture->store);
  g_assert_cmpuint (counter.inserts, ==, 2);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, 2);

  /* An inner failure rolls back only its own savepoint. */
  g_assert_true (crm_store_begin (fixture->store, &error));
  make_contact (fixture->store, "Four");
  {
    g_autoptr (CrmContactRecord) nameless = crm_contact_record_new ();
    g_assert_false (crm_store_insert_contact (fixture->store, nameless, &error));
    g_clear_error (&error);
  }
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_cmpuint (counter.inserts, ==, 3);

  /* Bulk writes end in one reset. */
  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  for (int i = 0; i < 10; i++)
    make_contact (fixture->store, "Bulk");
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_cmpuint (counter.inserts, ==, 3);
  g_assert_cmpuint (counter.resets, ==, 1);
  g_signal_handlers_disconnect_by_data (fixture->store, &counter);
}

static void
test_external_changes_are_noticed (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) other = crm_store_open (fixture->path, &error);
  Counter counter = { 0 };

  g_assert_no_error (error);
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_count_changed), &counter);
  g_assert_false (crm_store_poll_external_changes (fixture->store));
  make_contact (other, "Written elsewhere");
  g_assert_true (crm_store_poll_external_changes (fixture->store));
  g_assert_cmpuint (counter.resets, ==, 1);
  g_assert_false (crm_store_poll_external_changes (fixture->store));
  g_signal_handlers_disconnect_by_data (fixture->store, &counter);
}

static void
test_change_log_records_writes (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  gint64 before = crm_store_get_last_change_id (fixture->store);
  g_autofree char *sql = NULL;

  contact->name = g_strdup ("Logged");
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_free (contact->name);
  contact->name = g_strdup ("Logged again");
  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  g_assert_true (crm_store_delete_contact (fixture->store, contact->id, &error));
  g_assert_cmpint (crm_store_get_last_change_id (fixture->store), ==, before + 3);

  sql = g_strdup_printf (
      "SELECT count(*) FROM change_log WHERE entity = 'contacts' AND "
      "entity_id = %" G_GINT64_FORMAT " AND ("
      "(action = 'insert' AND json_extract (new_values, '$.name') = 'Logged') OR "
      "(action = 'update' AND json_extract (old_values, '$.name') = 'Logged' "
      " AND json_extract (new_values, '$.name') = 'Logged again') OR "
      "(action = 'delete' AND json_extract (old_values, '$.uuid') = '%s'))",
      contact->id, contact->uuid);
  g_assert_cmpint (sql_int (fixture->path, sql), ==, 3);
}

static void
test_check_and_backup (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *backup_path = g_build_filename (fixture->folder, "copy.db", NULL);
  g_autoptr (CrmStore) copy = NULL;
  GStatBuf st;

  make_contact (fixture->store, "Backed up");
  make_deal (fixture->store, "Backed up deal", first_stage_id (fixture->store, 0));
  g_assert_true (crm_store_check (fixture->store, report, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (report->str, ==, "");

  g_assert_true (crm_store_backup (fixture->store, backup_path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  copy = crm_store_open (backup_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_count (copy, CRM_ENTITY_CONTACT, NULL), ==, 1);
  g_assert_cmpint (crm_store_count (copy, CRM_ENTITY_DEAL, NULL), ==, 1);

  /* A broken reference is found by the check. */
  g_clear_object (&fixture->store);
  run_sql (fixture->path, "PRAGMA foreign_keys = OFF; UPDATE deals SET stage_id = 4242");
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_string_truncate (report, 0);
  g_assert_false (crm_store_check (fixture->store, report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (report->str, "deals"));
}

static char *
sql_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  if (sqlite3_step (statement) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return value;
}

static void
make_related_rows (CrmStore *store, const char *prefix, gint64 stage_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();

  company->name = g_strdup_printf ("%s Rockets", prefix);
  company->industry = g_strdup ("Aerospace");
  g_assert_true (crm_store_insert_company (store, company, &error));
  contact->name = g_strdup_printf ("%s Coyote", prefix);
  contact->email = g_strdup ("wile@example.com");
  contact->company_id = company->id;
  g_assert_true (crm_store_insert_contact (store, contact, &error));
  deal->title = g_strdup_printf ("%s anvils", prefix);
  deal->currency = g_strdup ("USD");
  deal->stage_id = stage_id;
  deal->contact_id = contact->id;
  deal->company_id = company->id;
  g_assert_true (crm_store_insert_deal (store, deal, &error));
  g_assert_no_error (error);
}

#define ACTIVITY_INDEXES_SQL                                                                       \
  "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'activities' AND sql "   \
  "IS NOT NULL"

/* Contacts whose stored company name is not their company's. */
#define WRONG_COMPANY_NAMES_SQL                                                                    \
  "SELECT count(*) FROM contacts c LEFT JOIN companies co ON co.id = c.company_id "                \
  "WHERE c.company_name IS NOT co.name"

static void
test_bulk_search_index_and_failure (Fixture *fixture, gconstpointer data)
{
  static const char *const fts_tables[] = { "contacts_fts", "companies_fts", "deals_fts" };
  g_autoptr (GError) error = NULL;
  gint64 stage = first_stage_id (fixture->store, 0);
  gint64 contacts_before;

  make_related_rows (fixture->store, "Single", stage);
  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  make_related_rows (fixture->store, "Bulk", stage);
  g_assert_true (crm_store_commit (fixture->store, &error));
  g_assert_no_error (error);

  /* Rows written in bulk are indexed exactly as rows written one by one. */
  for (guint i = 0; i < G_N_ELEMENTS (fts_tables); i++)
    {
      g_autofree char *single_sql = g_strdup_printf (
          "SELECT replace (name, 'Single', '') || '|' || replace (details, 'Single', '') FROM %s "
          "WHERE name LIKE 'Single%%'",
          fts_tables[i]);
      g_autofree char *bulk_sql = g_strdup_printf (
          "SELECT replace (name, 'Bulk', '') || '|' || replace (details, 'Bulk', '') FROM %s "
          "WHERE name LIKE 'Bulk%%'",
          fts_tables[i]);
      g_autofree char *single = sql_text (fixture->path, single_sql);
      g_autofree char *bulk = sql_text (fixture->path, bulk_sql);
      g_assert_nonnull (single);
      g_assert_cmpstr (single, ==, bulk);
    }
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                           "'trigger' AND name LIKE '%fts_insert'"),
                   ==, 3);
  {
    g_autoptr (GPtrArray) hits = crm_store_search (fixture->store, "bulk rockets", 10, &error);
    g_assert_cmpuint (hits->len, ==, 3); /* the company, its person, its deal */
  }
  g_assert_cmpint (sql_int (fixture->path, ACTIVITY_INDEXES_SQL), ==, 5);
  /* The company names of contacts written in bulk are set, and their triggers are back. */
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM contacts WHERE name = 'Bulk "
                                           "Coyote' AND company_name = 'Bulk Rockets'"),
                   ==, 1);
  g_assert_cmpint (sql_int (fixture->path, WRONG_COMPANY_NAMES_SQL), ==, 0);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                           "'trigger' AND name LIKE '%company_name%'"),
                   ==, 5);

  /* A write refused before it starts leaves the batch whole; one that fails half-way dooms
   * it: nothing of the batch is saved. */
  contacts_before = crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL);
  g_assert_true (crm_store_begin_bulk (fixture->store, &error));
  make_contact (fixture->store, "Doomed");
  {
    g_autoptr (CrmContactRecord) nameless = crm_contact_record_new ();
    g_autoptr (CrmTagRecord) tag = crm_tag_record_new ();
    g_autoptr (CrmTagRecord) same_tag = crm_tag_record_new ();

    g_assert_false (crm_store_insert_contact (fixture->store, nameless, &error));
    g_clear_error (&error);
    tag->name = g_strdup ("twice");
    same_tag->name = g_strdup ("TWICE");
    g_assert_true (crm_store_insert_tag (fixture->store, tag, &error));
    g_assert_false (crm_store_insert_tag (fixture->store, same_tag, &error));
    g_clear_error (&error);
  }
  g_assert_false (crm_store_commit (fixture->store, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (crm_store_count (fixture->store, CRM_ENTITY_CONTACT, NULL), ==, contacts_before);
  g_assert_cmpint (sql_int (fixture->path, "SELECT count(*) FROM sqlite_schema WHERE type = "
                                           "'trigger' AND name LIKE '%fts_insert'"),
                   ==, 3);
  /* The activity indexes a batch rebuilds at its end are back after a failed one too. */
  g_assert_cmpint (sql_int (fixture->path, ACTIVITY_INDEXES_SQL), ==, 5);
  make_contact (fixture->store, "After the batch");
  {
    g_autoptr (GPtrArray) hits = crm_store_search (fixture->store, "after batch", 10, &error);
    g_assert_cmpuint (hits->len, ==, 1);
  }
}

/* ---- Contacts, paged -------------------------------------------------------------------- */

static void
test_contacts_paging (Fixture *fixture, gconstpointer data)
{
  static const char *const names[] = { "delta", "Alpha", "charlie", "Bravo", "alpha", "Écho",
                                       "echo",  "zulu",  "Mike",    "mike",  "India", "hotel" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) keyset
      = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_contact_record_free);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    make_contact (fixture->store, names[i]);
  g_assert_cmpuint (crm_store_count_contacts (fixture->store, &error), ==, G_N_ELEMENTS (names));

  all = crm_store_fetch_contacts (fixture->store, NULL, 0, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (names));
  for (guint i = 1; i < all->len; i++)
    {
      CrmContactRecord *a = all->pdata[i - 1], *b = all->pdata[i];
      int order = g_ascii_strcasecmp (a->name, b->name);
      g_assert_true (order < 0 || (order == 0 && a->id < b->id) || b->name[0] & 0x80);
    }

  /* Keyset pages of 5 give the same sequence as one big page. */
  while (TRUE)
    {
      CrmContactRecord *last = keyset->len > 0 ? keyset->pdata[keyset->len - 1] : NULL;
      g_autoptr (GPtrArray) page
          = crm_store_fetch_contacts (fixture->store, last != NULL ? last->name : NULL,
                                      last != NULL ? last->id : 0, 0, 5, &error);
      g_assert_no_error (error);
      if (page->len == 0)
        break;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (keyset, crm_contact_record_copy (page->pdata[i]));
    }
  g_assert_cmpuint (keyset->len, ==, all->len);
  for (guint i = 0; i < all->len; i++)
    {
      CrmContactRecord *expected = all->pdata[i];
      CrmContactSortKey key;

      g_assert_cmpint (((CrmContactRecord *) keyset->pdata[i])->id, ==, expected->id);
      crm_contact_sort_key_init (&key, CRM_CONTACT_SORT_NAME, expected);
      g_assert_cmpuint (
          crm_store_count_contacts_before (fixture->store, CRM_CONTACT_SORT_NAME, &key, &error), ==,
          i);
    }
  {
    g_autoptr (GPtrArray) page = crm_store_fetch_contacts (fixture->store, NULL, 0, 10, 5, &error);
    g_assert_cmpuint (page->len, ==, 2);
    g_assert_cmpint (((CrmContactRecord *) page->pdata[0])->id, ==,
                     ((CrmContactRecord *) all->pdata[10])->id);
  }
}

/* ---- A contact's company name ------------------------------------------------------------- */

static gint64
make_company (CrmStore *store, const char *name)
{
  g_autoptr (CrmCompanyRecord) company = crm_company_record_new ();
  g_autoptr (GError) error = NULL;

  company->name = g_strdup (name);
  g_assert_true (crm_store_insert_company (store, company, &error));
  g_assert_no_error (error);
  return company->id;
}

static char *
dup_company_name_of (CrmStore *store, gint64 contact_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_store_get_contact (store, contact_id, &error);

  g_assert_no_error (error);
  return g_strdup (contact->company_name);
}

#define ASSERT_COMPANY_NAME(store, id, expected)                                                   \
  G_STMT_START                                                                                     \
  {                                                                                                \
    g_autofree char *actual_ = dup_company_name_of (store, id);                                    \
    g_assert_cmpstr (actual_, ==, expected);                                                       \
  }                                                                                                \
  G_STMT_END

/* The company name kept on each contact follows the contact's company, the company's renames
 * and its deletion, cannot be written wrong, and writes nothing to the change log. */
static void
test_contact_company_name (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 acme = make_company (fixture->store, "Acme");
  gint64 globex = make_company (fixture->store, "Globex");
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  gint64 loner = make_contact (fixture->store, "Loner");
  gint64 logged;

  contact->name = g_strdup ("Wile");
  contact->company_id = acme;
  contact->company_name = g_strdup ("Not Acme"); /* ignored: the database keeps it */
  g_assert_true (crm_store_insert_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  ASSERT_COMPANY_NAME (fixture->store, contact->id, "Acme");
  ASSERT_COMPANY_NAME (fixture->store, loner, NULL);

  /* A rename reaches the company's people without a change-log row for each of them. */
  logged = sql_int (fixture->path, "SELECT count(*) FROM change_log WHERE entity = 'contacts'");
  {
    g_autoptr (CrmCompanyRecord) company = crm_store_get_company (fixture->store, acme, &error);
    g_free (company->name);
    company->name = g_strdup ("Acme & Sons <Intl>");
    g_assert_true (crm_store_update_company (fixture->store, company, &error));
  }
  ASSERT_COMPANY_NAME (fixture->store, contact->id, "Acme & Sons <Intl>");
  g_assert_cmpint (
      sql_int (fixture->path, "SELECT count(*) FROM change_log WHERE entity = 'contacts'"), ==,
      logged);

  /* Moved to another company: that one's name, whatever the record says. */
  {
    g_autoptr (CrmContactRecord) moved
        = crm_store_get_contact (fixture->store, contact->id, &error);
    moved->company_id = globex;
    g_free (moved->company_name);
    moved->company_name = g_strdup ("Forged");
    g_assert_true (crm_store_update_contact (fixture->store, moved, &error));
  }
  ASSERT_COMPANY_NAME (fixture->store, contact->id, "Globex");
  /* Written wrong from outside (the sqlite3 shell): put right again. */
  run_sql (fixture->path, "UPDATE contacts SET company_name = 'Forged'");
  ASSERT_COMPANY_NAME (fixture->store, contact->id, "Globex");
  ASSERT_COMPANY_NAME (fixture->store, loner, NULL);
  g_assert_cmpint (sql_int (fixture->path, WRONG_COMPANY_NAMES_SQL), ==, 0);

  /* The company deleted: no company, no name. */
  g_assert_true (crm_store_delete_company (fixture->store, globex, &error));
  g_assert_no_error (error);
  ASSERT_COMPANY_NAME (fixture->store, contact->id, NULL);
  g_assert_cmpint (sql_int (fixture->path, WRONG_COMPANY_NAMES_SQL), ==, 0);

  /* Put out of step from outside (its trigger dropped): the check says so. */
  {
    g_autoptr (GString) report = g_string_new (NULL);

    g_assert_true (crm_store_check (fixture->store, report, &error));
    run_sql (fixture->path, "DROP TRIGGER contacts_company_name_update; "
                            "UPDATE contacts SET company_name = 'Forged'");
    g_assert_false (crm_store_check (fixture->store, report, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (report->str, "company name"));
  }
}

#define VERSION_3_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-3/"

/* A version-3 database gets the company names of its contacts, the new indexes and the smart
 * lists table, without a change-log row for the names. */
static void
test_migrate_from_version_3 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "version-3.db", NULL);
  gint64 logged;

  old = crm_store_open_with_migrations (path, VERSION_3_MIGRATIONS, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  run_sql (path, "INSERT INTO companies (id, name) VALUES (7, 'Initech');"
                 "INSERT INTO contacts (name, company_id) VALUES ('Peter', 7), ('Lone', NULL);");
  logged = sql_int (path, "SELECT count(*) FROM change_log");

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts WHERE company_name = 'Initech'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, WRONG_COMPANY_NAMES_SQL), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM change_log"), ==, logged);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                  "('contacts_by_company_name', 'contacts_by_lifecycle', "
                                  "'contacts_by_owner', 'contacts_by_country', 'smart_lists')"),
                   ==, 5);
}

#define VERSION_4_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-4/"

/* What the contacts' search triggers write for each contact: rows of contacts_fts that differ. */
#define WRONG_CONTACT_SEARCH_TEXT_SQL                                                              \
  "SELECT count(*) FROM contacts c LEFT JOIN contacts_fts f ON f.rowid = c.id "                    \
  "WHERE f.rowid IS NULL OR f.name IS NOT c.name OR f.details IS NOT (ifnull (c.email, '') || ' "  \
  "' "                                                                                             \
  "|| ifnull (c.phone, '') || ' ' || ifnull (c.title, '') || ' ' || ifnull (c.notes, '') || ' ' "  \
  "|| ifnull ((SELECT name FROM companies WHERE id = c.company_id), ''))"

/* A version-4 database gets a contacts search index with prefix indexes, holding the same text
 * the triggers write, which go on keeping it in step. */
static void
test_migrate_from_version_4 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "version-4.db", NULL);

  old = crm_store_open_with_migrations (path, VERSION_4_MIGRATIONS, 4, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  run_sql (path, "INSERT INTO companies (id, name) VALUES (7, 'Initech');"
                 "INSERT INTO contacts (name, email, title, notes, company_id) VALUES "
                 "('Peter Gibbons', 'peter@initech.example', 'Engineer', 'TPS reports', 7), "
                 "('Lone Wolf', NULL, NULL, NULL, NULL);");
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts_fts' "
                                  "AND sql LIKE '%prefix%'"),
                   ==, 0);

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts_fts' "
                                  "AND sql LIKE '%prefix = ''1 2 3''%'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts_fts"), ==, 2);
  g_assert_cmpint (sql_int (path, WRONG_CONTACT_SEARCH_TEXT_SQL), ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH "
                                  "'\"i\"* \"tps\"'"),
                   ==, 1);

  /* The triggers write to the new table: a company rename, an edit, an insert. */
  run_sql (path, "UPDATE companies SET name = 'Initrode' WHERE id = 7;"
                 "UPDATE contacts SET title = 'Manager' WHERE name = 'Lone Wolf';"
                 "INSERT INTO contacts (name, company_id) VALUES ('Milton', 7);");
  g_assert_cmpint (sql_int (path, WRONG_CONTACT_SEARCH_TEXT_SQL), ==, 0);
  found = crm_store_search (upgraded, "initro", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH "
                                  "'\"ma\"*'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH "
                                  "'\"initrode\"'"),
                   ==, 2);
}

#define VERSION_5_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-5/"

/* SQLite's verdict on @sql run against the file at @path. */
static int
sql_result (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}

#define VERSION_6_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-6/"

/* A version-6 database gets the index of the contacts' names by id, its rows untouched, and
 * a search sorted by name reads the names from it. */
static void
test_migrate_from_version_6 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "version-6.db", NULL);
  CrmContactFilter filter = { .score_min = -1, .score_max = -1, .text = "zed" };

  old = crm_store_open_with_migrations (path, VERSION_6_MIGRATIONS, 6, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  run_sql (path, "INSERT INTO contacts (id, name) VALUES (41, 'Zed Beta'), (42, 'zed alpha');");
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'contacts_name_by_id'"),
                   ==, 0);

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'contacts_name_by_id'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts WHERE id IN (41, 42)"), ==, 2);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE "
                                  "integrity_check <> 'ok'"),
                   ==, 0);
  page = crm_store_fetch_contacts_filtered (upgraded, CRM_CONTACT_SORT_NAME, &filter, NULL, 0, 10,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpint (((CrmContactRecord *) page->pdata[0])->id, ==, 42);
  g_assert_cmpint (((CrmContactRecord *) page->pdata[1])->id, ==, 41);
}

/* A version-5 database gets CHECK constraints without IN lists of three or more words, which
 * accept and refuse exactly what the IN lists did, its rows untouched and the file sound. */
static void
test_migrate_from_version_5 (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
  g_autofree char *path = g_build_filename (fixture->folder, "version-5.db", NULL);
  const char *refused[] = {
    "INSERT INTO contacts (name, lifecycle) VALUES ('A', 'prospect')",
    "INSERT INTO contacts (name, lifecycle) VALUES ('A', 'LEAD')",
    "INSERT INTO contacts (name, bant_budget) VALUES ('A', 'maybe')",
    "INSERT INTO contacts (name, bant_authority) VALUES ('A', '')",
    "INSERT INTO contacts (name, bant_need) VALUES ('A', 1)",
    "INSERT INTO contacts (name, bant_timeline) VALUES ('A', 'soon')",
    "UPDATE stages SET kind = 'closed'",
    "INSERT INTO activities (kind) VALUES ('fax')",
    "INSERT INTO change_log (entity, entity_id, action) VALUES ('contacts', 1, 'upsert')",
  };

  old = crm_store_open_with_migrations (path, VERSION_5_MIGRATIONS, 5, &error);
  g_assert_no_error (error);
  g_clear_object (&old);
  run_sql (path, "INSERT INTO contacts (id, name, lifecycle, bant_need) VALUES "
                 "(41, 'Ada', 'churned', 'yes');");
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE "
                                  "'%lifecycle IN (%'"),
                   ==, 1);

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_store_get_schema_version (upgraded), ==, CRM_STORE_SCHEMA_VERSION);
  /* Only the two-word lists (compared without a temporary b-tree) are left. */
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE sql LIKE '% IN (''%' "
                                  "AND name <> 'feedback'"),
                   ==, 0);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts' "
                                  "AND sql LIKE '%lifecycle = ''churned'')%'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM contacts WHERE id = 41 AND "
                                  "lifecycle = 'churned' AND bant_need = 'yes'"),
                   ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_integrity_check WHERE "
                                  "integrity_check <> 'ok'"),
                   ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_cmpint (sql_result (path, refused[i]), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sql_result (path, "INSERT INTO contacts (name, lifecycle, bant_budget, "
                                     "bant_authority, bant_need, bant_timeline) VALUES "
                                     "('B', 'advocate', 'no', 'unknown', 'yes', 'no')"),
                   ==, SQLITE_OK);

  /* The connection that migrated goes on writing after its schema reload. */
  contact->name = g_strdup ("Grace");
  contact->lifecycle = CRM_LIFECYCLE_CUSTOMER;
  g_assert_true (crm_store_insert_contact (upgraded, contact, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_resources_register (test_migrations_get_resource ());

  TEST_F ("/store/open/creates-private-file-with-defaults",
          test_open_creates_private_file_with_defaults);
  TEST_F ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  TEST_F ("/store/open/refuses-newer-version", test_open_refuses_newer_version);
  TEST_F ("/store/open/refuses-damaged-file", test_open_refuses_damaged_file);
  TEST_F ("/store/open/refuses-foreign-database", test_open_refuses_foreign_database);
  TEST_F ("/store/open/refuses-folder", test_open_refuses_folder);
  TEST_F ("/store/migrate/failure-changes-nothing", test_open_failed_migration_changes_nothing);
  TEST_F ("/store/migrate/backs-up-then-upgrades", test_migrate_backs_up_then_upgrades);
  TEST_F ("/store/migrate/broken-migration-keeps-file", test_migrate_failure_keeps_file);
  TEST_F ("/store/migrate/from-version-1", test_migrate_from_version_1);
  TEST_F ("/store/migrate/from-version-5", test_migrate_from_version_5);
  TEST_F ("/store/migrate/from-version-6", test_migrate_from_version_6);
  TEST_F ("/store/crud/company", test_crud_company);
  TEST_F ("/store/crud/contact", test_crud_contact);
  TEST_F ("/store/crud/tag", test_crud_tag);
  TEST_F ("/store/crud/pipeline-and-stage", test_crud_pipeline_and_stage);
  TEST_F ("/store/crud/deal", test_crud_deal);
  TEST_F ("/store/crud/activity", test_crud_activity);
  TEST_F ("/store/crud/reasons-sources-feedback-spend", test_crud_reasons_sources_feedback_spend);
  TEST_F ("/store/crud/deal-stage-history", test_crud_history_rows);
  TEST_F ("/store/deal/move-between-stages", test_deal_move_between_stages);
  TEST_F ("/store/deal/reorder-within-stage", test_deal_reorder_within_stage);
  TEST_F ("/store/deal/many-moves-keep-order", test_deal_many_moves_keep_order);
  TEST_F ("/store/deal/damaged-positions-are-repaired", test_deal_damaged_positions_are_repaired);
  TEST_F ("/store/deal/won-and-lost", test_deal_won_and_lost);
  TEST_F ("/store/deal/update-of-stage-is-a-move", test_deal_update_of_stage_is_a_move);
  TEST_F ("/store/stage/with-deals-cannot-be-removed", test_stage_with_deals_cannot_be_removed);
  g_test_add_func ("/store/fractional-index", test_fractional_index);
  g_test_add_func ("/store/uuids-are-time-ordered", test_uuids_are_time_ordered_version_7);
  TEST_F ("/store/search/hostile-input", test_search_hostile_input);
  TEST_F ("/store/search/follows-company-rename", test_search_follows_company_rename);
  TEST_F ("/store/money/exact", test_money_exact);
  TEST_F ("/store/signals/after-commit-only", test_signals_after_commit_only);
  TEST_F ("/store/signals/external-changes", test_external_changes_are_noticed);
  TEST_F ("/store/change-log/records-writes", test_change_log_records_writes);
  TEST_F ("/store/check-and-backup", test_check_and_backup);
  TEST_F ("/store/contacts/paging", test_contacts_paging);
  TEST_F ("/store/bulk/search-index-and-failure", test_bulk_search_index_and_failure);
  TEST_F ("/store/contact/company-name", test_contact_company_name);
  TEST_F ("/store/migrate/from-version-3", test_migrate_from_version_3);
  TEST_F ("/store/migrate/from-version-4", test_migrate_from_version_4);

  return g_test_run ();
}
