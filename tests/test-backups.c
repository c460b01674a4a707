/* test-backups.c — the backups of a database: names, listing with counts, rotation, when the
 * daily backup is due, restoring (content, the copy kept first, refusals that change nothing),
 * the copy before a migration, and file modes. */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-backups.h"
#include "crm-store-private.h"
#include "crm-test-util.h"

#define VERSION_1_MIGRATIONS "/io/github/rapportcrm/Rapport/tests/version-1/"
#define DAY CRM_BACKUPS_DAILY_INTERVAL

typedef struct
{
  char *folder;
  char *path;
  char *backup_folder;
  CrmStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-backups-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "data", "rapport.db", NULL);
  fixture->backup_folder = g_build_filename (fixture->folder, "data", "backups", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_free (fixture->folder);
  g_free (fixture->path);
  g_free (fixture->backup_folder);
}

#define TEST_F(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

static gint64
add_contact (CrmStore *store, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();

  contact->name = g_strdup (name);
  g_assert_true (crm_store_insert_contact (store, contact, &error));
  g_assert_no_error (error);
  return contact->id;
}

static void
add_deal (CrmStore *store, const char *title)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmDealRecord) deal = crm_deal_record_new ();
  g_autoptr (GArray) stage_ids = crm_test_list_default_stage_ids (store);

  deal->title = g_strdup (title);
  deal->currency = g_strdup ("EUR");
  deal->stage_id = g_array_index (stage_ids, gint64, 0);
  g_assert_true (crm_store_insert_deal (store, deal, &error));
  g_assert_no_error (error);
}

static char *
contact_name (const char *path, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (path, &error);
  g_autoptr (CrmContactRecord) contact = NULL;

  g_assert_no_error (error);
  contact = crm_store_get_contact (store, id, &error);
  g_assert_no_error (error);
  return g_strdup (contact->name);
}

