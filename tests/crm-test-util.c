/* crm-test-util.c — shared helpers of the test programs. */
#include <glib/gstdio.h>

#include "crm-test-util.h"

void
crm_test_add_contacts (const char *path, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CrmStore) store = crm_store_open (path, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CrmContactRecord) contact = crm_contact_record_new ();
      contact->name = g_strdup_printf ("Person %u", i);
      g_assert_true (crm_store_insert_contact (store, contact, &error));
      g_assert_no_error (error);
    }
}

guint
crm_test_read_n_contacts (const char *path)
{
  CrmBackupSummary summary = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (crm_store_read_summary (path, &summary, &error));
  g_assert_no_error (error);
  return summary.n_contacts;
}

char *
crm_test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
crm_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      crm_test_remove_tree (child);
    }
  g_rmdir (path);
}

void
crm_test_folder_init (CrmTestFolder *folder, const char *tmpl)
{
  g_autoptr (GError) error = NULL;

  folder->folder = g_dir_make_tmp (tmpl, &error);
  g_assert_no_error (error);
  folder->path = g_build_filename (folder->folder, "crm.db", NULL);
}

void
crm_test_folder_clear (CrmTestFolder *folder)
{
  crm_test_remove_tree (folder->folder);
  g_clear_pointer (&folder->folder, g_free);
  g_clear_pointer (&folder->path, g_free);
}

void
crm_test_store_fixture_set_up (CrmTestStoreFixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fixture->folder = g_dir_make_tmp ("rapport-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->folder, "crm.db", NULL);
  fixture->store = crm_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

void
crm_test_store_fixture_tear_down (CrmTestStoreFixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->store);
  crm_test_remove_tree (fixture->folder);
  g_clear_pointer (&fixture->folder, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

void
crm_test_remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

GArray *
crm_test_list_default_stage_ids (CrmStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pipelines = crm_store_list_pipelines (store, &error);
  g_autoptr (GPtrArray) stages = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_no_error (error);
  g_assert_cmpuint (pipelines->len, >, 0);
  stages = crm_store_list_stages (store, ((CrmPipelineRecord *) pipelines->pdata[0])->id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stages->len; i++)
    g_array_append_val (ids, ((CrmStageRecord *) stages->pdata[i])->id);
  return ids;
}