static CrmBackupSummary
summary_of (const char *path)
{
  g_autoptr (GError) error = NULL;
  CrmBackupSummary summary;

  g_assert_true (crm_store_read_summary (path, &summary, &error));
  g_assert_no_error (error);
  return summary;
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

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* A backup of the fixture's database taken "at" @when. */
static char *
back_up_at (Fixture *fixture, gint64 when, const char *reason)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = crm_store_build_backup_path (fixture->path, when, reason, &error);

  g_assert_no_error (error);
  g_assert_true (crm_store_copy_database (fixture->path, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The database closed and its WAL folded in, so that its bytes say everything it holds. */
static void
close_database (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  run_sql (fixture->path, "PRAGMA wal_checkpoint (TRUNCATE)");
}

static void
test_names (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path
      = crm_store_build_backup_path (fixture->path, 1764979200 + 3723, "daily", &error);
  g_autofree char *base = NULL;
  g_autofree char *reason = NULL;
  gint64 when = 0;

  g_assert_no_error (error);
  base = g_path_get_basename (path);
  /* 2025-12-06 01:02:03 UTC */
  g_assert_cmpstr (base, ==, "rapport-2025-12-06-010203-daily.db");
  g_assert_true (crm_store_parse_backup_name (fixture->path, base, &when, &reason));
  g_assert_cmpint (when, ==, 1764979200 + 3723);
  g_assert_cmpstr (reason, ==, "daily");
  g_clear_pointer (&reason, g_free);
  g_assert_true (
      crm_store_parse_backup_name (fixture->path, "rapport-2025-12-06-010203.db", &when, &reason));
  g_assert_cmpstr (reason, ==, "");

  /* Other databases' backups and other files are not this database's backups. */
  g_assert_false (
      crm_store_parse_backup_name (fixture->path, "rapport-old-2025-12-06-010203.db", NULL, NULL));
  g_assert_false (
      crm_store_parse_backup_name (fixture->path, "rapport-2025-13-06-010203.db", NULL, NULL));
  g_assert_false (
      crm_store_parse_backup_name (fixture->path, "rapport-2025-12-06-010203.db-wal", NULL, NULL));
  g_assert_false (crm_store_parse_backup_name (fixture->path, "notes.txt", NULL, NULL));
}

static void
test_list_with_counts (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *older = NULL;
  g_autofree char *newer = NULL;
  const CrmBackup *first;
  GStatBuf st;

  backups = crm_backups_list (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  add_contact (fixture->store, "Ada");
  older = back_up_at (fixture, 1700000000, "manual");
  add_contact (fixture->store, "Grace");
  add_deal (fixture->store, "Big one");
  newer = back_up_at (fixture, 1700000000 + DAY, "daily");
  /* Not a backup: ignored. */
  {
    g_autofree char *readme = g_build_filename (fixture->backup_folder, "README", NULL);
    g_assert_true (g_file_set_contents (readme, "x", 1, NULL));
  }

  backups = crm_backups_list (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);
  first = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (first->path, ==, newer);
  g_assert_cmpint (first->time, ==, 1700000000 + DAY);
  g_assert_cmpstr (first->reason, ==, "daily");
  g_assert_true (first->has_summary);
  g_assert_cmpint (first->summary.schema_version, ==, CRM_STORE_SCHEMA_VERSION);
  g_assert_cmpuint (first->summary.n_contacts, ==, 2);
  g_assert_cmpuint (first->summary.n_deals, ==, 1);
  g_assert_cmpuint (first->summary.n_companies, ==, 0);
  g_assert_cmpint (first->summary.newest_updated_at, >, 1700000000);
  g_assert_cmpint (first->size, >, 0);
  g_assert_cmpuint (((CrmBackup *) g_ptr_array_index (backups, 1))->summary.n_contacts, ==, 1);

  /* Private: the folder 0700, the files 0600, each a single file (no WAL header). */
  g_assert_cmpint (g_stat (fixture->backup_folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (newer, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *wal = g_strconcat (newer, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

static void
test_rotate_keeps_newest (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  guint removed = 0;

  for (guint i = 0; i < 10; i++)
    g_free (back_up_at (fixture, 1700000000 + i * DAY, i % 2 == 0 ? "daily" : "manual"));
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 10);

  g_assert_true (crm_backups_rotate (fixture->path, 3, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, 7);
  backups = crm_backups_list (fixture->path, FALSE, &error);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (((CrmBackup *) g_ptr_array_index (backups, i))->time, ==,
                     1700000000 + (9 - i) * DAY);

  /* Fewer than N: nothing goes. */
  g_assert_true (crm_backups_rotate (fixture->path, 7, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 3);
}

static void
test_daily_due (Fixture *fixture, gconstpointer data)
{
  const gint64 now = 1700000000;
  g_autoptr (GPtrArray) backups = NULL;

  g_assert_true (crm_backups_is_daily_due (NULL, now));
  backups = crm_backups_list (fixture->path, FALSE, NULL);
  g_assert_true (crm_backups_is_daily_due (backups, now));
  g_clear_pointer (&backups, g_ptr_array_unref);

  g_free (back_up_at (fixture, now - DAY + 60, "daily"));
  g_free (back_up_at (fixture, now - 5 * DAY, "daily"));
  backups = crm_backups_list (fixture->path, FALSE, NULL);
  /* The newest counts, whatever its reason. */
  g_assert_false (crm_backups_is_daily_due (backups, now));
  g_assert_false (crm_backups_is_daily_due (backups, now + 59));
  g_assert_true (crm_backups_is_daily_due (backups, now + 60));
  g_assert_true (crm_backups_is_daily_due (backups, now + 3 * DAY));
  /* A clock set back by more than a day does not stop the backups. */
  g_assert_true (crm_backups_is_daily_due (backups, now - 3 * DAY));
}

static void
on_async_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static char *
back_up_async_and_wait (const char *path, gboolean only_when_due, guint keep, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  crm_backups_back_up_async (path, "daily", only_when_due, keep, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return crm_backups_back_up_finish (result, error);
}

static void
test_back_up_when_due (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  add_contact (fixture->store, "Ada");
  first = back_up_async_and_wait (fixture->path, TRUE, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_cmpuint (summary_of (first).n_contacts, ==, 1);
  /* Taken while the window's connection is open, with its last write in the WAL. */
  g_assert_true (g_str_has_suffix (first, "-daily.db"));

  /* A day has not passed: not due. */
  second = back_up_async_and_wait (fixture->path, TRUE, 2, &error);
  g_assert_no_error (error);
  g_assert_null (second);

  /* Older backups only: due, and the rotation keeps two. */
  g_unlink (first);
  for (guint i = 2; i <= 4; i++)
    g_free (back_up_at (fixture, now - i * DAY, "daily"));
  second = back_up_async_and_wait (fixture->path, TRUE, 2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 2);
}

static void
test_restore_replaces_content (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmContactRecord) contact = NULL;
  g_autoptr (CrmStore) reopened = NULL;
  g_autoptr (GString) report = g_string_new (NULL);
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *name = NULL;
  gint64 ada;
  GStatBuf st;

  ada = add_contact (fixture->store, "Ada");
  add_contact (fixture->store, "Grace");
  add_deal (fixture->store, "Old deal");
  backup = back_up_at (fixture, 1700000000, "daily");

  /* Changed since the backup: a contact renamed, two more, a deal gone. */
  contact = crm_store_get_contact (fixture->store, ada, &error);
  g_free (contact->name);
  contact->name = g_strdup ("Ada Lovelace");
  g_assert_true (crm_store_update_contact (fixture->store, contact, &error));
  add_contact (fixture->store, "Edsger");
  add_contact (fixture->store, "Barbara");
  close_database (fixture);
  g_assert_cmpuint (summary_of (fixture->path).n_contacts, ==, 4);

  g_assert_true (crm_backups_restore (fixture->path, backup, &kept, &error));
  g_assert_no_error (error);

  /* The database is the backup again. */
  g_assert_cmpuint (summary_of (fixture->path).n_contacts, ==, 2);
  g_assert_cmpuint (summary_of (fixture->path).n_deals, ==, 1);
  name = contact_name (fixture->path, ada);
  g_assert_cmpstr (name, ==, "Ada");
  g_clear_pointer (&name, g_free);
  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  reopened = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_check (reopened, report, &error));
  g_assert_cmpstr (report->str, ==, "");
  g_clear_object (&reopened);

  /* What was there is kept as a backup of its own. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_suffix (kept, "-before-restore.db"));
  g_assert_cmpint (g_stat (kept, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (summary_of (kept).n_contacts, ==, 4);
  name = contact_name (kept, ada);
  g_assert_cmpstr (name, ==, "Ada Lovelace");
  /* The restored backup itself is still there, unchanged. */
  g_assert_cmpuint (summary_of (backup).n_contacts, ==, 2);
}

/* @bad_file is refused with @code, and the database stays byte for byte as it was. */
static void
assert_refused_unchanged (Fixture *fixture, const char *bad_file, int code)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  guint n_files;

  close_database (fixture);
  before = crm_test_file_checksum (fixture->path);
  n_files = count_files (fixture->backup_folder);

  g_assert_false (crm_backups_restore (fixture->path, bad_file, &kept, &error));
  g_assert_error (error, CRM_STORE_ERROR, code);
  g_test_message ("refused: %s", error->message);
  g_assert_null (kept);

  after = crm_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
  /* No before-restore copy and no temporary file left behind. */
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, n_files);
  {
    g_autofree char *data_folder = g_path_get_dirname (fixture->path);
    /* rapport.db and backups/ */
    g_assert_cmpuint (count_files (data_folder), ==, 2);
  }
}

static void
test_restore_refuses_damaged (Fixture *fixture, gconstpointer data)
{
  g_autofree char *garbage_path = NULL;
  g_autofree char *torn_path = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  char garbage[8192];

  add_contact (fixture->store, "Ada");
  torn_path = back_up_at (fixture, 1700000000, "daily");
  garbage_path
      = g_build_filename (fixture->backup_folder, "rapport-2023-11-15-000000-daily.db", NULL);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (garbage_path, garbage, sizeof garbage, NULL));
  assert_refused_unchanged (fixture, garbage_path, CRM_STORE_ERROR_CORRUPT);

  /* A real backup with garbage written over its pages past the header. */
  g_assert_true (g_file_get_contents (torn_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 4096 + 100; i < length; i += 3)
    contents[i] = (char) (contents[i] ^ 0x5a);
  g_assert_true (g_file_set_contents (torn_path, contents, length, NULL));
  assert_refused_unchanged (fixture, torn_path, CRM_STORE_ERROR_CORRUPT);
}

static void
test_restore_refuses_newer_and_foreign (Fixture *fixture, gconstpointer data)
{
  g_autofree char *newer = NULL;
  g_autofree char *foreign = g_build_filename (fixture->folder, "other.db", NULL);

  add_contact (fixture->store, "Ada");
  newer = back_up_at (fixture, 1700000000, "daily");
  run_sql (newer, "PRAGMA user_version = 99");
  assert_refused_unchanged (fixture, newer, CRM_STORE_ERROR_NEWER_VERSION);

  run_sql (foreign, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi')");
  assert_refused_unchanged (fixture, foreign, CRM_STORE_ERROR_NOT_RAPPORT);

  /* And the database itself is not a backup of itself. */
  {
    g_autoptr (GError) error = NULL;
    g_assert_false (crm_backups_restore (fixture->path, fixture->path, NULL, &error));
    g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  }
}

/* While a connection has the database open, a rename would leave it writing to the old file,
 * and its WAL would be replayed onto the new one: refused, nothing changed. */
static void
test_restore_refuses_open_database (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = NULL;

  add_contact (fixture->store, "Ada");
  backup = back_up_at (fixture, 1700000000, "daily");
  add_contact (fixture->store, "Grace");

  g_assert_false (crm_backups_restore (fixture->path, backup, NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_BUSY);
  g_assert_cmpuint (crm_store_count_contacts (fixture->store, NULL), ==, 2);
  add_contact (fixture->store, "Still writable");
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 1);
  close_database (fixture);
  g_assert_cmpuint (summary_of (fixture->path).n_contacts, ==, 3);
}

static void
on_restore_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_restore_async (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;

  backup = back_up_at (fixture, 1700000000, "daily");
  add_contact (fixture->store, "Ada");
  close_database (fixture);

  crm_backups_restore_async (fixture->path, backup, NULL, on_restore_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_backups_restore_finish (result, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary_of (fixture->path).n_contacts, ==, 0);
  g_assert_cmpuint (summary_of (kept).n_contacts, ==, 1);
}

static void
test_migration_backup_in_folder (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) old = NULL;
  g_autoptr (CrmStore) upgraded = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *path = g_build_filename (fixture->folder, "data", "old.db", NULL);
  g_autofree char *reason = g_strdup_printf ("before-migration-v%d", CRM_STORE_SCHEMA_VERSION);
  const CrmBackup *backup;

  old = crm_store_open_with_migrations (path, VERSION_1_MIGRATIONS, 1, &error);
  g_assert_no_error (error);
  add_contact (old, "From 0.1");
  g_clear_object (&old);

  upgraded = crm_store_open (path, &error);
  g_assert_no_error (error);
  backups = crm_backups_list (path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);
  backup = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (backup->path, ==, crm_store_get_migration_backup_path (upgraded));
  g_assert_cmpstr (backup->reason, ==, reason);
  g_assert_cmpint (backup->summary.schema_version, ==, 1);
  g_assert_cmpuint (backup->summary.n_contacts, ==, 1);
  {
    g_autofree char *folder = g_path_get_dirname (backup->path);
    g_assert_cmpstr (folder, ==, fixture->backup_folder);
  }
  /* The backups of rapport.db are not old.db's. */
  g_clear_pointer (&backups, g_ptr_array_unref);
  backups = crm_backups_list (fixture->path, FALSE, &error);
  g_assert_cmpuint (backups->len, ==, 0);

  /* An older version is a valid backup to restore: the store upgrades it on opening. */
  g_assert_true (crm_store_verify_backup (crm_store_get_migration_backup_path (upgraded), &error));
  g_assert_no_error (error);
}

/* A backup that still says WAL in its header (as older Rapports wrote them) is listed and
 * restored without -wal and -shm files left beside it. */
static void
test_wal_header_backup (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) backups = NULL;
  g_autofree char *backup = NULL;

  add_contact (fixture->store, "Ada");
  backup = back_up_at (fixture, 1700000000, "daily");
  run_sql (backup, "PRAGMA journal_mode = WAL");
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 1);

  backups = crm_backups_list (fixture->path, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((CrmBackup *) g_ptr_array_index (backups, 0))->summary.n_contacts, ==, 1);
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 1);

  add_contact (fixture->store, "Grace");
  close_database (fixture);
  g_assert_true (crm_backups_restore (fixture->path, backup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary_of (fixture->path).n_contacts, ==, 1);
  /* The backup and the before-restore copy, nothing else. */
  g_assert_cmpuint (count_files (fixture->backup_folder), ==, 2);
}

static void
test_describe (void)
{
  CrmBackupSummary summary = { .n_contacts = 1, .n_deals = 400 };
  g_autofree char *one = crm_backups_describe_counts (&summary);
  g_autofree char *reason = crm_backups_describe_reason ("before-migration-v5");
  g_autofree char *daily = crm_backups_describe_reason ("daily");

  g_assert_cmpstr (one, ==, "1 contact · 400 deals");
  g_assert_cmpstr (reason, ==, "Before the upgrade to database version 5");
  g_assert_cmpstr (daily, ==, "Daily backup");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backups/describe", test_describe);
  TEST_F ("/backups/names", test_names);
  TEST_F ("/backups/list-with-counts", test_list_with_counts);
  TEST_F ("/backups/rotate-keeps-newest", test_rotate_keeps_newest);
  TEST_F ("/backups/daily-due", test_daily_due);
  TEST_F ("/backups/back-up-when-due", test_back_up_when_due);
  TEST_F ("/backups/restore/replaces-content", test_restore_replaces_content);
  TEST_F ("/backups/restore/refuses-damaged", test_restore_refuses_damaged);
  TEST_F ("/backups/restore/refuses-newer-and-foreign", test_restore_refuses_newer_and_foreign);
  TEST_F ("/backups/restore/refuses-open-database", test_restore_refuses_open_database);
  TEST_F ("/backups/restore/async", test_restore_async);
  TEST_F ("/backups/restore/wal-header-backup", test_wal_header_backup);
  TEST_F ("/backups/migration-backup-in-folder", test_migration_backup_in_folder);

  return g_test_run ();
}
